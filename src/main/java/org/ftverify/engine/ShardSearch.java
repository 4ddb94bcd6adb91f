package org.ftverify.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.ftverify.core.AtomicFiles;
import org.ftverify.core.Claim;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.core.Verdict;
import org.ftverify.simd.Kernels;

/**
 * The targeted search of a sharded run as units of a second stage: one unit per claim with search moves, run after
 * the shards (it climbs from the claim's try records), dealt to the plan's shard count by expected cost (moves x the
 * claim's unit cost). A search unit runs exactly the engine's search (same seed, same starting tries) and records every
 * evaluation and the outcome; the merge then decides the claim from that record instead of searching itself, so the
 * verdicts stay those of the sequential engine. A claim whose tries already falsified it or were undecided needs no
 * search (recorded as not needed). Without search records the merge searches locally, as before.
 */
public final class ShardSearch {
    static final String KIND = "search";

    private ShardSearch() {}

    public static String unitId(String claim) {
        return claim + "#search";
    }

    /** The claims whose search belongs to search shard {@code shard} (longest expected search first, least loaded shard). */
    public static List<String> claimsOf(Plan plan, TheoryRegistry registry, EngineConfig config, int shard) {
        int n = plan.shards();
        double[] load = new double[n];
        List<String> claims = new ArrayList<>(plan.claims().stream().filter(c -> moves(registry.claim(c), config) > 0).toList());
        claims.sort(Comparator.comparingDouble((String c) -> -moves(registry.claim(c), config) * plan.costs().getOrDefault(c, 1.0)));
        List<String> mine = new ArrayList<>();
        for (String c : claims) {
            int best = 0;
            for (int k = 1; k < n; k++) if (load[k] < load[best]) best = k;
            load[best] += moves(registry.claim(c), config) * plan.costs().getOrDefault(c, 1.0);
            if (best == shard) mine.add(c);
        }
        return mine;
    }

    private static int moves(Claim c, EngineConfig config) {
        return config.searchMoves(c.tries(config.level()));
    }

    /** Runs the search units of one search shard from the shard records; one record per claim, appended to {@code out}. */
    public static int run(Plan plan, int shard, List<Path> shardFiles, TheoryRegistry registry, EngineConfig config, Path out, PrintStream log) {
        if (shard < 0 || shard >= plan.shards())
            throw new IllegalArgumentException("index: must be in [0, " + (plan.shards() - 1) + "], got " + shard);
        Map<String, ShardRecords.Line> records = ShardMerge.read(plan, shardFiles, registry, log);
        List<String> missing = ShardMerge.missing(plan, records);
        PropertyEngine engine = new PropertyEngine(config.withoutArchive(), s -> {}, log::println);
        java.util.Set<String> done = new java.util.HashSet<>();
        for (JsonObject r : ShardRecords.read(out).records()) done.add(r.get("unit").getAsString());
        int ran = 0;
        for (String id : claimsOf(plan, registry, config, shard)) {
            if (done.contains(unitId(id))) continue;
            for (String m : missing)
                if (m.startsWith(id + "#")) throw new IllegalArgumentException("search: unit " + m + " has no record; run its shard first");
            append(out, record(plan, id, records, registry, config, engine, "search " + shard, log));
            ran++;
        }
        return ran;
    }

    /** The claims of a plan that have a search unit (search moves at the plan's level), in plan order. */
    public static List<String> searchedClaims(Plan plan, TheoryRegistry registry, EngineConfig config) {
        return plan.claims().stream().filter(c -> moves(registry.claim(c), config) > 0).toList();
    }

