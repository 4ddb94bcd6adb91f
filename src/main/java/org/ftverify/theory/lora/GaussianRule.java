package org.ftverify.theory.lora;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A quadrature rule for expectations over a standard normal, E f(z) ≈ Σ w_i f(z_i): Gauss–Hermite
 * ({@link #hermite}) or the trapezoidal rule on a uniform grid ({@link #trapezoid}).
 *
 * <p>Which one: Gauss–Hermite is exact for polynomials (n points: degree ≤ 2n−1) and best for very smooth f; for f
 * with complex singularities close to the real axis (tanh, sigmoid and erf·e^{−λ²} at large argument scale) its
 * error decays only like exp(−d√(2n)), whereas the trapezoidal rule on Gaussian-weighted analytic integrands
 * converges like exp(−2πd/h) (d: half-width of the strip of analyticity, h: step), i.e. exponentially in the
 * number of nodes. Measured in LoraDriftTest.
 *
 * <p>Gauss–Hermite:
 * <p>Nodes are the roots of the physicists' Hermite polynomial H_n found by Newton's method on the orthonormal
 * three-term recurrence (Numerical Recipes' gauher), which stays accurate up to n = 180 (the cap: past ~190 points the unweighted recurrence overflows); they are then mapped
 * to the probabilists' weight (z = √2 x, w = w_x/√π). An n-point rule is exact for polynomials of degree ≤ 2n−1,
 * which is why polynomial activations get exact expectations from a small rule. Rules are built once and cached:
 * the ODE drift calls them 1e4–1e5 times per solve and must not rebuild or allocate.
 */
public final class GaussianRule {
    private static final ConcurrentHashMap<Integer, GaussianRule> CACHE = new ConcurrentHashMap<>();
    /** Truncation of the trapezoidal grid: φ(z)·z² < 3e-16 beyond |z| = 9. */
    public static final double TRAPEZOID_CUTOFF = 9;
    private static final int MAX_POINTS = 180; // beyond ~190 points the recurrence overflows double range

    private final double[] z;
    private final double[] w;

    private GaussianRule(double[] z, double[] w) {
        this.z = z;
        this.w = w;
    }

    /** The cached n-point rule, 1 ≤ n ≤ 180. */
    public static GaussianRule hermite(int n) {
        if (n < 1 || n > MAX_POINTS) throw new IllegalArgumentException("n: Gauss–Hermite points must be in [1, " + MAX_POINTS + "], got " + n);
        return CACHE.computeIfAbsent(n, GaussianRule::build);
    }

    /**
     * Trapezoidal rule on z = k·h, |z| ≤ {@value #TRAPEZOID_CUTOFF}, weights h·φ(z_k). Not cached: callers build the
     * few step sizes they need once.
     */
    public static GaussianRule trapezoid(double h) {
        if (!(h >= 1e-3 && h <= 1)) throw new IllegalArgumentException("h: trapezoid step must be in [0.001, 1], got " + h);
        int k = (int) Math.ceil(TRAPEZOID_CUTOFF / h);
        double[] z = new double[2 * k + 1], w = new double[2 * k + 1];
        double c = h / Math.sqrt(2 * Math.PI);
        for (int i = -k; i <= k; i++) {
            z[i + k] = i * h;
            w[i + k] = c * Math.exp(-0.5 * i * h * i * h);
        }
        return new GaussianRule(z, w);
    }

    public int size() {
        return z.length;
    }

    /** Node i (standard-normal scale). Read-only view for hot loops: callers must not modify. */
    public double node(int i) {
        return z[i];
    }

    public double weight(int i) {
        return w[i];
    }

    /** The node array itself (shared, do not modify): lets hot loops avoid a call per node. */
    double[] nodes() {
        return z;
    }

    double[] weights() {
        return w;
    }

    public double expect(java.util.function.DoubleUnaryOperator f) {
        double s = 0;
        for (int i = 0; i < z.length; i++) s += w[i] * f.applyAsDouble(z[i]);
        return s;
    }

    private static GaussianRule build(int n) {
        double[] x = new double[n], wx = new double[n];
        final double pim4 = 0.7511255444649425; // π^{-1/4}
        int m = (n + 1) / 2;
        double root = 0;
        for (int i = 0; i < m; i++) {
            // Initial guesses of NR's gauher: largest root first, each next guess from the previous roots.
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
            // store ascending so loops read nodes in order; NR returns them descending
            z[i] = Math.sqrt(2) * x[n - 1 - i];
            w[i] = wx[n - 1 - i] / sqrtPi;
            sum += w[i];
        }
        if (Math.abs(sum - 1) > 1e-12) throw new IllegalStateException("Gauss–Hermite weights of the " + n + "-point rule sum to " + sum);
        return new GaussianRule(z, w);
    }
}
