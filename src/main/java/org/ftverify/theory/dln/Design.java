package org.ftverify.theory.dln;

import org.ftverify.simd.GaussianSampler;
import org.ftverify.simd.Kernels;

/**
 * A regression data set: X (n × D, row-major) with i.i.d. N(0, scale²) entries and noiseless labels y = Xβ*.
 * The theory's data use scale² = 1/D; claims that only test the interpolator may use another scale (X ↦ aX leaves
 * {β : Xβ = y} unchanged and only rescales time).
 */
public record Design(int n, int d, double[] x, double[] y, double[] teacher) {

    public Design {
        if (d < 1) throw new IllegalArgumentException("D: must be >= 1, got " + d);
        if (n < 1) throw new IllegalArgumentException("n: must be in [1, ...], got " + n);
    }

    /** Gaussian design with entry variance scale², labels from {@code teacher} (length D), seeded. */
    public static Design gaussian(int n, int d, double scale, double[] teacher, long seed) {
        if (teacher.length != d) throw new IllegalArgumentException("teacher: length must be D = " + d + ", got " + teacher.length);
        double[] x = new double[n * d];
        GaussianSampler.stream(seed, 1).fill(x, x.length);
        Kernels.scale(scale, x, x.length);
        double[] y = new double[n];
        Kernels.gemv(x, n, d, teacher, y);
        return new Design(n, d, x, y, teacher.clone());
    }

    /** Squared residual norm ||Xβ − y||² using {@code scratch} (length n). */
    public double residualSquared(double[] beta, double[] scratch) {
        Kernels.gemv(x, n, d, beta, scratch);
        for (int i = 0; i < n; i++) scratch[i] -= y[i];
        return Kernels.squaredNorm(scratch, n);
    }
}
