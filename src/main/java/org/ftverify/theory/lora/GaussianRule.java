package org.ftverify.theory.lora;

import java.util.concurrent.ConcurrentHashMap;
import org.ftverify.numeric.GaussHermite;

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
 * <p>Gauss–Hermite nodes and weights come from the core's {@link GaussHermite} (n ≤ 180). An n-point rule is exact
 * for polynomials of degree ≤ 2n−1, which is why polynomial activations get exact expectations from a small rule.
 * Rules are built once and cached:
 * the ODE drift calls them 1e4–1e5 times per solve and must not rebuild or allocate.
 */
public final class GaussianRule {
    private static final ConcurrentHashMap<Integer, GaussianRule> CACHE = new ConcurrentHashMap<>();
    /** Truncation of the trapezoidal grid: φ(z)·z² < 3e-16 beyond |z| = 9. */
    public static final double TRAPEZOID_CUTOFF = 9;
    private static final int MAX_POINTS = GaussHermite.MAX_POINTS;

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

    /** The core's n-point Gauss–Hermite rule (org.ftverify.numeric.GaussHermite), wrapped beside the trapezoidal rule. */
    private static GaussianRule build(int n) {
        GaussHermite g = GaussHermite.of(n);
        return new GaussianRule(g.nodes(), g.weights());
    }
}
