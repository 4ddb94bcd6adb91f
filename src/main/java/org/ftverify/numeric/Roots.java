package org.ftverify.numeric;

import java.util.function.DoubleUnaryOperator;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;

/** Scalar roots on a bracket, by Hipparchus' Brent solver: a thin helper that names the bracket in its errors. */
public final class Roots {
    private Roots() {}

    /**
     * The root of f in [lo, hi] (f(lo) and f(hi) of opposite sign or zero) to absolute accuracy {@code absTol} plus
     * relative 1e-15.
     */
    public static double brent(DoubleUnaryOperator f, double lo, double hi, double absTol) {
        if (!(hi > lo)) throw new IllegalArgumentException("bracket: need lo < hi, got [" + lo + ", " + hi + "]");
        double flo = f.applyAsDouble(lo), fhi = f.applyAsDouble(hi);
        if (flo == 0) return lo;
        if (fhi == 0) return hi;
        if (Math.signum(flo) == Math.signum(fhi))
            throw new IllegalArgumentException("bracket [" + lo + ", " + hi + "] does not bracket a root: f = " + flo + ", " + fhi);
        try {
            return new BrentSolver(1e-15, absTol).solve(10_000, f::applyAsDouble, lo, hi);
        } catch (MathIllegalArgumentException | MathIllegalStateException e) {
            throw new IllegalStateException("Brent solver on [" + lo + ", " + hi + "]: " + e.getMessage(), e);
        }
    }

    /** The minimiser of a unimodal f on [lo, hi] by golden-section search to absolute width {@code absTol}. */
    public static double goldenMin(DoubleUnaryOperator f, double lo, double hi, double absTol) {
        if (!(hi > lo)) throw new IllegalArgumentException("interval: need lo < hi, got [" + lo + ", " + hi + "]");
        final double r = (Math.sqrt(5) - 1) / 2;
        double a = lo, b = hi, c = b - r * (b - a), d = a + r * (b - a);
        double fc = f.applyAsDouble(c), fd = f.applyAsDouble(d);
        while (b - a > absTol) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - r * (b - a);
                fc = f.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + r * (b - a);
                fd = f.applyAsDouble(d);
            }
        }
        return 0.5 * (a + b);
    }
}
