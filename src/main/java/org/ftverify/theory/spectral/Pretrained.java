package org.ftverify.theory.spectral;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.ftverify.simd.GaussianSampler;

/**
 * Model M1 of docs/theory/spectral.adoc (anchor spectral-model): a pretrained m x p weight (m <= p) with a prescribed
 * spectrum and Haar-random singular vectors, W0 = Q1 diag(sigma) Q2^T, so its exact singular vectors are known.
 */
final class Pretrained {
    final DMatrixRMaj matrix;
    final double[] sigma;
    private final DMatrixRMaj q1, q2;

    private Pretrained(DMatrixRMaj q1, double[] sigma, DMatrixRMaj q2) {
        this.q1 = q1;
        this.q2 = q2;
        this.sigma = sigma;
        this.matrix = Matrices.compose(q1, sigma, q2);
    }

    static Pretrained of(double[] sigma, int p, GaussianSampler g) {
        int m = sigma.length;
        if (p < m) throw new IllegalArgumentException("p = " + p + " must be >= m = " + m);
        for (int i = 0; i + 1 < m; i++)
            if (!(sigma[i] >= sigma[i + 1] && sigma[i + 1] >= 0)) throw new IllegalArgumentException("sigma must be descending and >= 0: " + Arrays.toString(sigma));
        return new Pretrained(Matrices.orthonormalColumns(m, m, g), sigma.clone(), Matrices.orthonormalColumns(p, m, g));
    }

    /** k outliers in [2, 10] separated by >= 0.96 (8/k times a jitter in [0.2, 0.8]) above a bulk uniform in [0.05, 1]. */
    static Pretrained draw(int m, int p, int k, GaussianSampler g) {
        double[] s = new double[m];
        for (int i = 0; i < k; i++) s[i] = 2 + 8.0 / k * (k - 1 - i + 0.2 + 0.6 * uniform(g));
        double[] bulk = new double[m - k];
        for (int i = 0; i < bulk.length; i++) bulk[i] = 0.05 + 0.95 * uniform(g);
        Arrays.sort(bulk);
        for (int i = 0; i < bulk.length; i++) s[k + i] = bulk[bulk.length - 1 - i];
        return of(s, p, g);
    }

    /** A uniform(0, 1) from the Gaussian stream (Phi of a normal), so one sampler drives the whole draw. */
    private static double uniform(GaussianSampler g) {
        return 0.5 * org.hipparchus.special.Erf.erfc(-g.next() / Math.sqrt(2));
    }

    double[] u(int i) {
        return Matrices.column(q1, i);
    }

    double[] v(int i) {
        return Matrices.column(q2, i);
    }

    double[][] uRows() {
        double[][] r = new double[sigma.length][];
        for (int i = 0; i < r.length; i++) r[i] = u(i);
        return r;
    }

    double[][] vRows() {
        double[][] r = new double[sigma.length][];
        for (int i = 0; i < r.length; i++) r[i] = v(i);
        return r;
    }
}
