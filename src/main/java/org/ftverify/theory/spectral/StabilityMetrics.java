package org.ftverify.theory.spectral;

import org.ejml.data.DMatrixRMaj;
import org.ftverify.simd.Kernels;

/**
 * The stability metrics of docs/theory/spectral.adoc (anchor spectral-metrics): how far the leading singular
 * vectors of a fine-tuned matrix are from the pretrained ones. Vectors are given as arrays (u[i] = i-th singular
 * vector); every metric is sign-invariant. Per-index overlaps are fragile when singular values reorder; best-match
 * and subspace metrics are not (that difference is part of claim P3 and P9).
 */
public final class StabilityMetrics {
    private StabilityMetrics() {}

    /** |<u_i, u~_i>|. */
    public static double perIndexOverlap(double[] u, double[] uTilde) {
        return Math.abs(Kernels.dot(u, uTilde, u.length));
    }

    /** max_j |<u_i, u~_j>| over the first k vectors of {@code tilde}. */
    public static double bestMatchOverlap(double[] u, double[][] tilde, int k) {
        double best = 0;
        for (int j = 0; j < k; j++) best = Math.max(best, perIndexOverlap(u, tilde[j]));
        return best;
    }

    /** Cosines of the principal angles between span(a_1..a_k) and span(b_1..b_k): singular values of A_k^T B_k, descending. */
    public static double[] principalCosines(double[][] a, double[][] b, int k) {
        if (k < 1 || k > a.length || k > b.length)
            throw new IllegalArgumentException("k = " + k + " must be in [1, " + Math.min(a.length, b.length) + "] (number of vectors given)");
        DMatrixRMaj g = new DMatrixRMaj(k, k);
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) g.set(i, j, Kernels.dot(a[i], b[j], a[i].length));
        double[] s = Matrices.singularValues(g);
        for (int i = 0; i < s.length; i++) s[i] = Math.min(1, s[i]);
        return s;
    }

    /** S_k = ||A_k^T B_k||_F^2 / k = mean cos^2 of the principal angles. */
    public static double subspaceOverlap(double[][] a, double[][] b, int k) {
        double s = 0;
        for (double c : principalCosines(a, b, k)) s += c * c;
        return s / k;
    }

    /** ||sin Theta||_op = sin of the largest principal angle = ||P_A - P_B||_op. */
    public static double sinThetaOperator(double[][] a, double[][] b, int k) {
        double[] c = principalCosines(a, b, k);
        double cmin = c[c.length - 1];
        return Math.sqrt(Math.max(0, 1 - cmin * cmin));
    }

    /** ||sin Theta||_F^2 = k - ||A_k^T B_k||_F^2. */
    public static double sinThetaFrobenius2(double[][] a, double[][] b, int k) {
        return k * (1 - subspaceOverlap(a, b, k));
    }

    /** Grassmann distance sqrt(sum theta_j^2). */
    public static double grassmannDistance(double[][] a, double[][] b, int k) {
        double s = 0;
        for (double c : principalCosines(a, b, k)) {
            double t = Math.acos(c);
            s += t * t;
        }
        return Math.sqrt(s);
    }
}
