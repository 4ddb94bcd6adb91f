package org.ftverify.theory.spectral;

import org.ftverify.numeric.TruncatedSvd;
import org.ftverify.simd.GaussianSampler;
import org.ftverify.simd.Kernels;

/**
 * Model M5 of docs/theory/spectral.adoc (anchor spectral-model), normalised: X = sum_i theta_i a_i b_i^T + N with
 * N_ij ~ N(0, 1/p). The noise is rotation invariant, so the spike directions are taken as coordinate vectors
 * (a_i = e_i, b_i = e_i) without loss of generality: an overlap <u^, a_i>^2 is then u^[i]^2. One noise matrix can
 * carry several spike strengths (the shared-noise setting of claims P6 and P7): {@link #setSpikes} only rewrites the
 * diagonal entries it owns.
 */
final class SpikedNoise {
    final int m, p;
    private final double[][] x;
    private final double[] noiseDiagonal;

    /** A fresh m x p noise matrix from stream {@code stream} of {@code seed}. */
    SpikedNoise(int m, int p, long seed, long stream) {
        if (m < 1 || p < 1) throw new IllegalArgumentException("m = " + m + ", p = " + p + ": allowed m, p >= 1");
        this.m = m;
        this.p = p;
        x = new double[m][p];
        GaussianSampler g = GaussianSampler.stream(seed, stream);
        double scale = 1 / Math.sqrt(p);
        for (double[] row : x) {
            g.fill(row, p);
            Kernels.scale(scale, row, p);
        }
        noiseDiagonal = new double[Math.min(m, p)];
        for (int i = 0; i < noiseDiagonal.length; i++) noiseDiagonal[i] = x[i][i];
    }

    /** X = sum_i theta_i e_i e_i^T + N (spikes beyond theta.length removed). */
    SpikedNoise setSpikes(double... theta) {
        for (int i = 0; i < noiseDiagonal.length; i++) x[i][i] = noiseDiagonal[i] + (i < theta.length ? theta[i] : 0);
        return this;
    }

    /** Leading k singular triplets of the current X (residual-certified Krylov SVD). */
    TruncatedSvd.Result top(int k, long seed) {
        return TruncatedSvd.compute(x, k, seed, 1e-9);
    }

    double[][] rows() {
        return x;
    }
}
