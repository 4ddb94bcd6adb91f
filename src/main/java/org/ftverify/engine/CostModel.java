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
import java.util.TreeMap;
import org.ftverify.core.AtomicFiles;
import org.ftverify.core.Claim;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Num;

/**
 * Expected seconds of one evaluation (one try) of a claim at a level: what {@code plan} balances shards by and sums into
 * its CPU-hours estimate. Sources, best first:
 *
 * <ol>
 *   <li>a cost measured at the plan's level: the latest result recorded in the result directory (target/ftverify or
 *       {@code --results}), else a sample committed in {@code verification/costs.json};</li>
 *   <li>a cost measured at another level, scaled by the claim's declared work ({@link Claim#costRatio}: the ratio of
 *       its {@link org.ftverify.core.LevelSize}s between the levels); the nearest level is preferred;</li>
 *   <li>nothing measured: the median of the other claims' costs (1 s each when nothing at all is known).</li>
 * </ol>
 *
 * The scaling assumes a try's cost is proportional to the declared work; the samples measured at two levels test that
 * assumption ({@link #validation}), and docs/scale-out.adoc records how well it held.
 */
public final class CostModel {
    /** Where a cost comes from. */
    public enum Basis { MEASURED, SCALED, GUESSED }

    /** Seconds per evaluation of a claim at a level, and where the number was measured. */
    public record Sample(String claim, EvidenceLevel level, double seconds, String source) {}

    /** A claim's expected seconds per evaluation at the planned level, its basis and a short "from" text. */
    public record Cost(double seconds, Basis basis, String from) {}

    private final Map<String, List<Sample>> byClaim = new LinkedHashMap<>();
    /** Calibration of scaled costs at {@link #calibratedLevel}: factor by whether the claim declares level sizes. */
    private final Map<Boolean, double[]> calibration = new java.util.HashMap<>();
    private EvidenceLevel calibratedLevel;

    public CostModel(List<Sample> samples) {
        for (Sample s : samples) byClaim.computeIfAbsent(s.claim(), k -> new ArrayList<>()).add(s);
    }

    /** Samples from the result store first (this machine, latest), then from the committed file. */
    public static CostModel of(ResultStore store, Path costsFile) {
        List<Sample> all = new ArrayList<>(fromStore(store));
        all.addAll(read(costsFile));
        return new CostModel(all);
    }

    /** Every sample, in the order given. */
    public List<Sample> samples() {
        List<Sample> out = new ArrayList<>();
        byClaim.values().forEach(out::addAll);
        return out;
    }

    /** The first sample's seconds of a claim at a level, or NaN. */
    public double seconds(String claim, EvidenceLevel level) {
        for (Sample s : byClaim.getOrDefault(claim, List.of())) if (s.level() == level) return s.seconds();
        return Double.NaN;
    }

    public boolean isEmpty() {
        return byClaim.isEmpty();
    }

    /** One sample per claim: its latest recorded result, seconds divided by evaluations (tries, search, shrinking). */
    public static List<Sample> fromStore(ResultStore store) {
        List<Sample> out = new ArrayList<>();
        for (Map.Entry<String, JsonObject> e : store.latest(s -> {}).entrySet()) {
            JsonObject o = e.getValue();
            if (!o.has("seconds") || !o.has("triesRun") || !(o.get("run") instanceof JsonObject run) || !run.has("level")) continue;
            int runs = o.get("triesRun").getAsInt();
            double s = o.get("seconds").getAsDouble();
            if (runs > 0 && s > 0)
                out.add(new Sample(e.getKey(), EvidenceLevel.parse(run.get("level").getAsString()), s / runs, "recorded in " + store.dir()));
        }
        return out;
    }

    /**
     * Samples of shard records (one per finished unit): its CPU seconds (every thread of the JVM) when recorded, else its
     * wall seconds. How a deep cost is measured one try at a time.
     */
    public static List<Sample> fromShardRecords(List<Path> files, String source) {
        List<Sample> out = new ArrayList<>();
        for (Path f : files)
            for (JsonObject r : ShardRecords.read(f).records())
                if (!r.has("skipped") && r.has("seconds") && r.has("claim") && r.get("index").getAsInt() >= 0)
                    out.add(new Sample(r.get("claim").getAsString(), EvidenceLevel.parse(r.get("level").getAsString()),
                            r.has("cpuSeconds") ? r.get("cpuSeconds").getAsDouble() : r.get("seconds").getAsDouble(),
                            source + (r.has("cpuSeconds") ? ", CPU seconds" : ", wall seconds")));
        return out;
    }

    /** The claim's expected seconds per evaluation at {@code level}; null when nothing is known about it. */
    public Cost cost(Claim claim, EvidenceLevel level) {
        Cost raw = uncalibrated(claim, level);
        double[] f = level == calibratedLevel ? calibration.get(!claim.sizes().isEmpty()) : null;
        if (raw == null || raw.basis() != Basis.SCALED || f == null) return raw;
        return new Cost(raw.seconds() * f[0], Basis.SCALED, raw.from() + " x " + Num.sig(f[0], 3) + " (calibration from " + (int) f[1] + " claims measured at both levels)");
    }

    private Cost uncalibrated(Claim claim, EvidenceLevel level) {
        List<Sample> ss = byClaim.getOrDefault(claim.id(), List.of());
        for (Sample s : ss) if (s.level() == level) return new Cost(s.seconds(), Basis.MEASURED, "measured at " + level.id());
        Sample near = ss.stream().min(Comparator.comparingInt(s -> Math.abs(s.level().ordinal() - level.ordinal()))).orElse(null);
        if (near == null) return null;
        double r = claim.costRatio(near.level(), level);
        return new Cost(near.seconds() * r, Basis.SCALED, near.level().id() + " " + Num.sig(near.seconds(), 3) + " s x " + Num.sig(r, 3)
                + " (declared work)");
    }

