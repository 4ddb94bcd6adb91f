package org.ftverify.evidence;

import java.math.BigDecimal;
import org.ftverify.core.Comparison;
import org.ftverify.core.Num;

/**
 * A tolerance together with the sentence that derives it. Every comparison of a claim is made through one of these
 * builders, so the report and the catalogue can say where each tolerance comes from, and no tolerance is a bare
 * number. Terms add up with {@link #plus}, e.g. Monte Carlo noise plus a finite-size term:
 * {@code Tolerance.clt(5, se, n, "seeds").plus(Tolerance.finiteSize(c, d, "C measured ..."))}.
 *
 * <p>Rules (see docs/verification-strength.adoc): a Monte Carlo term is k standard errors of the estimate actually
 * used (the SE is measured, not assumed); a finite-size or step-size constant C is derived or measured, and the text
 * says which and how (seeds, d, level); an exact identity gets round-off scaled by the condition number of the
 * computation, never a fixed relative 1e-12.
 */
public record Tolerance(double value, String derivation) {
    /** Unit round-off of IEEE double, 2^-53. */
    public static final double UNIT_ROUNDOFF = 0x1p-53;

    public Tolerance {
        if (!(value > 0) || Double.isInfinite(value))
            throw new IllegalArgumentException("tolerance must be finite and > 0, got " + value + " (" + derivation + ")");
    }

    /** k standard errors of a Monte Carlo mean over n units: the CLT band, shrinking as n^-1/2. */
    public static Tolerance clt(double k, double se, int n, String unitName) {
        return new Tolerance(positive(k * se), Num.sig(k, 2) + " MC standard errors, SE = sd/√N = " + Num.sig(se, 3)
                + " with N = " + n + " " + unitName + " (∝ N^-1/2)");
    }

    /** C/√d: the O(d^-1/2) fluctuation of an order parameter at finite dimension; {@code howC} says where C comes from. */
    public static Tolerance finiteSize(double c, int d, String howC) {
        return new Tolerance(positive(c / Math.sqrt(d)), "finite size C/√d = " + Num.sig(c / Math.sqrt(d), 3) + " with C = "
                + Num.sig(c, 3) + ", d = " + d + " (" + howC + ")");
    }

    /** C·eta: the O(eta) gap between a discrete step (SGD/GD) and the flow it discretises; {@code howC} says where C comes from. */
    public static Tolerance stepSize(double c, double eta, String howC) {
        return new Tolerance(positive(c * eta), "step size C·η = " + Num.sig(c * eta, 3) + " with C = " + Num.sig(c, 3) + ", η = "
                + Num.sig(eta, 3) + " (" + howC + ")");
    }

    /**
     * Round-off of an exact identity: ops·κ·u·|scale| with u = 2^-53, κ the condition number of the computation (how
     * much it amplifies relative input errors, e.g. L(0)/L(c) for a difference of logs) and ops a bound on the number
     * of rounding steps that feed the result.
     */
    public static Tolerance roundOff(double condition, int ops, double scale) {
        double v = Math.max(ops * Math.max(1, condition) * UNIT_ROUNDOFF * Math.abs(scale), Double.MIN_NORMAL);
        return new Tolerance(v, "round-off ops·κ·u·|x| = " + Num.sig(v, 2) + " with κ = " + Num.sig(condition, 3) + ", ops = " + ops
                + ", u = 2^-53");
    }

    /** Half a unit of the last printed digit of a published number (e.g. "6.346e-4"). */
    public static Tolerance printed(String printed) {
        BigDecimal p = new BigDecimal(printed.replace('−', '-'));
        double halfUlp = 0.5 * Math.pow(10, -p.scale());
        return new Tolerance(halfUlp * (1 + 1e-9), "printed value " + printed + ": half a unit of its last digit, " + Num.sig(halfUlp, 1));
    }

    /** A tolerance derived in words (an analytic bound, a solver's error control); {@code why} is the derivation. */
    public static Tolerance derived(double value, String why) {
        return new Tolerance(value, why);
    }

    /** The sum of two independent error terms (a conservative bound on their combined size). */
    public Tolerance plus(Tolerance other) {
        return new Tolerance(value + other.value, derivation + " + " + other.derivation);
    }

    /** This tolerance, or the round-off floor of the compared values when that is larger (an SE of 0 is not a tolerance). */
    public Tolerance atLeastRoundOff(int ops, double scale) {
        Tolerance floor = roundOff(1, ops, scale);
        return floor.value > value ? new Tolerance(floor.value, derivation + "; floored at " + floor.derivation) : this;
    }

    /** |observed - predicted| <= value. */
    public Comparison compare(String quantity, double predicted, double observed) {
        return Comparison.absolute(quantity, predicted, observed, value, derivation);
    }

    /** observed >= bound - value (one-sided). */
    public Comparison atLeast(String quantity, double observed, double bound) {
        return Comparison.atLeast(quantity, observed, bound - value, value, "one-sided, ≥ " + Num.sig(bound, 6) + " − tolerance; " + derivation);
    }

    /** observed <= bound + value (one-sided), reported as -observed >= -(bound + value). */
    public Comparison atMost(String quantity, double observed, double bound) {
        return Comparison.atLeast(quantity + " (negated, at most " + Num.sig(bound, 6) + ")", -observed, -(bound + value), value,
                "one-sided, ≤ " + Num.sig(bound, 6) + " + tolerance; " + derivation);
    }

    private static double positive(double v) {
        // A zero SE (a deterministic quantity) must not give a zero tolerance; callers floor with atLeastRoundOff.
        return v > 0 ? v : Double.MIN_NORMAL;
    }
}
