package org.ftverify.engine;

import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ftverify.core.Claim;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.core.Verdict;

/**
 * Merges the shard files of a {@link Plan} into verdicts, deciding each claim exactly as {@link PropertyEngine#run}
 * does: archived counterexamples in order (the first that fails again decides), then random tries in index order (the
 * lowest falsifying index wins and is shrunk here), then, when none falsified, the same undecided/search/verified code
 * ({@link PropertyEngine#afterRandomTries}). Shrinking, finite-size ladders and the targeted search run locally in the
 * merge under the run's seed, so the verdicts and gaps equal a sequential run's with the same run seed. When a search
 * unit ({@link ShardSearch}) already ran a claim's search, its record is used instead of searching here.
 */
public final class ShardMerge {
    private ShardMerge() {}

    /** What a merge found: units without a record (nothing decided then), and a note when vector species differ. */
    public record Outcome(Map<String, ClaimResult> results, List<String> missing, String speciesNote) {}

    /** Records of all shard files by unit id (a unit recorded twice keeps its first record); checks seed, level, build. */
    public static Map<String, ShardRecords.Line> read(Plan plan, List<Path> files, TheoryRegistry registry, PrintStream out) {
        Map<String, ShardRecords.Line> byUnit = new LinkedHashMap<>();
        for (Path f : files) {
            ShardRecords.Contents c = ShardRecords.read(f);
            if (c.truncatedTail()) out.println("[ftverify] note: " + f + " ends in a cut-off line (its shard was interrupted); the line is ignored");
            add(plan, f.toString(), c.records(), registry, byUnit);
        }
        return byUnit;
    }

    /** Records already in memory (an engine that collects them, e.g. Spark's driver), checked as {@link #read} does. */
    public static Map<String, ShardRecords.Line> of(Plan plan, String source, List<JsonObject> records, TheoryRegistry registry) {
        Map<String, ShardRecords.Line> byUnit = new LinkedHashMap<>();
        add(plan, source, records, registry, byUnit);
        return byUnit;
    }

    private static void add(Plan plan, String f, List<JsonObject> records, TheoryRegistry registry, Map<String, ShardRecords.Line> byUnit) {
        for (JsonObject r : records) {
            if (r.get("runSeed").getAsLong() != plan.runSeed())
                throw new IllegalArgumentException("merge: " + f + " has run seed " + r.get("runSeed").getAsString() + ", the plan " + plan.runSeed());
            if (!plan.level().id().equals(r.get("level").getAsString()))
                throw new IllegalArgumentException("merge: " + f + " has level " + r.get("level").getAsString() + ", the plan " + plan.level().id());
            Plan.Build b = Plan.Build.of(r.getAsJsonObject("build"));
            if (!b.equals(plan.build()))
                throw new IllegalArgumentException("merge: " + f + " was computed by " + b + ", the plan by " + plan.build() + " (mixed builds)");
            String unit = r.get("unit").getAsString();
            if (byUnit.containsKey(unit)) continue;
            TryRecord t = r.has("skipped") || ShardSearch.isSearch(r) ? null : ShardRecords.tryRecord(r, registry.claim(r.get("claim").getAsString()));
            byUnit.put(unit, new ShardRecords.Line(r, t));
        }
    }

    /**
     * Units the merge needs but no shard recorded: every unit of a claim up to its first falsifying one (units after
     * it are not needed, as the sequential engine would not have run them).
     */
    public static List<String> missing(Plan plan, Map<String, ShardRecords.Line> records) {
        List<String> missing = new ArrayList<>();
        for (String claim : plan.claims()) {
            for (Plan.Unit u : ordered(plan, claim)) {
                ShardRecords.Line l = records.get(u.id());
                if (l == null) missing.add(u.id());
                else if (l.run() != null && l.run().verdict() == Verdict.FALSIFIED) break;
            }
        }
        return missing;
    }

