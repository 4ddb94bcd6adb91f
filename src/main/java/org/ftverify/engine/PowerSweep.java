package org.ftverify.engine;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ftverify.core.AtomicFiles;
import org.ftverify.core.Claim;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.PowerProbe;
import org.ftverify.core.Theory;
import org.ftverify.core.Verdict;

/**
 * Measures each claim's power: for each {@link PowerProbe}, runs the claim built from a theory whose checked quantity
 * is off by a relative delta, for growing delta in both directions, at the quick level (what {@code mvn verify}
 * runs), and records the smallest delta the claim rejects. This is the measured resolution shown in the report beside
 * the tolerance-based one (tolerance / |predicted|). A claim that rejects nothing up to the largest delta has no
 * measured resolution: the report says so.
 *
 * <p>Runs use the property engine with shrinking and archiving off: a rejected perturbation is a statement about the
 * check, not a finding about the theory.
 */
public final class PowerSweep {
    /**
     * Relative perturbations tried: per sign, the largest first (not rejected: no measured resolution, stop), then
     * from the smallest up to the first rejected one.
     */
    public static final double[] DELTAS = {0.02, 0.05, 0.1, 0.2, 0.5};

    /**
     * One probe's outcome; {@code detectedUp}/{@code detectedDown} are the smallest +delta / -delta rejected (null when
     * none was), {@code detected} the smallest delta rejected in both directions.
     */
    public record Measurement(String claim, String quantity, Double detectedUp, Double detectedDown, Double detected,
                              List<Double> deltasTried, String level, long seed, double seconds) {}

    private PowerSweep() {}

    public static List<Measurement> run(List<Theory> theories, String claimFilter, long seed, Consumer<String> log) {
        List<Measurement> out = new ArrayList<>();
        for (Theory t : theories) {
            for (PowerProbe p : t.powerProbes()) {
                if (claimFilter != null && !p.claimId().equals(claimFilter)) continue;
                long t0 = System.nanoTime();
                List<Double> tried = new ArrayList<>();
                Double up = firstRejected(t, p, +1, seed, tried, log), down = firstRejected(t, p, -1, seed, tried, log);
                Double both = up == null || down == null ? null : Math.max(up, down);
                Measurement m = new Measurement(p.claimId(), p.quantity(), up, down, both, tried, EvidenceLevel.QUICK.id(), seed,
                        (System.nanoTime() - t0) / 1e9);
                log.accept(String.format("%-45s %-28s rejects +%s / -%s", p.claimId(), p.quantity(), show(up), show(down)));
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The smallest delta of one sign the claim rejects, assuming (as the sweep's stop-at-first-rejection already does)
     * that rejection is monotone in |delta|. The largest delta is run first: a claim that does not reject it has no
     * measured resolution in that direction and costs one run instead of five (a passing run is the expensive kind:
     * every try runs to the end, while a rejection stops at the first failing try).
     */
    private static Double firstRejected(Theory t, PowerProbe p, int sign, long seed, List<Double> tried, Consumer<String> log) {
        double largest = DELTAS[DELTAS.length - 1];
        if (!rejects(t, p, sign * largest, seed, tried)) return null;
        for (int i = 0; i < DELTAS.length - 1; i++) if (rejects(t, p, sign * DELTAS[i], seed, tried)) return DELTAS[i];
        return largest;
    }

    private static boolean rejects(Theory t, PowerProbe p, double signed, long seed, List<Double> tried) {
        tried.add(signed);
        Claim claim = p.claimsAt().apply(signed).stream().filter(c -> c.id().equals(p.claimId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("probe of " + p.claimId() + " built no such claim"));
        EngineConfig config = new EngineConfig(EvidenceLevel.QUICK, seed, Path.of("target/ftverify/power"), 0, false,
                "power:" + p.claimId() + ":" + signed);
        ClaimResult r = new PropertyEngine(config, s -> {}).run(claim, t.id());
        return r.verdict() == Verdict.FALSIFIED;
    }

    private static String show(Double d) {
        return d == null ? "none up to " + DELTAS[DELTAS.length - 1] : String.valueOf(d);
    }

    /**
     * The measurements recorded in {@code json}, by claim id (a claim may have several probes, one per quantity it
     * checks); empty when the file does not exist (nothing measured yet). Malformed file: IllegalArgumentException.
     */
    public static Map<String, List<Measurement>> read(Path json) {
        Map<String, List<Measurement>> byClaim = new LinkedHashMap<>();
        if (!Files.isRegularFile(json)) return byClaim;
        try {
            JsonObject root = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonObject();
            Gson gson = new Gson();
            for (JsonElement e : root.getAsJsonArray("claims")) {
                Measurement m = gson.fromJson(e, Measurement.class);
                byClaim.computeIfAbsent(m.claim(), k -> new ArrayList<>()).add(m);
            }
        } catch (RuntimeException | IOException e) {
            throw new IllegalArgumentException("malformed " + json + " (" + e.getMessage() + "); run ./ftverify power again");
        }
        return byClaim;
    }

    /** One entry per probe: a claim with two probes (two checked quantities) keeps both. */
    private static String key(String claim, String quantity) {
        return claim + "\u0000" + quantity;
    }

    /** Merges the measurements into {@code json} (one entry per claim and quantity, newest wins) and writes it atomically. */
    public static void write(Path json, List<Measurement> measurements) {
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeNulls().create();
        Map<String, JsonElement> byClaim = new LinkedHashMap<>();
        try {
            if (Files.isRegularFile(json)) {
                JsonObject old = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonObject();
                for (JsonElement e : old.getAsJsonArray("claims")) {
                    JsonObject o = e.getAsJsonObject();
                    byClaim.put(key(o.get("claim").getAsString(), o.has("quantity") ? o.get("quantity").getAsString() : ""), e);
                }
            }
        } catch (RuntimeException | IOException e) {
            throw new IllegalArgumentException("cannot read " + json + " to merge into it (" + e.getMessage() + "); move it away and run again");
        }
        for (Measurement m : measurements) byClaim.put(key(m.claim(), m.quantity()), gson.toJsonTree(m));
        JsonArray arr = new JsonArray();
        byClaim.values().forEach(arr::add);
        JsonObject root = new JsonObject();
        root.addProperty("about", "Measured resolution: smallest relative perturbation of the checked quantity each claim rejects at the "
                + "quick level (./ftverify power). detected = rejected in both directions.");
        root.add("claims", arr);
        AtomicFiles.writeString(json, gson.toJson(root) + "\n");
    }
}