    /**
     * Calibrates scaled costs at {@code level} with the claims of {@code all} measured both there and at another level:
     * the geometric mean of measured / scaled cost, separately for claims that declare level sizes and claims that do
     * not (whose Monte Carlo sizes follow a work cap, so declared work says nothing about them). A group with fewer than
     * {@code minClaims} such claims stays uncalibrated. Returns this model.
     */
    public CostModel calibrate(List<Claim> all, EvidenceLevel level, int minClaims) {
        calibration.clear();
        calibratedLevel = level;
        for (boolean declares : new boolean[] {true, false}) {
            double sumLog = 0;
            int n = 0;
            for (Claim c : all) {
                if (c.sizes().isEmpty() == declares) continue;
                Cost measured = null;
                for (Sample s : byClaim.getOrDefault(c.id(), List.of())) if (s.level() == level) measured = new Cost(s.seconds(), Basis.MEASURED, "");
                if (measured == null) continue;
                List<Sample> others = byClaim.get(c.id()).stream().filter(s -> s.level() != level).toList();
                if (others.isEmpty()) continue;
                Sample near = others.stream().min(Comparator.comparingInt(s -> Math.abs(s.level().ordinal() - level.ordinal()))).orElseThrow();
                sumLog += Math.log(measured.seconds() / (near.seconds() * c.costRatio(near.level(), level)));
                n++;
            }
            if (n >= minClaims) calibration.put(declares, new double[] {Math.exp(sumLog / n), n});
        }
        return this;
    }

    /** The calibration factor of scaled costs (claims that declare level sizes or not), or NaN when uncalibrated. */
    public double calibrationFactor(boolean declaresSizes) {
        double[] f = calibration.get(declaresSizes);
        return f == null ? Double.NaN : f[0];
    }

    /** Costs of every claim at {@code level}; claims with nothing measured get the median of the others. */
    public Map<String, Cost> costs(List<Claim> claims, EvidenceLevel level) {
        Map<String, Cost> out = new LinkedHashMap<>();
        List<Double> known = new ArrayList<>();
        for (Claim c : claims) {
            Cost k = cost(c, level);
            out.put(c.id(), k);
            if (k != null) known.add(k.seconds());
        }
        known.sort(null);
        double median = known.isEmpty() ? 1.0 : known.get(known.size() / 2);
        out.replaceAll((id, k) -> k != null ? k : new Cost(median, Basis.GUESSED, known.isEmpty() ? "nothing measured (1 s)" : "median of the others"));
        return out;
    }

    /**
     * For every claim with samples at both {@code from} and {@code to}: the measured cost ratio and the declared one
     * ({@code claim -> [measured, declared]}), the test of the scaling assumption.
     */
    public Map<String, double[]> validation(List<Claim> claims, EvidenceLevel from, EvidenceLevel to) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Claim c : claims) {
            Double a = null, b = null;
            for (Sample s : byClaim.getOrDefault(c.id(), List.of())) {
                if (s.level() == from && a == null) a = s.seconds();
                if (s.level() == to && b == null) b = s.seconds();
            }
            if (a != null && b != null) out.put(c.id(), new double[] {b / a, c.costRatio(from, to)});
        }
        return out;
    }

    // ---- verification/costs.json -------------------------------------------------------------------------------

    /** The committed samples; none when the file is absent. A file that is not one gives a one-line error naming it. */
    public static List<Sample> read(Path file) {
        if (file == null || !Files.isRegularFile(file)) return List.of();
        try {
            JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            List<Sample> out = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("samples")) {
                JsonObject s = e.getAsJsonObject();
                out.add(new Sample(s.get("claim").getAsString(), EvidenceLevel.parse(s.get("level").getAsString()),
                        s.get("secondsPerEvaluation").getAsDouble(), s.get("source").getAsString()));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("costs: cannot read " + file + " (" + AtomicFiles.describe(e) + ")");
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException | ClassCastException e) {
            throw new IllegalArgumentException("costs: " + file + " is not an ftverify cost file (" + e.getMessage() + ")");
        }
    }

    /** Adds samples to the file, replacing older ones of the same claim and level; sorted by claim then level. */
    public static void record(Path file, List<Sample> added) {
        Map<String, Sample> keep = new TreeMap<>();
        for (Sample s : read(file)) keep.put(s.claim() + " " + s.level().ordinal(), s);
        for (Sample s : added) keep.put(s.claim() + " " + s.level().ordinal(), s);
        JsonObject o = new JsonObject();
        o.addProperty("tool", "ftverify");
        o.addProperty("kind", "costs");
        o.addProperty("about", "seconds per evaluation (one try) of each claim at a level, measured on the machine named in source;"
                + " ./ftverify plan scales them to other levels by the claims' declared work (docs/scale-out.adoc)");
        JsonArray arr = new JsonArray();
        for (Sample s : keep.values()) {
            JsonObject so = new JsonObject();
            so.addProperty("claim", s.claim());
            so.addProperty("level", s.level().id());
            so.addProperty("secondsPerEvaluation", Double.parseDouble(Num.sig(s.seconds(), 4)));
            so.addProperty("source", s.source());
            arr.add(so);
        }
        o.add("samples", arr);
        AtomicFiles.writeString(file, JsonCodec.GSON.toJson(o) + "\n");
    }
}
