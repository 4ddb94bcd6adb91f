package org.ftverify.core;

import java.util.Locale;

/**
 * A claim's declaration that one of its parameters controls a finite-size, step-size or Monte Carlo effect, so a
 * failure at one value can be told apart from a wrong theory: the engine re-runs a failing point with the parameter
 * refined twice ({@code d -> 4d -> 16d}, {@code eta -> eta/4 -> eta/16}, {@code n -> 4n -> 16n}), fits how the gap
 * falls, and calls the failure a finite-size (finite-step, finite-sample) effect only when the gap falls at least as
 * fast as {@link #expectedOrder()} says it should.
 *
 * <p>The refinement variable is {@code h = 1/value} for dimensions and sample sizes and {@code h = value} for step
 * sizes; the expected law is {@code gap ~ h^order}: order 1/2 for a dimension (fluctuations of d-dimensional
 * overlaps) and a Monte Carlo size, order 1 for an SGD/Euler step size. {@link #withOrder(double, String)} overrides
 * it (with the reason); {@link #extendedTo(double, String)} lets the ladder go beyond the claim's parameter range
 * (e.g. d up to 16x the largest d a random try may draw), which must be explained because a claim's range is part
 * of its statement.
 *
 * @param kind      what the parameter is
 * @param parameter the parameter's name in the claim's space (checked when the claim is built)
 * @param order     expected order p of the gap in the refinement variable h
 * @param orderWhy  where the order comes from (shown with the verdict)
 * @param limit     the farthest value the ladder may use, or NaN for the claim's own range
 * @param limitWhy  why the ladder may leave the claim's range (null when it does not)
 */
public record Scaling(Kind kind, String parameter, double order, String orderWhy, double limit, String limitWhy) {

    /** Refinement ratio between rungs of the ladder: 4 (so the expected d^-1/2 gap halves at each rung). */
    public static final double RATIO = 4;

    public enum Kind {
        DIMENSION("dimension", "d^-1/2 fluctuations of overlaps in d dimensions"),
        STEP_SIZE("step size", "O(eta) discretisation bias of SGD/Euler steps"),
        MONTE_CARLO("Monte Carlo size", "n^-1/2 standard error of an n-sample mean");

        private final String label, defaultWhy;

        Kind(String label, String defaultWhy) {
            this.label = label;
            this.defaultWhy = defaultWhy;
        }

        public String label() {
            return label;
        }
    }

    public Scaling {
        if (kind == null) throw new IllegalArgumentException("scaling: kind must not be null");
        if (parameter == null || parameter.isBlank()) throw new IllegalArgumentException("scaling: parameter name must not be empty");
        if (!(order > 0)) throw new IllegalArgumentException("scaling of " + parameter + ": expected order must be > 0, got " + order);
        if (!Double.isNaN(limit) && !(limit > 0)) throw new IllegalArgumentException("scaling of " + parameter + ": limit must be > 0, got " + limit);
        if (!Double.isNaN(limit) && (limitWhy == null || limitWhy.isBlank()))
            throw new IllegalArgumentException("scaling of " + parameter + ": an extension beyond the claim's range needs a reason");
    }

    /** A dimension parameter: refined d -> 4d -> 16d, expected gap ~ d^-1/2. */
    public static Scaling dimension(String parameter) {
        return new Scaling(Kind.DIMENSION, parameter, 0.5, Kind.DIMENSION.defaultWhy, Double.NaN, null);
    }

    /** A step-size parameter: refined eta -> eta/4 -> eta/16, expected gap ~ eta. */
    public static Scaling stepSize(String parameter) {
        return new Scaling(Kind.STEP_SIZE, parameter, 1, Kind.STEP_SIZE.defaultWhy, Double.NaN, null);
    }

    /** A Monte Carlo sample size: refined n -> 4n -> 16n, expected gap ~ n^-1/2. */
    public static Scaling monteCarlo(String parameter) {
        return new Scaling(Kind.MONTE_CARLO, parameter, 0.5, Kind.MONTE_CARLO.defaultWhy, Double.NaN, null);
    }

    /** Another expected order p of gap ~ h^p, with the reason (e.g. 2 for a second-order integrator). */
    public Scaling withOrder(double p, String why) {
        return new Scaling(kind, parameter, p, why, limit, limitWhy);
    }

    /**
     * Lets the ladder go to {@code value} (largest d or n, smallest eta) although the claim's range stops earlier:
     * a documented extension; {@code why} is shown with every verdict that uses it.
     */
    public Scaling extendedTo(double value, String why) {
        return new Scaling(kind, parameter, order, orderWhy, value, why);
    }

    /** True when refining means making the value smaller (step sizes). */
    public boolean refinesDownward() {
        return kind == Kind.STEP_SIZE;
    }

    /** The refinement variable h of a parameter value: 1/value for dimensions and sample sizes, value for step sizes. */
    public double h(double value) {
        return refinesDownward() ? value : 1 / value;
    }

    /** The value one rung finer than {@code value}. */
    public double refine(double value) {
        return refinesDownward() ? value / RATIO : value * RATIO;
    }

    /** "gap ~ d^-1/2" style text of the expected law. */
    public String lawText() {
        String exp = Num.fmt(refinesDownward() ? order : -order);
        return "gap ~ " + parameter + "^" + exp;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s (%s, %s)%s", kind.label(), parameter, lawText(), orderWhy,
                Double.isNaN(limit) ? "" : "; ladder extended to " + Num.fmt(limit) + ": " + limitWhy);
    }
}
