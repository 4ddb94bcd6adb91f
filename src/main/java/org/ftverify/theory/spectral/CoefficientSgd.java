package org.ftverify.theory.spectral;

import org.ftverify.simd.GaussianSampler;
import org.ftverify.simd.Kernels;

/**
 * The high-dimensional system behind the frozen-basis coefficient dynamics (model M4): online SGD on
 * L(s) = 1/2 E||(W(s) - W*) x||^2 with W(s) = U_k diag(s) V_k^T + W_res and x ~ N(0, Sigma), Sigma = A A^T/p + ridge I.
 * One step's increment of s_i, divided by the learning rate, is -(u_i^T r)(v_i^T x) with r = (W(s) - W*) x. This class
 * draws such increments at a fixed s, the measurement of the drift check; the loop allocates nothing.
 */
public final class CoefficientSgd {
    private final int m, p, k;
    private final double[] residualMap, a, ut, vt; // W(s) - W* (m x p), A (p x p), U_k^T (k x m), V_k^T (k x p), row-major
    private final double ridge;
    private final double[] z, x, r, ur, vx, sum, sumSq;

    /** Buffers for one stream; matrices are copied. */
    public CoefficientSgd(int m, int p, int k, double[] residualMap, double[] a, double ridge, double[] ut, double[] vt) {
        if (residualMap.length != m * p || a.length != p * p || ut.length != k * m || vt.length != k * p)
            throw new IllegalArgumentException("matrix sizes do not match m = " + m + ", p = " + p + ", k = " + k);
        if (!(ridge >= 0)) throw new IllegalArgumentException("ridge = " + ridge + ": allowed ridge >= 0");
        this.m = m;
        this.p = p;
        this.k = k;
        this.residualMap = residualMap.clone();
        this.a = a.clone();
        this.ridge = ridge;
        this.ut = ut.clone();
        this.vt = vt.clone();
        z = new double[2 * p];
        x = new double[p];
        r = new double[m];
        ur = new double[k];
        vx = new double[k];
        sum = new double[k];
        sumSq = new double[k];
    }

    /**
     * Draws {@code samples} increments from {@code g}; returns the per-component mean of -(u_i^T r)(v_i^T x) in
     * out[0..k) and its standard error in out[k..2k).
     */
    public void drift(GaussianSampler g, int samples, double[] out) {
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(sumSq, 0);
        double scaleA = 1 / Math.sqrt(p), iso = Math.sqrt(ridge);
        for (int n = 0; n < samples; n++) {
            g.fill(z, 2 * p);
            Kernels.gemv(a, p, p, z, x);                       // x = A z1 / sqrt(p) + sqrt(ridge) z2
            Kernels.scale(scaleA, x, p);
            for (int j = 0; j < p; j++) x[j] += iso * z[p + j];
            Kernels.gemv(residualMap, m, p, x, r);             // r = (W(s) - W*) x
            Kernels.gemv(ut, k, m, r, ur);
            Kernels.gemv(vt, k, p, x, vx);
            for (int i = 0; i < k; i++) {
                double inc = -ur[i] * vx[i];
                sum[i] += inc;
                sumSq[i] += inc * inc;
            }
        }
        for (int i = 0; i < k; i++) {
            double mean = sum[i] / samples, var = (sumSq[i] / samples - mean * mean) * samples / (samples - 1.0);
            out[i] = mean;
            out[k + i] = Math.sqrt(Math.max(var, 0) / samples);
        }
    }
}
