package org.ftverify.core;

/**
 * One predicted-versus-observed comparison with its tolerance, where that tolerance comes from, and what kind of
 * evidence it is. A comparison passes when {@code gap <= tolerance}; {@link #normalisedGap()} is gap/tolerance.
 * The factories make {@link EvidenceKind#INDEPENDENT} comparisons; mark a comparison of the model with another form
 * of itself with {@link #consistency()}.
 */
public record Comparison(String quantity, double predicted, double observed, double gap, double tolerance,
                         String derivation, EvidenceKind kind) {

    public Comparison {
        if (!(tolerance > 0)) throw new IllegalArgumentException("tolerance of '" + quantity + "' must be > 0, got " + tolerance);
        if (kind == null) kind = EvidenceKind.INDEPENDENT;
    }

    public Comparison(String quantity, double predicted, double observed, double gap, double tolerance, String derivation) {
        this(quantity, predicted, observed, gap, tolerance, derivation, EvidenceKind.INDEPENDENT);
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

    /** The same comparison marked as internal consistency (the model against another form of itself). */
    public Comparison consistency() {
        return new Comparison(quantity, predicted, observed, gap, tolerance, derivation, EvidenceKind.CONSISTENCY);
    }

    public boolean independent() {
        return kind == EvidenceKind.INDEPENDENT;
    }

    public double normalisedGap() {
        return gap / tolerance;
    }

    /**
     * Resolution: the smallest relative error of the predicted value this comparison can detect, tolerance/|predicted|
     * (infinite when the prediction is 0: the comparison then resolves only absolute errors).
     */
    public double resolution() {
        return predicted == 0 ? Double.POSITIVE_INFINITY : tolerance / Math.abs(predicted);
    }

    public boolean passes() {
        return gap <= tolerance;
    }
}
