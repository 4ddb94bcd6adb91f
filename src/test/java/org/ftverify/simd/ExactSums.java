package org.ftverify.simd;

import java.math.BigDecimal;
import java.util.SplittableRandom;

/**
 * Exact references and derived error bounds for the kernel tests.
 *
 * <p>Every double is a finite binary fraction, so BigDecimal sums of double products are exact. Any summation order
 * (left to right, per-lane accumulators, tree reduction, with or without fma) of n terms satisfies the classical bound
 * |computed - exact| &lt;= gamma_n * sum |a_i b_i| with gamma_n = n u / (1 - n u), u = 2^-53 (Higham, Accuracy and
 * Stability of Numerical Algorithms, 2nd ed., eq. 3.5): that bound is the test tolerance, not a tuned number.
 */
final class ExactSums {
    static final double U = 0x1p-53;

    private ExactSums() {}

    static double gamma(int n) {
        return n * U / (1 - n * U);
    }

    /** Exact sum of a[aOff + i * aStride] * b[i] for i in [0, n), rounded once to double. */
    static double exactDot(double[] a, int aOff, int aStride, double[] b, int n) {
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) s = s.add(new BigDecimal(a[aOff + i * aStride]).multiply(new BigDecimal(b[i])));
        return s.doubleValue();
    }

    static double absDot(double[] a, int aOff, int aStride, double[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.abs(a[aOff + i * aStride] * b[i]);
        return s;
    }

    /**
     * Tolerance for a computed n-term dot product: gamma_n * sum|a_i b_i| for the computation (the factor 1 + gamma_n
     * covers the rounding of sum|a_i b_i| itself), plus u |exact| because the reference is the exact sum rounded once
     * to double.
     */
    static double dotTolerance(int n, double absDot, double exact) {
        return gamma(n) * absDot * (1 + gamma(n)) + U * Math.abs(exact);
    }

    /** Standard normal test data with mixed signs, so sums cancel as they do in real SGD steps. */
    static double[] randomVector(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextDouble(-1, 1) * Math.exp(rng.nextDouble(-3, 3));
        return v;
    }
}
