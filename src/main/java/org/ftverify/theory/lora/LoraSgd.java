package org.ftverify.theory.lora;

import java.util.Arrays;
import org.ftverify.core.CheckAbort;
import org.ftverify.simd.GaussianSampler;
import org.ftverify.simd.Kernels;

/**
 * One-pass SGD on a rank-1 LoRA of a pre-trained single-index model, exactly as theory page, lora-model prescribes:
 * w = mu w* + u v, fresh batch X (B x d) of N(0, I_d) inputs per step, labels sigma(w*·x), per-sample loss
 * ½(sigma(w·x) - y)², simultaneous update of u and v from the same batch (G_v uses the old u), v renormalised after
 * every step (no tangent projection: renormalising is what the authors' code does), eta = gamma B / d.
 *
 * <p>Default target w* = e1, so nu = x_0 and m = v_0 cost nothing (rotational invariance, theory page, lora-model). A general
 * unit target ({@link #withTarget}) runs the same loop with two extra dot products per sample; it exists to test that
 * invariance once.
 *
 * <p>The step loop allocates nothing and calls only {@link Kernels} and {@link GaussianSampler}, so the Vector API
 * implementation behind the same API speeds it up unchanged. Each sample's row is drawn, dotted with v and
 * accumulated into G_v while it is still in cache, so rho_i and g_i never need arrays of their own.
 *
 * <p>Divergence (NaN/Inf, or |u| > {@value #U_LIMIT}) throws {@link CheckAbort#diverged} naming the step, alpha and
 * state: a blown-up run is reported as such, never read as evidence.
 */
public final class LoraSgd {
    /** |u| beyond this is divergence: every fixed point of theory page, lora-fixed-points has |u| <= 2. */
    public static final double U_LIMIT = 1e6;

    private final SimSetup setup;
    private final Activation s;
    private final int d, batch;
    private final double mu, eta;
    private final double[] target; // null: w* = e1 fast path
    private final GaussianSampler rng;
    private final double[][] x;    // the batch X, one row per sample
    private final double[] gv;     // sum_i g_i x_i (G_v without the u/B factor)
    private final double[] v;
    private double u;
    private long steps;
    private boolean started;

    /** Simulator with w* = e1; every random number (random start included) comes from {@code seed}. */
    public LoraSgd(SimSetup setup, long seed) {
        this(setup, seed, null);
    }

    private LoraSgd(SimSetup setup, long seed, double[] target) {
        if (setup == null) throw new IllegalArgumentException("setup: must not be null");
        this.setup = setup;
        this.s = setup.activation();
        this.d = setup.d();
        this.batch = setup.batch();
        this.mu = setup.mu();
        this.eta = setup.eta();
        this.target = target;
        this.rng = new GaussianSampler(seed);
        this.x = new double[batch][d];
        this.gv = new double[d];
        this.v = new double[d];
    }

    /** Simulator with a general unit target w* (length d, norm 1 to 1e-9); the vector is copied. */
    public static LoraSgd withTarget(SimSetup setup, long seed, double[] wStar) {
        if (setup == null) throw new IllegalArgumentException("setup: must not be null");
        if (wStar == null || wStar.length != setup.d())
            throw new IllegalArgumentException("wStar: must have length d = " + setup.d());
        double n2 = Kernels.squaredNorm(wStar, wStar.length);
        if (!(Math.abs(n2 - 1) <= 1e-9)) throw new IllegalArgumentException("wStar: must be a unit vector, got ||wStar||^2 = " + n2);
        return new LoraSgd(setup, seed, wStar.clone());
    }

    public SimSetup setup() {
        return setup;
    }

    /**
     * Warm start (theory page, lora-p1: u = u0, v = m0 w* + sqrt(1 - m0²) p with p the unit vector along e2 - (e2·w*) w*
     * (so p = e2 when w* = e1). Resets alpha to 0.
     */
    public LoraSgd startWarm(double u0, double m0) {
        if (!Double.isFinite(u0)) throw new IllegalArgumentException("u0: must be finite, got " + u0);
        if (!(m0 >= -1 && m0 <= 1)) throw new IllegalArgumentException("m0: must lie in [-1, 1], got " + m0);
        double[] w = target();
        int other = Math.abs(w[1]) < 0.9 ? 1 : 0; // a basis vector not (nearly) parallel to w*
        Arrays.fill(v, 0);
        v[other] = 1;
        Kernels.axpy(-w[other], w, v, d);
        Kernels.scale(1 / Math.sqrt(Kernels.squaredNorm(v, d)), v, d);
        Kernels.scale(Math.sqrt(1 - m0 * m0), v, d);
        Kernels.axpy(m0, w, v, d);
        return begin(u0);
    }

    /** Random start: v uniform on the sphere (normalised Gaussian, drawn first from the seed's stream), u = u0. */
    public LoraSgd startRandom(double u0) {
        if (!Double.isFinite(u0)) throw new IllegalArgumentException("u0: must be finite, got " + u0);
        rng.fill(v, d);
        Kernels.scale(1 / Math.sqrt(Kernels.squaredNorm(v, d)), v, d);
        return begin(u0);
    }

