package org.ftverify.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one try of a claim produced: comparisons (each with its derived tolerance), diagnostics and plot series.
 * An evidence either holds comparisons or an inconclusive reason; the verdict follows from them, never set by hand.
 */
public final class Evidence {
    private final List<Comparison> comparisons = new ArrayList<>();
    private final Map<String, String> diagnostics = new LinkedHashMap<>();
    private final List<Series> series = new ArrayList<>();
    private String inconclusiveReason;

    public Evidence compare(Comparison c) {
        comparisons.add(c);
        return this;
    }

    public Evidence diagnostic(String key, Object value) {
        diagnostics.put(key, String.valueOf(value));
        return this;
    }

    public Evidence series(Series s) {
        series.add(s);
        return this;
    }

    public static Evidence inconclusive(String reason) {
        Evidence e = new Evidence();
        e.inconclusiveReason = reason;
        return e;
    }

    public List<Comparison> comparisons() {
        return Collections.unmodifiableList(comparisons);
    }

    public Map<String, String> diagnostics() {
        return Collections.unmodifiableMap(diagnostics);
    }

    public List<Series> series() {
        return Collections.unmodifiableList(series);
    }

    public String inconclusiveReason() {
        return inconclusiveReason;
    }

    /** Largest gap/tolerance; NaN when there is nothing to compare. */
    public double normalisedGap() {
        double worst = Double.NaN;
        for (Comparison c : comparisons) {
            double g = c.normalisedGap();
            if (Double.isNaN(worst) || g > worst || Double.isNaN(g)) worst = Double.isNaN(g) ? Double.POSITIVE_INFINITY : g;
        }
        return worst;
    }

    public Verdict verdict() {
        if (inconclusiveReason != null) return Verdict.INCONCLUSIVE;
        if (comparisons.isEmpty()) return Verdict.INCONCLUSIVE; // a check that compared nothing proved nothing
        for (Comparison c : comparisons) if (!c.passes()) return Verdict.FALSIFIED;
        return Verdict.VERIFIED;
    }

    /** One line per failing comparison, for failure messages. */
    public String summary() {
        if (inconclusiveReason != null) return "inconclusive: " + inconclusiveReason;
        if (comparisons.isEmpty()) return "inconclusive: the check made no comparison";
        StringBuilder sb = new StringBuilder();
        for (Comparison c : comparisons) {
            sb.append(String.format("%s %s: predicted %.6g, observed %.6g, gap %.3g, tolerance %.3g (%s)%n",
                    c.passes() ? "ok  " : "FAIL", c.quantity(), c.predicted(), c.observed(), c.gap(), c.tolerance(), c.derivation()));
        }
        return sb.toString().stripTrailing();
    }
}