    /**
     * The search record of one claim from its try records (all of them present): the engine's search, or "not needed"
     * when the tries already falsified the claim or left it undecided. {@code engine} evaluates without archiving.
     */
    public static JsonObject record(Plan plan, String id, Map<String, ShardRecords.Line> records, TheoryRegistry registry, EngineConfig config,
                                    PropertyEngine engine, String label, PrintStream log) {
        Claim claim = registry.claim(id);
        long t0 = System.nanoTime();
        List<TryRecord> tries = new ArrayList<>();
        String notNeeded = null;
        for (Plan.Unit u : ShardMerge.ordered(plan, id)) {
            TryRecord t = records.get(u.id()).run();
            if (t == null || t.verdict() == Verdict.FALSIFIED) {
                notNeeded = "the claim's tries falsified it";
                break;
            }
            tries.add(t);
        }
        if (notNeeded == null && tries.stream().anyMatch(t -> t.verdict() == Verdict.INCONCLUSIVE)) notNeeded = "a try of the claim was undecided";
        JsonObject rec = header(plan, id);
        int budget = moves(claim, config);
        rec.addProperty("budget", budget);
        if (notNeeded != null) {
            rec.addProperty("notNeeded", notNeeded);
        } else {
            TargetedSearch.Outcome so = engine.search(claim, budget).run(List.copyOf(tries), budget, true, true);
            rec.addProperty("moves", so.moves());
            rec.addProperty("unconfirmed", so.unconfirmed());
            JsonArray ev = new JsonArray();
            for (TryRecord t : so.evaluated()) {
                JsonObject o = new JsonObject();
                o.addProperty("index", t.index());
                o.addProperty("seconds", t.seconds());
                o.add("evidence", JsonCodec.evidence(t));
                ev.add(o);
            }
            rec.add("evaluated", ev);
            index(rec, "falsifying", so.falsifying());
            index(rec, "confirmation", so.confirmation());
            index(rec, "undecided", so.undecided());
            index(rec, "best", so.best());
            log.printf(java.util.Locale.ROOT, "[ftverify] %s: %s: %d moves, best gap/tol %s%s%n", label, id, so.moves(),
                    so.best() == null ? "-" : org.ftverify.core.Num.fmt(so.best().normalisedGap()), so.falsifying() != null ? ", confirmed failure" : "");
        }
        rec.addProperty("seconds", (System.nanoTime() - t0) / 1e9);
        return rec;
    }

    private static JsonObject header(Plan plan, String claim) {
        JsonObject o = new JsonObject();
        o.addProperty("unit", unitId(claim));
        o.addProperty("kind", KIND);
        o.addProperty("claim", claim);
        o.addProperty("runSeed", plan.runSeed());
        o.addProperty("level", plan.level().id());
        o.add("build", plan.build().toJson());
        o.addProperty("species", Kernels.species());
        o.addProperty("host", ShardRunner.host());
        o.addProperty("finishedAt", java.time.Instant.now().toString());
        return o;
    }

    private static void index(JsonObject o, String key, TryRecord t) {
        if (t != null) o.addProperty(key, t.index());
    }

    private static void append(Path file, JsonObject rec) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.write(file, (ShardRecords.LINE.toJson(rec) + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + AtomicFiles.describe(e), e);
        }
    }

    static boolean isSearch(JsonObject rec) {
        return KIND.equals(Plan.str(rec, "kind"));
    }

    /**
     * The searcher a merge uses for a claim: the recorded search when a search unit ran it (the record must have the
     * budget the merge would spend), else null (the merge searches locally).
     */
    static PropertyEngine.Searcher recorded(Claim claim, Map<String, ShardRecords.Line> records) {
        ShardRecords.Line l = records.get(unitId(claim.id()));
        if (l == null || l.json().has("notNeeded")) return null;
        JsonObject rec = l.json();
        return (random, budget) -> {
            if (rec.get("budget").getAsInt() != budget)
                throw new IllegalStateException("merge: the search record of " + claim.id() + " has budget " + rec.get("budget") + ", expected " + budget);
            List<TryRecord> evaluated = new ArrayList<>();
            for (JsonElement e : rec.getAsJsonArray("evaluated")) evaluated.add(ShardRecords.tryRecord(e.getAsJsonObject(), claim));
            List<TryRecord> all = new ArrayList<>(random);
            all.addAll(evaluated);
            return new TargetedSearch.Outcome(evaluated, rec.get("moves").getAsInt(), find(rec, "falsifying", evaluated),
                    find(rec, "confirmation", evaluated), rec.get("unconfirmed").getAsInt(), find(rec, "undecided", evaluated), find(rec, "best", all));
        };
    }

    /** The evaluation a recorded index names (the last with that index: a search never repeats an index). */
    private static TryRecord find(JsonObject rec, String key, List<TryRecord> among) {
        if (!rec.has(key)) return null;
        int index = rec.get(key).getAsInt();
        TryRecord found = null;
        for (TryRecord t : among) if (t.index() == index) found = t;
        if (found == null) throw new IllegalStateException("merge: the search record names evaluation " + index + " as " + key + ", which it does not hold");
        return found;
    }
}
