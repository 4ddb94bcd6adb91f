package org.ftverify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ftverify.core.CheckAbort;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.core.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sharded run decides every claim as the sequential engine does: same verdicts, same gaps, same decisive points,
 * for 1, 3 and 7 shards, with archived counterexamples replayed as units of their own, a resumed shard, and a note
 * when records come from different vector species.
 */
class ShardedRunTest {
    static final ParameterSpace SPACE = ParameterSpace.of(Parameter.real("a", 0, 10, 1, "toy amplitude"));
    static final Plan.Build BUILD = new Plan.Build("test", "abc", false);

    @TempDir
    Path dir;

    /** Fails where a > 8 (the lowest failing try index must win, whichever shard ran it). */
    static Claim edge() {
        return Claim.builder("flaky.edge").title("edge").statement("a <= 8").provenance("test").space(SPACE).tries(16, 16, 16)
                .check((p, ctx) -> new Evidence().compare(Comparison.absolute("a clipped", Math.min(p.real("a"), 8), p.real("a"), 1e-9, "exact"))).build();
    }

    /** Undecided where 2 < a < 3 (the claim is then INCONCLUSIVE), noisy gap elsewhere so the search has something to climb. */
    static Claim domain() {
        return Claim.builder("flaky.domain").title("domain").statement("noise").provenance("test").space(SPACE).tries(12, 12, 12)
                .check((p, ctx) -> {
                    double a = p.real("a");
                    if (a > 2 && a < 3) throw CheckAbort.outsideDomain("a in (2, 3)");
                    double noise = new java.util.SplittableRandom(ctx.seed()).nextGaussian();
                    return new Evidence().compare(Comparison.absolute("noise", 0, 0.1 * noise * a / 10, 1, "unit tolerance"));
                }).build();
    }

    /** Always holds with a seed-dependent gap: the targeted search runs in the merge. */
    static Claim noisy() {
        return Claim.builder("flaky.noisy").title("noisy").statement("noise").provenance("test").space(SPACE).tries(9, 9, 9)
                .check((p, ctx) -> {
                    double noise = new java.util.SplittableRandom(ctx.seed()).nextGaussian();
                    return new Evidence().compare(Comparison.absolute("noise", 0, 0.2 * noise * p.real("a") / 10, 1, "unit tolerance"));
                }).build();
    }

    private final TheoryRegistry registry = new TheoryRegistry(List.of(new ToyTheory("flaky", List.of(edge(), domain(), noisy())),
            ToyTheory.of("slow", 2, 0), new org.ftverify.example.ToyTheory()));

    private List<Claim> claims() {
        List<Claim> cs = new ArrayList<>();
        registry.theories().forEach(t -> cs.addAll(t.claims()));
        return cs;
    }

    private EngineConfig config(long seed, Path archive) {
        return new EngineConfig(EvidenceLevel.QUICK, seed, archive, 12, true, null);
    }

    /** What must agree between a sequential and a sharded run of one claim. */
    private static String fingerprint(ClaimResult r) {
        StringBuilder sb = new StringBuilder(r.verdict() + " gap=" + r.normalisedGap() + " worst=" + (r.worst() == null ? null : r.worst().params() + "@" + r.worst().index())
                + " tries=" + r.tries().size() + " note=" + r.note());
        for (TryRecord t : r.tries()) sb.append("\n  ").append(t.index()).append(' ').append(t.params()).append(' ').append(t.seed()).append(' ').append(t.normalisedGap());
        return sb.toString();
    }

    private Map<String, String> sequential(long seed, Path archive) {
        PropertyEngine engine = new PropertyEngine(config(seed, archive), s -> {}, s -> {});
        Map<String, String> out = new LinkedHashMap<>();
        for (Claim c : claims()) out.put(c.id(), fingerprint(engine.run(c, registry.theoryOf(c).id())));
        return out;
    }

    private Map<String, String> sharded(long seed, Path archive, int shards, String tag) {
        Plan plan = Plan.create(claims(), config(seed, archive), BUILD, "all", shards, Map.of());
        Path planFile = dir.resolve(tag + "/plan.json");
        try {
            Files.createDirectories(planFile.getParent());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        plan.write(planFile);
        plan = Plan.read(planFile); // workers see the plan only through its file
        List<Path> files = new ArrayList<>();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        for (int k = 0; k < shards; k++) {
            Path f = dir.resolve(tag + "/shards/" + k + ".jsonl");
            ShardRunner.run(plan, k, registry, config(seed, archive), f, quiet);
            files.add(f);
        }
        return merge(plan, files, seed, archive, tag);
    }

    /** As {@link #sharded} with the targeted search as a second stage of search units (ShardSearch) before the merge. */
    private Map<String, String> shardedWithSearchStage(long seed, Path archive, int shards, String tag) {
        Plan plan = Plan.create(claims(), config(seed, archive), BUILD, "all", shards, Map.of());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < shards; k++) {
            Path f = dir.resolve(tag + "/shards/" + k + ".jsonl");
            ShardRunner.run(plan, k, registry, config(seed, archive), f, quiet);
            files.add(f);
        }
        List<Path> all = new ArrayList<>(files);
        int searched = 0;
        for (int k = 0; k < shards; k++) {
            Path f = dir.resolve(tag + "/search/" + k + ".jsonl");
            searched += ShardSearch.run(plan, k, files, registry, config(seed, archive), f, quiet);
            all.add(f);
        }
        assertTrue(searched > 0, "some claims had a search unit");
        assertNotNull(ShardSearch.recorded(registry.claim("flaky.noisy"), ShardMerge.read(plan, all, registry, quiet)),
                "the merge takes flaky.noisy's search from its search record");
        return merge(plan, all, seed, archive, tag);
    }

