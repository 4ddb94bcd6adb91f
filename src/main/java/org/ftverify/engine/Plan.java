package org.ftverify.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ftverify.core.AtomicFiles;
import org.ftverify.core.Claim;
import org.ftverify.core.EvidenceLevel;

/**
 * A run cut into independent units of work, for a cluster: each unit is one evaluation of one claim whose point and
 * seed follow from (run seed, claim id, try index) alone, exactly as in {@link PropertyEngine#run}: random try i
 * (index 0..n-1) and archived counterexample j (index -1 - j, its point and seed copied into the plan, so workers need
 * no archive). Units are dealt to shards balanced by cost.
 *
 * <p>The targeted search of a claim depends on all its random tries, so it is a unit of a second stage run after
 * the shards ({@link ShardSearch}); shrinking and finite-size ladders run in the merge ({@link ShardMerge}), by the
 * same code as the sequential engine. The search's expected cost is reported separately ({@link #mergeSeconds}).
 *
 * @param costs     expected seconds of one unit of each claim (equal cost 1 when nothing is recorded)
 * @param costFrom  where each claim's cost comes from ({@link CostModel.Cost#from}); empty when read from a file
 * @param mutant    the mutant (a deliberately wrong theory, {@code plan --mutant}) whose claims the units run, or null
 *                  for the theories as stated: workers rebuild the mutant's claims from their ids
 *                  ({@link org.ftverify.core.TheoryRegistry#withMutant})
 */
