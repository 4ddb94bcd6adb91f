package org.ftverify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.ftverify.core.Mutant;
import org.ftverify.core.TheoryRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan --mutant}: a run of a wrong theory spread over shards decides its claims as {@code verify --mutant}
 * does (same verdicts and gaps, N = 2 shards against the sequential engine), and the merge records it as a mutant run
 * in its own result directory, never among the theory's results.
 */
class MutantPlanTest {
    static final String MUTANT = "toy-rate-x1.25";

    @TempDir
    Path dir;

    private final TheoryRegistry registry = new TheoryRegistry(List.of(new org.ftverify.example.ToyTheory()));

    private static String fingerprint(ClaimResult r) {
        StringBuilder sb = new StringBuilder(r.verdict() + " gap=" + r.normalisedGap() + " worst=" + (r.worst() == null ? null : r.worst().params())
                + " tries=" + r.tries().size());
        for (TryRecord t : r.tries()) sb.append("\n  ").append(t.index()).append(' ').append(t.params()).append(' ').append(t.normalisedGap());
        return sb.toString();
    }

    /** What {@code verify --mutant} runs: the mutant's target claims through the engine with the mutant's archive. */
    private Map<String, String> sequential(long seed) {
        Mutant m = registry.mutant(MUTANT);
        EngineConfig config = EngineConfig.of(EvidenceLevel.QUICK, seed, dir.resolve("seq")).forMutant(MUTANT, dir.resolve("seq"));
        PropertyEngine engine = new PropertyEngine(config, s -> {}, s -> {});
        Map<String, String> out = new LinkedHashMap<>();
        for (Claim c : m.targets()) out.put(c.id(), fingerprint(engine.run(c, "toy")));
        return out;
    }

    private int cli(Path root, PrintStream out, String... args) {
        return ClusterCommands.run(args, root, ResultStore.under(root), () -> registry, out);
    }

    @Test
    void aShardedMutantRunDecidesAsTheSequentialOneAndIsLabelled() throws Exception {
        long seed = 11;
        Map<String, String> seq = sequential(seed);
        assertTrue(seq.values().stream().anyMatch(f -> f.startsWith("FALSIFIED")), "the mutant is caught: " + seq);

        Path root = dir.resolve("run");
        Files.createDirectories(root);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        Path planFile = root.resolve("plan.json");
        cli(root, out, "plan", "--mutant", MUTANT, "--level", "quick", "--seed", String.valueOf(seed), "--shards", "2", "-o", planFile.toString());
        Plan plan = Plan.read(planFile);
        assertEquals(MUTANT, plan.mutant());
        assertEquals(registry.mutant(MUTANT).targets().stream().map(Claim::id).toList(), plan.claims());
        for (int k = 0; k < 2; k++)
            cli(root, out, "shard", "--plan", planFile.toString(), "--index", String.valueOf(k), "-o", root.resolve("shards/" + k + ".jsonl").toString());

        // The same merge the CLI does, engine level, to compare whole fingerprints with the sequential run.
        TheoryRegistry mutantRegistry = plan.registry(registry);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PropertyEngine engine = new PropertyEngine(plan.config(root), s -> {}, s -> {});
        Runner runner = new Runner(mutantRegistry, engine, quiet, false)
                .recordingTo(new ResultStore(dir.resolve("engine-merge")), RunRecord.start(EvidenceLevel.QUICK, seed, "merge", root));
        ShardMerge.Outcome o = ShardMerge.merge(plan, List.of(root.resolve("shards/0.jsonl"), root.resolve("shards/1.jsonl")), mutantRegistry,
                runner, engine, quiet);
        Map<String, String> sharded = new LinkedHashMap<>();
        o.results().forEach((id, r) -> sharded.put(id, fingerprint(r)));
        assertEquals(seq, sharded, "mutant " + MUTANT + ", 2 shards against the sequential engine");

        // The CLI merge: a mutant run, in its own directory, labelled.
        cli(root, out, "merge", "--plan", planFile.toString(), root.resolve("shards/0.jsonl").toString(), root.resolve("shards/1.jsonl").toString());
        Path results = root.resolve("target/ftverify/mutants/" + MUTANT + "/results.json");
        assertTrue(Files.exists(results), log.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(root.resolve("target/ftverify/results.json")), "the theory's results are not touched");
        JsonObject json = JsonParser.parseString(Files.readString(results)).getAsJsonObject();
        assertEquals(MUTANT, json.getAsJsonObject("mutant").get("name").getAsString());
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("MUTANT run results (not the theory's verdicts)"), text);
        assertTrue(text.contains("claims it must break FALSIFIED"), text);
    }
}