    private Map<String, String> merge(Plan plan, List<Path> files, long seed, Path archive, String tag) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PropertyEngine engine = new PropertyEngine(config(seed, archive), s -> {}, s -> {});
        Runner runner = new Runner(registry, engine, quiet, false)
                .recordingTo(new ResultStore(dir.resolve(tag + "/out")), RunRecord.start(EvidenceLevel.QUICK, seed, "merge", dir));
        ShardMerge.Outcome o = ShardMerge.merge(plan, files, registry, runner, engine, quiet);
        assertEquals(List.of(), o.missing());
        assertTrue(Files.exists(dir.resolve(tag + "/out/results.json")), "merge writes results.json");
        Map<String, String> out = new LinkedHashMap<>();
        o.results().forEach((id, r) -> out.put(id, fingerprint(r)));
        return out;
    }

    @Test
    void shardedRunsDecideAsTheSequentialEngine() {
        for (long seed : new long[] {1, 2}) {
            Path seqArchive = dir.resolve("seq-archive-" + seed);
            Map<String, String> seq = sequential(seed, seqArchive);
            assertTrue(seq.get("flaky.edge").startsWith("FALSIFIED"), seq.get("flaky.edge"));
            for (int shards : new int[] {1, 3, 7}) {
                Map<String, String> sh = sharded(seed, dir.resolve("archive-" + seed + "-" + shards), shards, "s" + seed + "-" + shards);
                assertEquals(seq, sh, "seed " + seed + ", " + shards + " shards");
                assertEquals(seq, shardedWithSearchStage(seed, dir.resolve("archive-search-" + seed + "-" + shards), shards, "t" + seed + "-" + shards),
                        "seed " + seed + ", " + shards + " shards, search as a second stage");
            }
            // Second round: the sequential run archived a counterexample; it is replayed first, sequentially and as a unit.
            Map<String, String> seq2 = sequential(seed, seqArchive);
            assertTrue(seq2.get("flaky.edge").contains("archived counterexample still fails"), seq2.get("flaky.edge"));
            assertEquals(seq2, sharded(seed, seqArchive, 3, "replay-" + seed));
        }
    }

    @Test
    void aKilledShardResumesAndMissingUnitsAreListed() throws IOException {
        long seed = 5;
        Path archive = dir.resolve("archive");
        Plan plan = Plan.create(claims(), config(seed, archive), BUILD, "all", 2, Map.of());
        Path f0 = dir.resolve("k/0.jsonl"), f1 = dir.resolve("k/1.jsonl");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        ShardRunner.run(plan, 0, registry, config(seed, archive), f0, quiet);

        // shard 1 "killed": only its first three records and half of the fourth line reached the disk
        Path full = dir.resolve("k/full1.jsonl");
        ShardRunner.run(plan, 1, registry, config(seed, archive), full, quiet);
        List<String> lines = Files.readAllLines(full);
        Files.writeString(f1, String.join("\n", lines.subList(0, 3)) + "\n" + lines.get(3).substring(0, lines.get(3).length() / 2));

        Map<String, ShardRecords.Line> partial = ShardMerge.read(plan, List.of(f0, f1), registry, quiet);
        List<String> missing = ShardMerge.missing(plan, partial);
        List<String> lost = plan.unitsOf(1).subList(3, plan.unitsOf(1).size()).stream().map(Plan.Unit::id).toList();
        assertTrue(!missing.isEmpty() && lost.containsAll(missing), "missing units " + missing + " must be among the lost " + lost);

        ShardRunner.Outcome resumed = ShardRunner.run(plan, 1, registry, config(seed, archive), f1, quiet);
        assertEquals(3, resumed.resumed());
        assertEquals(Files.readAllLines(full).size(), Files.readAllLines(f1).size());
        assertEquals(sequential(seed, dir.resolve("seq")), merge(plan, List.of(f0, f1), seed, archive, "k"));
    }

    @Test
    void differentVectorSpeciesAreNoted() throws IOException {
        long seed = 9;
        Plan plan = Plan.create(claims(), config(seed, dir.resolve("a")), BUILD, "all", 2, Map.of());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path f0 = dir.resolve("v/0.jsonl"), f1 = dir.resolve("v/1.jsonl");
        ShardRunner.run(plan, 0, registry, config(seed, dir.resolve("a")), f0, quiet);
        ShardRunner.run(plan, 1, registry, config(seed, dir.resolve("a")), f1, quiet);
        assertNull(ShardMerge.speciesNote(ShardMerge.read(plan, List.of(f0, f1), registry, quiet)));
        String other = Files.readString(f1).replaceAll("\"species\":\"[^\"]*\"", "\"species\":\"Float64Vector512\"");
        Files.writeString(f1, other);
        String note = ShardMerge.speciesNote(ShardMerge.read(plan, List.of(f0, f1), registry, quiet));
        assertNotNull(note);
        assertTrue(note.contains("Float64Vector512") && note.contains(org.ftverify.simd.Kernels.species()), note);
    }

    @Test
    void shardsAreBalancedByCost() {
        Plan plan = Plan.create(claims(), config(1, dir.resolve("a")), BUILD, "all", 3,
                Map.of("flaky.edge", 5.0, "flaky.domain", 1.0, "flaky.noisy", 1.0, "slow.c1", 1.0, "slow.c2", 1.0));
        double total = plan.unitSeconds(), max = 0;
        for (int k = 0; k < 3; k++) max = Math.max(max, plan.shardSeconds(k));
        assertTrue(max <= total / 3 + 5.0, "largest shard " + max + " of total " + total);
        assertEquals(Verdict.VERIFIED, Verdict.valueOf("VERIFIED"));
    }
}