    /** A claim's units in the sequential engine's order: replays (-1, -2, ...), then tries 0, 1, ... */
    static List<Plan.Unit> ordered(Plan plan, String claim) {
        List<Plan.Unit> us = new ArrayList<>(plan.units().stream().filter(u -> u.claim().equals(claim)).toList());
        long replays = us.stream().filter(Plan.Unit::replay).count();
        us.sort(java.util.Comparator.comparingInt(u -> ShardRunner.order(u.index(), (int) replays)));
        return us;
    }

    /** Null when every record was computed with the same vector species; else one line saying which and how many. */
    public static String speciesNote(Map<String, ShardRecords.Line> records) {
        Map<String, Integer> count = new TreeMap<>();
        for (ShardRecords.Line l : records.values()) count.merge(String.valueOf(l.species()), 1, Integer::sum);
        if (count.size() <= 1) return null;
        StringBuilder sb = new StringBuilder("records were computed with different vector species (");
        count.forEach((s, n) -> sb.append(s).append(": ").append(n).append(" units, "));
        sb.setLength(sb.length() - 2);
        return sb.append("); reductions (dot products, norms) may differ in the last bits between them, so a gap can differ"
                + " from a one-machine run by round-off").toString();
    }

    /** Decides one claim from its records (shrinking, ladders and search run here), as the sequential engine would. */
    public static ClaimResult decide(Claim claim, String theoryId, Plan plan, Map<String, ShardRecords.Line> records, PropertyEngine engine) {
        long t0 = System.nanoTime();
        double recorded = 0;
        List<TryRecord> tries = new ArrayList<>();
        ClaimResult r = null;
        for (Plan.Unit u : ordered(plan, claim.id())) {
            ShardRecords.Line l = records.get(u.id());
            if (l == null || l.run() == null)
                throw new IllegalStateException("merge: unit " + u.id() + " has no evaluation (" + (l == null ? "missing" : "skipped") + ")");
            TryRecord t = l.run();
            recorded += t.seconds();
            tries.add(t);
            if (t.verdict() != Verdict.FALSIFIED) continue;
            r = u.replay() ? engine.replayFailed(claim, theoryId, tries, t, Path.of(u.replayFile()), t0)
                    : engine.falsified(claim, theoryId, tries, t, t0, RunAnalysis.NONE);
            break;
        }
        if (r == null) {
            PropertyEngine.Searcher searched = ShardSearch.recorded(claim, records);
            if (searched != null) recorded += records.get(ShardSearch.unitId(claim.id())).json().get("seconds").getAsDouble();
            r = searched == null ? engine.afterRandomTries(claim, theoryId, tries, t0) : engine.afterRandomTries(claim, theoryId, tries, t0, searched);
        }
        return new ClaimResult(r.claim(), r.theoryId(), r.verdict(), r.tries(), r.worst(), r.counterexample(), r.reproduce(), r.note(),
                r.seconds() + recorded, r.analysis());
    }

    /**
     * Merges and records: every claim of the plan decided and recorded through {@code runner} (results.json and the
     * claim records, as a sequential run writes them). Returns without deciding anything when units are missing.
     */
    public static Outcome merge(Plan plan, List<Path> files, TheoryRegistry registry, Runner runner, PropertyEngine engine, PrintStream out) {
        Map<String, ShardRecords.Line> records = read(plan, files, registry, out);
        List<String> missing = missing(plan, records);
        String note = speciesNote(records);
        if (!missing.isEmpty()) return new Outcome(Map.of(), missing, note);
        if (note != null) out.println("[ftverify] note: " + note);
        List<Claim> claims = plan.claims().stream().map(registry::claim).toList();
        runner.begin(claims);
        Map<String, ClaimResult> results = new LinkedHashMap<>();
        for (Claim c : claims)
            results.put(c.id(), runner.runOne(c, claim -> decide(claim, registry.theoryOf(claim).id(), plan, records, engine)));
        runner.finish();
        return new Outcome(results, List.of(), note);
    }

    /** Per-unit seconds recorded by the shards, for the overhead measurement (sum of unit seconds). */
    public static double recordedSeconds(Map<String, ShardRecords.Line> records) {
        double s = 0;
        for (ShardRecords.Line l : records.values()) if (l.run() != null) s += l.run().seconds();
        return s;
    }
}