    private LoraSgd begin(double u0) {
        u = u0;
        steps = 0;
        started = true;
        return this;
    }

    /** One SGD step on a fresh batch. Allocation-free. */
    public void step() {
        if (!started) throw new IllegalStateException("call startWarm or startRandom before stepping");
        final double uOld = u;
        double sumGRho = 0;
        Arrays.fill(gv, 0.0);
        for (int i = 0; i < batch; i++) {
            double[] xi = x[i];
            rng.fill(xi, d);
            double nu = target == null ? xi[0] : Kernels.dot(xi, target, d);
            double rho = Kernels.dot(xi, v, d);
            double lambda = mu * nu + uOld * rho;
            double g = (s.value(lambda) - s.value(nu)) * s.d1(lambda);
            sumGRho += g * rho;
            Kernels.axpy(g, xi, gv, d);
        }
        u = uOld - eta * (sumGRho / batch);              // g_u = mean_i g_i rho_i
        Kernels.axpy(-eta * uOld / batch, gv, v, d);     // G_v = u (1/B) sum_i g_i x_i, with the OLD u
        double n2 = Kernels.squaredNorm(v, d);
        steps++;
        if (!Double.isFinite(u) || Math.abs(u) > U_LIMIT || !Double.isFinite(n2) || !(n2 > 0)) throw diverged(n2);
        Kernels.scale(1 / Math.sqrt(n2), v, d);
    }

    private CheckAbort diverged(double n2) {
        double mRaw = (target == null ? v[0] : Kernels.dot(v, target, d)) / Math.sqrt(n2);
        return CheckAbort.diverged(String.format(
                "LoRA SGD diverged at step %d (alpha = %.6g): u = %s, m = %s, ||v||^2 before renormalisation = %s "
                        + "(%s, mu = %s, gamma = %s, d = %d, B = %d; limit |u| <= %.0e)",
                steps, alpha(), u, mRaw, n2, s.id(), mu, setup.gamma(), d, batch, U_LIMIT));
    }

    /**
     * Steps until alpha >= alphaMax or |m| >= escapeThreshold (pass a value > 1 for no escape stop), recording
     * (alpha, u, m, population loss) at the first step at or after each checkpoint (ascending, >= 0). Checkpoints at or
     * below the current alpha are recorded at once. The loop itself allocates nothing; the record arrays are sized
     * before it starts.
     */
    public SimRun run(double[] checkpoints, double escapeThreshold, double alphaMax) {
        if (!started) throw new IllegalStateException("call startWarm or startRandom before run");
        if (checkpoints == null) throw new IllegalArgumentException("checkpoints: must not be null (may be empty)");
        for (int i = 0; i < checkpoints.length; i++) {
            if (!(checkpoints[i] >= 0) || Double.isInfinite(checkpoints[i]) || (i > 0 && checkpoints[i] < checkpoints[i - 1]))
                throw new IllegalArgumentException("checkpoints: must be finite, >= 0 and ascending; bad entry " + i + " = " + checkpoints[i]);
        }
        if (!(escapeThreshold > 0)) throw new IllegalArgumentException("escapeThreshold: must be > 0, got " + escapeThreshold);
        if (!(alphaMax > 0) || Double.isInfinite(alphaMax)) throw new IllegalArgumentException("alphaMax: must be finite and > 0, got " + alphaMax);
        int n = checkpoints.length;
        double[] ra = new double[n], ru = new double[n], rm = new double[n], rl = new double[n];
        long maxSteps = (long) Math.ceil(alphaMax / setup.alphaPerStep() - 1e-9);
        int k = record(checkpoints, 0, ra, ru, rm, rl);
        double escape = Double.NaN;
        if (Math.abs(m()) >= escapeThreshold) escape = alpha();
        while (Double.isNaN(escape) && steps < maxSteps) {
            step();
            if (k < n) k = record(checkpoints, k, ra, ru, rm, rl);
            if (Math.abs(m()) >= escapeThreshold) escape = alpha();
        }
        return new SimRun(Arrays.copyOf(ra, k), Arrays.copyOf(ru, k), Arrays.copyOf(rm, k), Arrays.copyOf(rl, k),
                escape, alpha(), steps, Kernels.species());
    }

    private int record(double[] cps, int k, double[] ra, double[] ru, double[] rm, double[] rl) {
        double a = alpha();
        while (k < cps.length && cps[k] <= a + 1e-12) {
            double m = m();
            ra[k] = a;
            ru[k] = u;
            rm[k] = m;
            rl[k] = SimPopulationLoss.of(s, mu, u, m);
            k++;
        }
        return k;
    }

    public double u() {
        return u;
    }

    /** m = v·w*. */
    public double m() {
        return target == null ? v[0] : Kernels.dot(v, target, d);
    }

    /** alpha = steps B / d. */
    public double alpha() {
        return steps * setup.alphaPerStep();
    }

    public long steps() {
        return steps;
    }

    /** Copy of v (tests and diagnostics; allocates). */
    public double[] v() {
        return v.clone();
    }

    private double[] target() {
        if (target != null) return target;
        double[] e1 = new double[d];
        e1[0] = 1;
        return e1;
    }
}
