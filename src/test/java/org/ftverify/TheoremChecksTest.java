package org.ftverify;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
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
import org.ftverify.engine.Runner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The theorem checks: every registered claim is one JUnit test (so Surefire lists it), run through the property
 * engine at the level given by -Dftverify.level (default quick) and the run seed -Dftverify.seed (default: a
 * fresh seed, printed and recorded in results.json so the run can be repeated bit for bit). After the last claim
 * the same results.json and HTML report as `./ftverify report` are written under target/ftverify/.
 */
class TheoremChecksTest {
    private static final Map<String, ClaimResult> RESULTS = new LinkedHashMap<>();
    private static final Instant STARTED = Instant.now();
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
        runner = new Runner(registry, new PropertyEngine(EngineConfig.of(level, seed, root), s -> {}), System.out, true);
        return runner.select(null, null).stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c)));
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

    @AfterAll
    static void writeResultsAndReport() {
        if (runner == null) return;
        Path root = Path.of(System.getProperty("ftverify.root", ".")).toAbsolutePath();
        runner.printSummary(RESULTS);
        Path json = root.resolve("target/ftverify/results.json");
        runner.writeResults(json, RESULTS, STARTED, command);
        System.out.println("[ftverify] results: " + json);
        // Proof pages already executed by ProofsTest in this JVM are not run a second time.
        Instant jvmStart = Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
        System.out.println("[ftverify] report: " + ReportStep.build(root, json, System.out, jvmStart));
    }
}
