package org.ftverify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ftverify.cli.ReportStep;
import org.ftverify.core.Claim;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.core.Verdict;
import org.ftverify.engine.ClaimResult;
import org.ftverify.engine.EngineConfig;
import org.ftverify.engine.PropertyEngine;
import org.ftverify.engine.ResultStore;
import org.ftverify.engine.RunRecord;
import org.ftverify.engine.Runner;
import org.ftverify.engine.SummaryTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The theorem checks: every registered claim is one JUnit test (so Surefire lists it), run through the property
 * engine at the level given by -Dftverify.level (default quick) and the run seed -Dftverify.seed (default: a
 * fresh seed, printed and recorded in results.json so the run can be repeated bit for bit). After the last claim
 * the same results.json and HTML report as `./ftverify report` are written under target/ftverify/; each claim's
 * result is recorded the moment it finishes (a killed build keeps what it finished).
 */
class TheoremChecksTest {
    private static final Map<String, ClaimResult> RESULTS = new LinkedHashMap<>();
    private static Runner runner;
    private static String command;

    @TestFactory
    Stream<DynamicTest> theorems() {
        Path root = Path.of(System.getProperty("ftverify.root", ".")).toAbsolutePath();
        EvidenceLevel level = EvidenceLevel.parse(System.getProperty("ftverify.level", "quick"));
        String seedText = System.getProperty("ftverify.seed", "").trim();
        long seed = seedText.isEmpty() ? new SecureRandom().nextLong() : Long.parseLong(seedText);
        command = "mvn verify -Dftverify.level=" + level.id() + " -Dftverify.seed=" + seed;
        System.out.println("[ftverify] theorem checks at level " + level.id() + ", run seed " + seed + " (reproduce: " + command + ")");
        TheoryRegistry registry = TheoryRegistry.load();
        runner = new Runner(registry, new PropertyEngine(EngineConfig.of(level, seed, root), s -> {}, System.out::println), System.out, true)
                .recordingTo(ResultStore.under(root), RunRecord.start(level, seed, command, root));
        List<Claim> claims = runner.select(null, null);
        runner.begin(claims); // fails at once, in one line, when target/ftverify or the archive cannot be written
        return claims.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c)));
    }

    private static void check(Claim c) {
        ClaimResult r = runner.runOne(c);
        RESULTS.put(c.id(), r);
        if (r.verdict() == Verdict.FALSIFIED) {
            fail(c.id() + " FALSIFIED at " + r.worst().params() + " seed " + r.worst().seed() + "\n"
                    + r.worst().evidence().summary() + "\nreplay: " + r.reproduce());
        }
        if (r.verdict() == Verdict.INCONCLUSIVE) {
            fail(c.id() + " INCONCLUSIVE (numerics could not decide): " + r.note() + "\nreproduce: " + r.reproduce());
        }
    }

    /** Each claim's result is recorded as it finishes; the summary table is printed last by the build (BuildSummary). */
    @AfterAll
    static void writeResultsAndReport() {
        if (runner == null) return;
        Path root = Path.of(System.getProperty("ftverify.root", ".")).toAbsolutePath();
        runner.finish();
        System.out.println("[ftverify] theorem checks: " + SummaryTable.counts(RESULTS.values().stream().map(r -> r.verdict().name()).toList())
                + " (summary table at the end of the build)");
        Path json = ResultStore.under(root).resultsJson();
        System.out.println("[ftverify] results: " + json);
        // Proof pages already executed by ProofsTest in this JVM are not run a second time.
        Instant jvmStart = Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
        var report = ReportStep.render(root, json, System.out, jvmStart);
        System.out.println("[ftverify] report: " + report.index());
        // The real pages (guide, theory pages, proofs) must render cleanly: an Asciidoctor warning means text the
        // reader does not see as written (a dropped table cell, a list that swallowed a paragraph, a lost anchor).
        assertEquals(java.util.List.of(), report.warnings(), "Asciidoctor warnings in the report");
    }
}
