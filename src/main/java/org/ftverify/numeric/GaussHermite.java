package org.ftverify.numeric;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;

/**
 * The n-point Gauss–Hermite rule for expectations over a standard normal: E f(Z) ≈ Σ w_i f(z_i), Z ~ N(0, 1). Exact
 * for polynomials of degree ≤ 2n − 1.
 *
 * <p>Nodes are the roots of the physicists' Hermite polynomial H_n, found by Newton's method on the orthonormal
 * three-term recurrence (the algorithm of Numerical Recipes' gauher), mapped to the probabilists' weight
 * (z = √2 x, w = w_x/√π). The orthonormal recurrence underflows past about 190 points, hence the cap of 180. Rules
 * are built once per n and cached; the node and weight arrays are shared and must not be modified.
 */
public final class GaussHermite {
    /** Largest supported rule: the unweighted recurrence overflows double range past ~190 points. */
    public static final int MAX_POINTS = 180;
    private static final ConcurrentHashMap<Integer, GaussHermite> CACHE = new ConcurrentHashMap<>();

    private final double[] z;
    private final double[] w;

    private GaussHermite(double[] z, double[] w) {
        this.z = z;
        this.w = w;
    }

    /** The cached n-point rule, 1 ≤ n ≤ {@value #MAX_POINTS}. */
    public static GaussHermite of(int n) {
        if (n < 1 || n > MAX_POINTS)
            throw new IllegalArgumentException("n: Gauss–Hermite points must be in [1, " + MAX_POINTS + "], got " + n);
        return CACHE.computeIfAbsent(n, GaussHermite::build);
    }

    public int size() {
        return z.length;
    }

    /** Nodes in ascending order on the standard-normal scale (shared array: read only). */
    public double[] nodes() {
        return z;
    }

    /** Weights summing to 1 (shared array: read only). */
    public double[] weights() {
        return w;
    }

    /** E f(Z) for Z ~ N(0, 1). */
    public double expect(DoubleUnaryOperator f) {
        double s = 0;
        for (int i = 0; i < z.length; i++) s += w[i] * f.applyAsDouble(z[i]);
        return s;
    }

    private static GaussHermite build(int n) {
        double[] x = new double[n], wx = new double[n];
        final double pim4 = 0.7511255444649425; // π^{-1/4}
        int m = (n + 1) / 2;
        double root = 0;
        for (int i = 0; i < m; i++) {
            // gauher's initial guesses: largest root first, each later guess extrapolated from the previous roots.
            if (i == 0) root = Math.sqrt(2.0 * n + 1) - 1.85575 * Math.pow(2.0 * n + 1, -0.16667);
            else if (i == 1) root -= 1.14 * Math.pow(n, 0.426) / root;
            else if (i == 2) root = 1.86 * root - 0.86 * x[0];
            else if (i == 3) root = 1.91 * root - 0.91 * x[1];
            else root = 2.0 * root - x[i - 2];
            double pp = 0;
            boolean converged = false;
            for (int it = 0; it < 100; it++) {
                double p1 = pim4, p2 = 0;
                for (int j = 0; j < n; j++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = root * Math.sqrt(2.0 / (j + 1)) * p2 - Math.sqrt((double) j / (j + 1)) * p3;
                }
                pp = Math.sqrt(2.0 * n) * p2;
                double prev = root;
                root = prev - p1 / pp;
                if (Math.abs(root - prev) <= 1e-15 * Math.max(1, Math.abs(root))) {
                    converged = true;
                    break;
                }
            }
            if (!converged) throw new IllegalStateException("Gauss–Hermite node " + i + " of " + n + " did not converge");
            x[i] = root;
            x[n - 1 - i] = -root;
            wx[i] = 2.0 / (pp * pp);
            wx[n - 1 - i] = wx[i];
        }
        if (n % 2 == 1) x[m - 1] = 0; // exact symmetry of the middle node
        double[] z = new double[n], w = new double[n];
        double sqrtPi = Math.sqrt(Math.PI), sum = 0;
        for (int i = 0; i < n; i++) {
            z[i] = Math.sqrt(2) * x[n - 1 - i]; // ascending
            w[i] = wx[n - 1 - i] / sqrtPi;
            sum += w[i];
        }
        if (Math.abs(sum - 1) > 1e-12) throw new IllegalStateException("Gauss–Hermite weights of the " + n + "-point rule sum to " + sum);
        return new GaussHermite(z, w);
    }
}
