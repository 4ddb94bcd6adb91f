package org.ftverify.report;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * verification/power.json, written by {@code ./ftverify power}: for each claim, the smallest relative perturbation
 * of its checked quantity that the claim rejects at the quick level (its measured resolution). Absent file: nothing
 * measured. "detected" is the smallest delta rejected in both directions ("detectedDelta" is read as a synonym).
 */
final class PowerResults {
    record Entry(String claim, String quantity, Double detected, Double detectedDelta, Double detectedUp,
                 Double detectedDown, List<Double> deltasTried, String level, Long seed) {
        Double measured() {
            return detected != null ? detected : detectedDelta;
        }

        /** The largest perturbation tried, for "not rejected up to 50%". */
        Double largestTried() {
            return deltasTried == null ? null
                    : deltasTried.stream().filter(d -> d != null).map(Math::abs).max(Double::compare).orElse(null);
        }
    }

    private record File(List<Entry> claims) {
    }

    /** A claim may have several probes (one per quantity it checks): all are kept, in file order. */
    private final Map<String, List<Entry>> byClaim;

    private PowerResults(Map<String, List<Entry>> byClaim) {
        this.byClaim = byClaim;
    }

    static final PowerResults NONE = new PowerResults(Map.of());

    /** @return the measurements; empty when the file does not exist; IllegalArgumentException when malformed */
    static PowerResults read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return NONE;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            File f = new Gson().fromJson(in, File.class);
            Map<String, List<Entry>> m = new LinkedHashMap<>();
            if (f != null && f.claims() != null) {
                f.claims().stream().filter(e -> e != null && e.claim() != null)
                        .forEach(e -> m.computeIfAbsent(e.claim(), k -> new java.util.ArrayList<>()).add(e));
            }
            return new PowerResults(m);
        } catch (JsonParseException | IllegalStateException | IOException e) {
            throw new IllegalArgumentException("malformed " + file.getFileName() + ": "
                    + ReportJson.firstLine(e.getMessage()));
        }
    }

    /**
     * The measured resolution of a claim as shown in the report; with several probes, each with its quantity
     * ("2% in tau(mu); 20% in kappa_slow").
     */
    String shown(String claimId) {
        List<Entry> es = byClaim.get(claimId);
        if (es == null || es.isEmpty()) {
            return "not measured";
        }
        if (es.size() == 1) {
            return shown(es.get(0));
        }
        return String.join("; ", es.stream().map(e -> shown(e) + " in " + e.quantity()).toList());
    }

    private static String shown(Entry e) {
        if (e.measured() != null) {
            return Fmt.percent(e.measured());
        }
        Double max = e.largestTried();
        return max == null ? "not rejected" : "not rejected up to " + Fmt.percent(max);
    }

    boolean measured(String claimId) {
        return byClaim.containsKey(claimId);
    }
}
