package org.ftverify.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.EvidenceLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlarmBudgetTest {
    /** Fails at odd run seeds only: a claim with a false-alarm rate of one half. */
    static Claim flaky() {
        return Claim.builder("toya.flaky").title("flaky").statement("s").provenance("test").space(ToyTheory.SPACE).tries(1, 1, 1)
                .check((p, ctx) -> new Evidence().compare(Comparison.absolute("x", 0, (ctx.seed() & 1) == 0 ? 0 : 5, 1, "toy"))).build();
    }

    @Test
    void countsNonVerifiedVerdictsPerClaimAndSeedAndLeavesTheArchiveAlone(@TempDir Path dir) throws Exception {
        Path durable = dir.resolve("verification/counterexamples");
        Files.createDirectories(durable);
        ToyTheory t = new ToyTheory("toya", List.of(ToyTheory.sound("toya.sound", 0), flaky()));
        // find seeds whose try-0 seed is odd and even, so the outcome is known
        long odd = -1, even = -1;
        for (long s = 0; odd < 0 || even < 0; s++) {
            long trySeed = org.ftverify.core.Seeds.mix(org.ftverify.core.Seeds.mix(s, org.ftverify.core.Seeds.of("toya.flaky")), 0);
            if ((trySeed & 1) == 1 && odd < 0) odd = s;
            if ((trySeed & 1) == 0 && even < 0) even = s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Path alarms = dir.resolve("target/ftverify/alarms");
        AlarmBudget.Outcome o = AlarmBudget.run(ToyTheory.registry(t), t.claims(), EvidenceLevel.QUICK, List.of(even, odd, even), alarms, out, false);
        AlarmBudget.print(o, out);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, o.alarms(), text);
        assertTrue(text.contains("false alarms: 1 of 6 claim runs (2 claims x 3 seeds)"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("toya\\.flaky\\s+V\\s+F\\s+V\\s+1")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("toya\\.sound\\s+V\\s+V\\s+V\\s+0")), text);
        assertTrue(text.contains("#2 = " + odd), text);
        try (var s = Files.list(durable)) {
            assertEquals(0, s.count(), "the durable archive is untouched");
        }
        assertTrue(Files.isDirectory(alarms.resolve("seed-" + odd).resolve("counterexamples/toya.flaky")));
        String json = Files.readString(alarms.resolve("alarms.json"));
        assertTrue(json.contains("\"seeds\"") && json.contains(String.valueOf(odd)), json);
    }
}