public record Plan(EvidenceLevel level, long runSeed, Build build, String selection, int shards, List<String> claims,
                   List<Unit> units, Map<String, Double> costs, boolean costsRecorded, double searchSeconds,
                   Map<String, String> costFrom, String mutant) {

    /** Which code ran a unit: tool version, git commit, dirty flag. Shards and merge must agree with the plan's. */
    public record Build(String version, String commit, Boolean dirty) {
        public static Build current(Path root) {
            GitState g = GitState.of(root);
            return new Build(Environment.version(), g.commit(), g.dirty());
        }

        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("version", version);
            o.addProperty("commit", commit);
            o.add("dirty", JsonCodec.primitive(dirty));
            return o;
        }

        static Build of(JsonObject o) {
            return new Build(str(o, "version"), str(o, "commit"), o.get("dirty") == null || o.get("dirty").isJsonNull() ? null : o.get("dirty").getAsBoolean());
        }

        @Override
        public String toString() {
            return version + " @ " + commit + (Boolean.TRUE.equals(dirty) ? " (dirty)" : "");
        }
    }

    /**
     * One unit: claim and try index (random try i >= 0; archived counterexample -1 - j), the shard it belongs to and
     * its expected seconds. Replay units carry the archived point and seed.
     */
    public record Unit(String claim, int index, int shard, double cost, Map<String, Object> replayParams, Long replaySeed, String replayFile) {
        public String id() {
            return claim + "#" + index;
        }

        public boolean replay() {
            return index < 0;
        }
    }

    /** Cuts a run of {@code claims} into units and deals them to {@code shards} shards (longest expected cost first). */
    public static Plan create(List<Claim> claims, EngineConfig config, Build build, String selection, int shards, Map<String, Double> recordedCosts) {
        Map<String, CostModel.Cost> costs = new LinkedHashMap<>();
        boolean recorded = !recordedCosts.isEmpty();
        for (Claim c : claims)
            costs.put(c.id(), recordedCosts.containsKey(c.id()) ? new CostModel.Cost(recordedCosts.get(c.id()), CostModel.Basis.MEASURED, "recorded")
                    : new CostModel.Cost(recorded ? median(recordedCosts) : 1.0, CostModel.Basis.GUESSED, recorded ? "median" : "nothing recorded"));
        return create(claims, config, build, selection, shards, costs, recorded);
    }

    /** The same with costs from a {@link CostModel} (measured at the plan's level, or scaled by declared work). */
    public static Plan create(List<Claim> claims, EngineConfig config, Build build, String selection, int shards, CostModel model) {
        return create(claims, config, build, selection, shards, model.costs(claims, config.level()), !model.isEmpty());
    }

    private static Plan create(List<Claim> claims, EngineConfig config, Build build, String selection, int shards,
                               Map<String, CostModel.Cost> claimCosts, boolean recorded) {
        if (shards < 1 || shards > 100_000) throw new IllegalArgumentException("shards: must be an integer in [1, 100000], got " + shards);
        PropertyEngine engine = new PropertyEngine(config, s -> {});
        List<Unit> units = new ArrayList<>();
        Map<String, Double> costs = new LinkedHashMap<>();
        Map<String, String> from = new LinkedHashMap<>();
        double moves = 0;
        for (Claim c : claims) {
            double cost = claimCosts.get(c.id()).seconds();
            costs.put(c.id(), cost);
            from.put(c.id(), claimCosts.get(c.id()).from());
            List<PropertyEngine.Replay> replays = engine.replays(c);
            for (int j = 0; j < replays.size(); j++) {
                PropertyEngine.Replay r = replays.get(j);
                units.add(new Unit(c.id(), -1 - j, -1, cost, new LinkedHashMap<>(r.params().asMap()), r.seed(), r.file().toString()));
            }
            int n = c.tries(config.level());
            for (int i = 0; i < n; i++) units.add(new Unit(c.id(), i, -1, cost, null, null, null));
            moves += config.searchMoves(n) * cost;
        }
        return new Plan(config.level(), config.runSeed(), build, selection, shards, claims.stream().map(Claim::id).toList(),
                deal(units, shards), costs, recorded, moves, from, config.mutant());
    }

    /** The engine settings of this plan's run: its level and seed, and the mutant's archive when it runs a mutant. */
    public EngineConfig config(Path root) {
        EngineConfig c = EngineConfig.of(level, runSeed, root);
        return mutant == null ? c : c.forMutant(mutant, root);
    }

    /** The registry the plan's claims are rebuilt from: the mutant's claims for a mutant plan. */
    public org.ftverify.core.TheoryRegistry registry(org.ftverify.core.TheoryRegistry stated) {
        return mutant == null ? stated : stated.withMutant(mutant);
    }

    /** Longest-processing-time dealing: each unit, costliest first, goes to the least loaded shard (ties: lowest shard). */
    static List<Unit> deal(List<Unit> units, int shards) {
        double[] load = new double[shards];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) order.add(i);
        order.sort(Comparator.comparingDouble((Integer i) -> -units.get(i).cost()).thenComparing(i -> i));
        int[] shardOf = new int[units.size()];
        for (int i : order) {
            int best = 0;
            for (int k = 1; k < shards; k++) if (load[k] < load[best]) best = k;
            load[best] += units.get(i).cost();
            shardOf[i] = best;
        }
        List<Unit> out = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            out.add(new Unit(u.claim(), u.index(), shardOf[i], u.cost(), u.replayParams(), u.replaySeed(), u.replayFile()));
        }
        return out;
    }

    private static double median(Map<String, Double> m) {
        List<Double> v = m.values().stream().sorted().toList();
        return v.get(v.size() / 2);
    }

    /**
     * Expected seconds of one unit of each claim from the latest recorded results in {@code store}: the claim's
     * seconds divided by its evaluations (tries, search moves, shrinking all cost about one check each).
     */
    public static Map<String, Double> recordedCosts(ResultStore store) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonObject> e : store.latest(s -> {}).entrySet()) {
            JsonObject o = e.getValue();
            if (!o.has("seconds") || !o.has("triesRun")) continue;
            int runs = o.get("triesRun").getAsInt();
            double s = o.get("seconds").getAsDouble();
            if (runs > 0 && s > 0) out.put(e.getKey(), s / runs);
        }
        return out;
    }

    /** The levels of the runs the recorded costs come from (the estimate is for the plan's level only if they match). */
    public static java.util.Set<String> recordedLevels(ResultStore store) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (JsonObject o : store.latest(s -> {}).values())
            if (o.get("run") instanceof JsonObject run && run.has("level")) out.add(run.get("level").getAsString());
        return out;
    }

    public List<Unit> unitsOf(int shard) {
        return units.stream().filter(u -> u.shard() == shard).toList();
    }

    /** Expected seconds of the units (the sharded part). */
    public double unitSeconds() {
        return units.stream().mapToDouble(Unit::cost).sum();
    }

    /** Expected seconds of the targeted search at merge time when every claim passes its tries (moves x unit cost). */
    public double mergeSeconds() {
        return searchSeconds;
    }

    public double shardSeconds(int shard) {
        return units.stream().filter(u -> u.shard() == shard).mapToDouble(Unit::cost).sum();
    }

    // ---- file format -------------------------------------------------------------------------------------------

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("tool", "ftverify");
        o.addProperty("kind", "plan");
        o.addProperty("level", level.id());
        o.addProperty("runSeed", runSeed);
        o.add("build", build.toJson());
        o.addProperty("selection", selection);
        if (mutant != null) o.addProperty("mutant", mutant);
        o.addProperty("shards", shards);
        o.add("claims", JsonCodec.strings(claims));
        JsonObject cs = new JsonObject();
        costs.forEach(cs::addProperty);
        o.add("unitSeconds", cs);
        o.addProperty("costsRecorded", costsRecorded);
        if (!costFrom.isEmpty()) {
            JsonObject cf = new JsonObject();
            costFrom.forEach(cf::addProperty);
            o.add("unitSecondsFrom", cf);
        }
        o.addProperty("searchSecondsAtMerge", searchSeconds);
        o.addProperty("expectedCpuHours", (unitSeconds() + mergeSeconds()) / 3600);
        JsonArray us = new JsonArray();
        for (Unit u : units) {
            JsonObject uo = new JsonObject();
            uo.addProperty("id", u.id());
            uo.addProperty("claim", u.claim());
            uo.addProperty("index", u.index());
            uo.addProperty("shard", u.shard());
            if (u.replay()) {
                JsonObject p = new JsonObject();
                u.replayParams().forEach((k, v) -> p.add(k, JsonCodec.primitive(v)));
                uo.add("params", p);
                uo.addProperty("seed", u.replaySeed());
                uo.addProperty("file", u.replayFile());
            }
            us.add(uo);
        }
        o.add("units", us);
        return o;
    }

    public void write(Path file) {
        AtomicFiles.writeString(file, JsonCodec.GSON.toJson(toJson()) + "\n");
    }

    /** Reads a plan; a file that is not one gives a one-line error naming it. */
    public static Plan read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("plan: cannot read " + file + " (" + AtomicFiles.describe(e) + ")");
        }
        return parse(text, file.toString());
    }

    /** A plan from its JSON text (as {@link #write} writes it); {@code file} names it in errors. */
    public static Plan parse(String text, String file) {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject() || !"plan".equals(str(e.getAsJsonObject(), "kind")))
                throw new IllegalArgumentException("plan: " + file + " is not an ftverify plan (write one with './ftverify plan')");
            JsonObject o = e.getAsJsonObject();
            Map<String, Double> costs = new LinkedHashMap<>();
            o.getAsJsonObject("unitSeconds").entrySet().forEach(c -> costs.put(c.getKey(), c.getValue().getAsDouble()));
            List<Unit> units = new ArrayList<>();
            for (JsonElement ue : o.getAsJsonArray("units")) {
                JsonObject u = ue.getAsJsonObject();
                String claim = u.get("claim").getAsString();
                int index = u.get("index").getAsInt();
                Map<String, Object> params = null;
                Long seed = null;
                String f = null;
                if (index < 0) {
                    params = ShardRecords.raw(u.getAsJsonObject("params"));
                    seed = u.get("seed").getAsLong();
                    f = str(u, "file");
                }
                units.add(new Unit(claim, index, u.get("shard").getAsInt(), costs.getOrDefault(claim, 1.0), params, seed, f));
            }
            List<String> claims = new ArrayList<>();
            o.getAsJsonArray("claims").forEach(c -> claims.add(c.getAsString()));
            return new Plan(EvidenceLevel.parse(o.get("level").getAsString()), o.get("runSeed").getAsLong(), Build.of(o.getAsJsonObject("build")),
                    str(o, "selection"), o.get("shards").getAsInt(), claims, units, costs, o.get("costsRecorded").getAsBoolean(),
                    o.get("searchSecondsAtMerge").getAsDouble(), Map.of(), str(o, "mutant"));
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException | ClassCastException e) {
            throw new IllegalArgumentException("plan: " + file + " is not a valid ftverify plan (" + e.getMessage() + ")");
        }
    }

    static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
