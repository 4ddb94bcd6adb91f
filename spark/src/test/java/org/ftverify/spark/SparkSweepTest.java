package org.ftverify.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ftverify.cli.ClusterCommands;
import org.ftverify.core.Claim;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.engine.ClaimResult;
import org.ftverify.engine.EngineConfig;
import org.ftverify.engine.PropertyEngine;
import org.ftverify.engine.ResultStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan run on Spark in local[2] (two executor threads in this JVM, tasks serialised as in a cluster) gives the
 * verdicts and gaps of the sequential engine with the same run seed, for a few fast claims: two simulation claims and
 * one that evaluates with Symja (whose Kryo 5 this module excludes in favour of Spark's kryo-shaded 4).
 */
class SparkSweepTest {
    static final List<String> CLAIMS = List.of("dln.gd-conservation", "lora.reference-tau", "lora.saddle-rate-identities");
    static final long SEED = 20261202L;

    @TempDir
    Path tmp;

    static Path root() {
        return Path.of(System.getProperty("ftverify.root", "..")).toAbsolutePath().normalize();
    }

    @BeforeAll
    static void quietSpark() {
        System.setProperty("spark.ui.enabled", "false"); // no web UI port in tests
    }

    @Test
    void sparkRunGivesTheSequentialVerdictsAndGaps() throws Exception {
        Path root = root(), dir = tmp.resolve("sweep"), results = tmp.resolve("results");
        Files.createDirectories(dir);
        Path plan = dir.resolve("plan.json");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        int planned = ClusterCommands.run(new String[] {"plan", "--claim", String.join(",", CLAIMS), "--level", "quick", "--seed", Long.toString(SEED),
                "--shards", "3", "-o", plan.toString(), "--results", results.toString()}, root, new ResultStore(results), () -> TheoryRegistry.load(root), out);
        assertEquals(0, planned, log.toString(StandardCharsets.UTF_8));

        SparkSweep.Outcome o = SparkSweep.sweep(new String[] {"--plan", plan.toString(), "--master", "local[2]", "--results", results.toString(),
                "--no-report"}, root, out);
        System.out.print(log.toString(StandardCharsets.UTF_8));
        assertEquals(0, o.exitCode(), "spark sweep exit code; log:\n" + log.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(dir.resolve("search/spark.jsonl")).contains("\"unit\":\"dln.gd-conservation#search\""),
                "the targeted search of dln.gd-conservation ran as a Spark task");

        TheoryRegistry reg = TheoryRegistry.load(root);
        Map<String, String> sequential = new LinkedHashMap<>();
        PropertyEngine engine = new PropertyEngine(new EngineConfig(EvidenceLevel.QUICK, SEED, tmp.resolve("archive"), 12, true, null), s -> {}, s -> {});
        for (String id : CLAIMS) {
            Claim c = reg.claim(id);
            ClaimResult r = engine.run(c, reg.theoryOf(c).id());
            sequential.put(c.id(), r.verdict() + " " + r.normalisedGap());
        }
        assertEquals(sequential, merged(results.resolve("results.json")), "Spark local[2] vs sequential run at seed " + SEED);

        // started again on the same directory: every unit and search is already recorded, nothing is evaluated again
        SparkSweep.Outcome again = SparkSweep.sweep(new String[] {"--plan", plan.toString(), "--master", "local[2]", "--results",
                results.toString(), "--no-report"}, root, out);
        assertEquals(0, again.unitsRun() + again.searchesRun(), "a finished run resumed evaluates nothing");
        assertEquals(sequential, merged(results.resolve("results.json")), "the resumed run merges to the same results");
    }

    /**
     * The toy claims (falsified at some tries, undecided at some, searched) at two run seeds: the Spark run's verdicts,
     * gaps and decisive points equal the sequential engine's. The run uses a copy of the theory pages as its root, so the
     * merge archives the toy counterexamples there, not in the repository.
     */
    @Test
    void falsifiedUndecidedAndSearchedClaimsDecideAsSequentially() throws Exception {
        Path root = tmp.resolve("root");
        copyTree(root().resolve("docs"), root.resolve("docs"));
        copyTree(root().resolve("proofs"), root.resolve("proofs"));
        List<String> toy = List.of("sparktoy.edge", "sparktoy.domain", "sparktoy.noisy");
        for (long seed : new long[] {1, 2}) {
            Path dir = Files.createDirectories(tmp.resolve("toy-" + seed)), results = dir.resolve("results"), plan = dir.resolve("plan.json");
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
            assertEquals(0, ClusterCommands.run(new String[] {"plan", "--theory", "sparktoy", "--seed", Long.toString(seed), "--shards", "2", "-o",
                    plan.toString(), "--results", results.toString()}, root, new ResultStore(results), () -> TheoryRegistry.load(root), out));
            SparkSweep.Outcome o = SparkSweep.sweep(new String[] {"--plan", plan.toString(), "--master", "local[2]", "--results", results.toString(),
                    "--no-report"}, root, out);
            assertTrue(o.exitCode() == 0 || o.exitCode() == 1, "exit 0 or 1 (falsified); log:\n" + log.toString(StandardCharsets.UTF_8));

            TheoryRegistry reg = TheoryRegistry.load(root);
            PropertyEngine engine = new PropertyEngine(new EngineConfig(EvidenceLevel.QUICK, seed, dir.resolve("seq-archive"), 12, true, null), s -> {}, s -> {});
            Map<String, String> sequential = new LinkedHashMap<>();
            for (String id : toy) {
                ClaimResult r = engine.run(reg.claim(id), "sparktoy");
                sequential.put(id, r.verdict() + " " + r.normalisedGap() + " at " + (r.worst() == null ? null : org.ftverify.engine.JsonCodec.params(r.worst().params())));
            }
            assertTrue(sequential.get("sparktoy.edge").startsWith("FALSIFIED"), sequential.toString());
            assertEquals(sequential, merged(results.resolve("results.json"), toy, true), "Spark local[2] vs sequential, toy claims, seed " + seed);
        }
    }

    private static String worstParams(JsonObject claim) {
        JsonElement w = claim.get("worst");
        return w == null || w.isJsonNull() ? "null" : w.getAsJsonObject().get("params").toString();
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
    }

    /** The flags the CLI prints for spark-submit include every JVM flag this module's tests need on Java 17. */
    @Test
    void printedSubmitFlagsCoverTheModulesJvmFlags() {
        String needed = System.getProperty("spark.jvmFlags", "");
        for (String flag : needed.trim().split("\\s+"))
            if (flag.startsWith("--add-opens") || flag.startsWith("--add-modules") || flag.startsWith("-D"))
                assertTrue(org.ftverify.cli.SparkSubmit.JVM_FLAGS.contains(flag), "spark-submit flags lack " + flag);
    }

    static Map<String, String> merged(Path resultsJson) throws Exception {
        return merged(resultsJson, CLAIMS, false);
    }

    /** Verdict and gap of each of {@code claims} in results.json (and the worst point's parameters when asked). */
    static Map<String, String> merged(Path resultsJson, List<String> claims, boolean worst) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        JsonObject json = JsonParser.parseString(Files.readString(resultsJson)).getAsJsonObject();
        for (JsonElement t : json.getAsJsonArray("theories"))
            for (JsonElement ce : t.getAsJsonObject().getAsJsonArray("claims")) {
                JsonObject c = ce.getAsJsonObject();
                if (!claims.contains(c.get("id").getAsString())) continue;
                double gap = c.get("normalisedGap") == null || c.get("normalisedGap").isJsonNull() ? Double.NaN : c.get("normalisedGap").getAsDouble();
                out.put(c.get("id").getAsString(), c.get("verdict").getAsString() + " " + gap + (worst ? " at " + worstParams(c) : ""));
            }
        return out;
    }
}
