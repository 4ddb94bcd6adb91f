package org.ftverify.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ftverify.core.CheckAbort;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertyEngineTest {
    static final ParameterSpace SPACE = ParameterSpace.of(
            Parameter.real("a", 0, 10, 1, "toy amplitude"),
            Parameter.integer("d", 8, 4096, 8, true, "toy dimension"));

    /** A wrong "theory": claims a stays within 3 of zero, so every point with a > 3 is a counterexample. */
    static Claim broken() {
        return Claim.builder("toy.broken").title("broken").statement("a <= 3").provenance("test").space(SPACE).tries(6, 6, 6)
                .check((p, ctx) -> new Evidence().compare(Comparison.absolute("a", 0, p.real("a"), 3, "toy"))).build();
    }

    static Claim sound() {
        return Claim.builder("toy.sound").title("sound").statement("a*a = a^2").provenance("test").space(SPACE)
                .check((p, ctx) -> new Evidence().compare(Comparison.absolute("a^2", Math.pow(p.real("a"), 2),
                        p.real("a") * p.real("a"), 1e-9, "round-off"))).build();
    }

    @Test
    void soundClaimIsVerified(@TempDir Path dir) {
        ClaimResult r = engine(dir, 1).run(sound(), "toy");
        assertEquals(Verdict.VERIFIED, r.verdict());
        assertEquals(3, r.tries().stream().filter(t -> t.phase().equals("random")).count());
        assertEquals(1, r.analysis().search().moves(), "quick level: one search move per three random tries");
        assertNull(r.counterexample());
    }

    @Test
    void brokenClaimIsFalsifiedShrunkArchivedAndReplayedFirst(@TempDir Path dir) throws Exception {
        ClaimResult r = engine(dir, 42).run(broken(), "toy");
        assertEquals(Verdict.FALSIFIED, r.verdict());
        assertNotNull(r.counterexample());
        assertTrue(Files.exists(r.counterexample()));
        assertEquals(8, r.worst().params().integer("d"), "dimension shrinks to its simple value");
        assertTrue(r.worst().params().real("a") > 3, "the shrunk point still fails");
        assertTrue(r.worst().params().real("a") <= 10);
        assertTrue(r.reproduce().startsWith("./ftverify replay "));

        CounterexampleStore.Stored s = CounterexampleStore.read(r.counterexample());
        assertEquals("toy.broken", s.claimId());
        // next run: the archived counterexample is replayed before any random try
        ClaimResult again = engine(dir, 7).run(broken(), "toy");
        assertEquals(Verdict.FALSIFIED, again.verdict());
        assertEquals(r.counterexample(), again.counterexample());
        assertEquals(1, again.tries().size());
    }

    @Test
    void sameRunSeedGivesSameTries(@TempDir Path dir) {
        var a = engine(dir, 5).run(sound(), "toy");
        var b = engine(dir, 5).run(sound(), "toy");
        for (int i = 0; i < a.tries().size(); i++) {
            assertEquals(a.tries().get(i).params(), b.tries().get(i).params());
            assertEquals(a.tries().get(i).seed(), b.tries().get(i).seed());
        }
    }

    @Test
    void divergenceIsInconclusiveNeverAPass(@TempDir Path dir) {
        Claim c = Claim.builder("toy.diverges").title("d").statement("s").provenance("test").space(SPACE)
                .check((p, ctx) -> { throw CheckAbort.diverged("SGD state became NaN at step 12"); }).build();
        ClaimResult r = engine(dir, 1).run(c, "toy");
        assertEquals(Verdict.INCONCLUSIVE, r.verdict());
        assertTrue(r.note().contains("diverged: SGD state became NaN"), r.note());
    }

    @Test
    void checkThatComparesNothingIsInconclusive(@TempDir Path dir) {
        Claim c = Claim.builder("toy.empty").title("e").statement("s").provenance("test").space(SPACE)
                .check((p, ctx) -> new Evidence()).build();
        assertEquals(Verdict.INCONCLUSIVE, engine(dir, 1).run(c, "toy").verdict());
    }

    @Test
    void nanObservationFails() {
        assertFalse(Comparison.absolute("x", 1, Double.NaN, 1, "t").passes());
        assertEquals(Verdict.FALSIFIED, new Evidence().compare(Comparison.relative("x", 1, Double.NaN, 0.1, "t")).verdict());
    }

    @Test
    void parseErrorsNameTheParameterAndRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> SPACE.parse(Map.of("a", "11")));
        assertEquals("parameter a: value '11' is outside the allowed range [0, 10]", e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> SPACE.parse(Map.of("dd", "1")));
        assertTrue(e2.getMessage().contains("unknown parameter 'dd'"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> SPACE.parse(Map.of("d", "9.5")));
        assertTrue(e3.getMessage().contains("[8, 4096] (integer)"), e3.getMessage());
    }

    @Test
    void malformedCounterexampleFileGivesOneLineError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"claim\": \"toy.broken\"");
        var e = assertThrows(IllegalArgumentException.class, () -> CounterexampleStore.read(f));
        assertTrue(e.getMessage().startsWith("counterexample file " + f), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void corruptOrOutOfRangeArchiveFilesAreSkippedWithAWarningAndKept(@TempDir Path dir) throws Exception {
        Path claimDir = dir.resolve("toy.sound");
        Files.createDirectories(claimDir);
        Path truncated = claimDir.resolve("a-truncated.json"), outOfRange = claimDir.resolve("b-range.json");
        Path empty = claimDir.resolve("c-empty.json"), good = claimDir.resolve("d-good.json");
        Files.writeString(truncated, "{\"claim\": \"toy.sound\", \"params\": {\"a\": 1");
        Files.writeString(outOfRange, "{\"claim\": \"toy.sound\", \"seed\": 3, \"params\": {\"a\": 99}}");
        Files.writeString(empty, "{\"claim\": \"toy.sound\", \"seed\": 3, \"params\": {}}");
        Files.writeString(good, "{\"claim\": \"toy.sound\", \"seed\": 3, \"params\": {\"a\": 2.5, \"d\": 16}}");
        java.util.List<String> warnings = new java.util.ArrayList<>();
        EngineConfig config = new EngineConfig(EvidenceLevel.QUICK, 1, dir, 40, true, null);
        PropertyEngine e = new PropertyEngine(config, s -> {}, warnings::add);
        ClaimResult r = e.run(sound(), "toy");
        assertEquals(Verdict.VERIFIED, r.verdict(), "the rest of the claim runs");
        assertEquals(1 + 3 + config.searchMoves(3), r.tries().size(), "the good archived file is replayed, then the random tries and search moves");
        assertEquals(3, warnings.size(), String.join("\n", warnings));
        assertTrue(warnings.get(0).contains(truncated + ": not a valid counterexample JSON: the text ends early"), warnings.get(0));
        // unreadable files are found when the claim's directory is read, out-of-range ones when replay starts
        assertTrue(warnings.get(1).contains(empty + ": 'params' is empty"), warnings.get(1));
        assertTrue(warnings.get(2).contains(outOfRange + ": parameter a: value '99' is outside the allowed range [0, 10]"), warnings.get(2));
        for (String w : warnings) {
            assertTrue(w.startsWith("[ftverify] warning: skipped archived counterexample "), w);
            assertTrue(w.endsWith("(file kept)"), w);
            assertFalse(w.contains("\n") || w.contains("Gson") || w.contains("com.google"), w);
        }
        assertEquals(3, e.skippedArchiveFiles().size());
        for (Path f : new Path[] {truncated, outOfRange, empty, good}) assertTrue(Files.exists(f), "kept: " + f);
    }

    private static PropertyEngine engine(Path dir, long seed) {
        return new PropertyEngine(new EngineConfig(EvidenceLevel.QUICK, seed, dir, 40, true, null), s -> {});
    }
}
