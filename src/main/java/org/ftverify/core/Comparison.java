package org.ftverify.core;

/**
 * One predicted-versus-observed comparison with its tolerance and where that tolerance comes from.
 * A comparison passes when {@code gap <= tolerance}; {@link #normalisedGap()} is gap/tolerance.
 */
public record Comparison(String quantity, double predicted, double observed, double gap, double tolerance,
                         String derivation) {

    public Comparison {
        if (!(tolerance > 0)) throw new IllegalArgumentException("tolerance of '" + quantity + "' must be > 0, got " + tolerance);
    }

    /** |observed - predicted| against an absolute tolerance. */
    public static Comparison absolute(String quantity, double predicted, double observed, double tolerance, String derivation) {
        return new Comparison(quantity, predicted, observed, gapOf(predicted, observed), tolerance, derivation);
    }

    /** |observed - predicted| against relTol * |predicted|. */
    public static Comparison relative(String quantity, double predicted, double observed, double relTol, String derivation) {
        return new Comparison(quantity, predicted, observed, gapOf(predicted, observed), relTol * Math.abs(predicted), derivation);
    }

    /** observed must lie in [lo, hi]; predicted is the midpoint and the tolerance the half-width. */
    public static Comparison interval(String quantity, double observed, double lo, double hi, String derivation) {
        if (!(hi > lo)) throw new IllegalArgumentException("interval of '" + quantity + "' needs lo < hi, got [" + lo + ", " + hi + "]");
        double mid = 0.5 * (lo + hi);
        return new Comparison(quantity, mid, observed, gapOf(mid, observed), 0.5 * (hi - lo), derivation);
    }

    /** observed must be at least {@code min}: a one-sided interval. */
    public static Comparison atLeast(String quantity, double observed, double min, double scale, String derivation) {
        double gap = Double.isNaN(observed) ? Double.POSITIVE_INFINITY : Math.max(0, min - observed);
        // gap 0 when satisfied; tolerance = scale keeps the normalised gap meaningful when it fails.
        return new Comparison(quantity, min, observed, gap == 0 ? 0 : scale + gap, scale, derivation);
    }

    /** NaN observations count as an infinite gap: a NaN can never pass. */
    private static double gapOf(double predicted, double observed) {
        double g = Math.abs(observed - predicted);
        return Double.isNaN(g) ? Double.POSITIVE_INFINITY : g;
    }

    public double normalisedGap() {
        return gap / tolerance;
    }

    public boolean passes() {
        return gap <= tolerance;
    }
}
