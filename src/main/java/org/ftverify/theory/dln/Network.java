package org.ftverify.theory.dln;

import org.ftverify.simd.Kernels;

/**
 * The two-pathway diagonal network β = w⁺∘v⁺ − w⁻∘v⁻ trained by full-batch GD on (1/n)||Xβ − y||². The step loop
 * uses the simd kernels (Xβ by gemv, Xᵀr by gemvTransposed) and allocates nothing: every buffer is a field.
 */
public final class Network {
    private final Design data;
    private final int d, n;
    final double[] wp, vp, wm, vm;
    private final double[] beta, residual, grad;

    public Network(Design data, double[] wp, double[] vp, double[] wm, double[] vm) {
        this.data = data;
        this.d = data.d();
        this.n = data.n();
        for (double[] a : new double[][] {wp, vp, wm, vm})
            if (a.length != d) throw new IllegalArgumentException("parameter vectors must have length D = " + d + ", got " + a.length);
        this.wp = wp.clone();
        this.vp = vp.clone();
        this.wm = wm.clone();
        this.vm = vm.clone();
        this.beta = new double[d];
        this.residual = new double[n];
        this.grad = new double[d];
    }

    /** The (c, λ) initialisation of the theory: w± = √((c+λ)/2), v± = √((c−λ)/2) on every coordinate (β = 0). */
    public static Network complexInit(Design data, double c, double lambda) {
        checkInit(c, lambda);
        int d = data.d();
        double w = Math.sqrt((c + lambda) / 2), v = Math.sqrt((c - lambda) / 2);
        double[] ww = new double[d], vv = new double[d];
        java.util.Arrays.fill(ww, w);
        java.util.Arrays.fill(vv, v);
        return new Network(data, ww, vv, ww, vv);
    }

    /** One-line errors for bad initialisation parameters. */
    static void checkInit(double c, double lambda) {
        if (!(c > 0) || Double.isInfinite(c)) throw new IllegalArgumentException("c: absolute scale must be in (0, inf), got " + c);
        if (!(Math.abs(lambda) < c)) throw new IllegalArgumentException("lambda_n: relative scale lambda/c must be in (-1, 1), got " + lambda / c);
    }

    /** Current β into {@code out} (length D). */
    public void beta(double[] out) {
        for (int i = 0; i < d; i++) out[i] = wp[i] * vp[i] - wm[i] * vm[i];
    }

    /** Gradient of the loss w.r.t. β at the current parameters, g = (2/n)Xᵀ(Xβ − y), left in {@link #gradient()}. */
    public void computeGradient() {
        beta(beta);
        Kernels.gemv(data.x(), n, d, beta, residual);
        for (int i = 0; i < n; i++) residual[i] = (residual[i] - data.y()[i]) * (2.0 / n);
        Kernels.gemvTransposed(data.x(), n, d, residual, grad);
    }

    /** The gradient computed by the last {@link #computeGradient} (shared buffer: read only). */
    public double[] gradient() {
        return grad;
    }

    /** One simultaneous GD step with the gradient already computed: w⁺ −= ηg v⁺, v⁺ −= ηg w⁺, w⁻ += ηg v⁻, v⁻ += ηg w⁻. */
    public void applyStep(double eta) {
        for (int i = 0; i < d; i++) {
            double eg = eta * grad[i];
            double a = wp[i], b = vp[i], e = wm[i], f = vm[i];
            wp[i] = a - eg * b;
            vp[i] = b - eg * a;
            wm[i] = e + eg * f;
            vm[i] = f + eg * e;
        }
    }

    /** {@code steps} GD steps with step η; throws DIVERGED through the caller's check of {@link #finite()}. */
    public void gd(double eta, int steps) {
        for (int t = 0; t < steps; t++) {
            computeGradient();
            applyStep(eta);
        }
    }

    public boolean finite() {
        for (int i = 0; i < d; i++) if (!Double.isFinite(wp[i] + vp[i] + wm[i] + vm[i])) return false;
        return true;
    }

    public int dimension() {
        return d;
    }

    /** Invariant c_i = w⁺w⁻ + v⁺v⁻. */
    public double c(int i) {
        return wp[i] * wm[i] + vp[i] * vm[i];
    }

    /** Invariant λ⁺_i = (w⁺)² − (v⁺)². */
    public double lambdaPlus(int i) {
        return wp[i] * wp[i] - vp[i] * vp[i];
    }

    /** Invariant λ⁻_i = (w⁻)² − (v⁻)². */
    public double lambdaMinus(int i) {
        return wm[i] * wm[i] - vm[i] * vm[i];
    }

    /** A_i = (w⁺)² + (v⁺)² + (w⁻)² + (v⁻)², the speed of β_i under the flow. */
    public double a(int i) {
        return wp[i] * wp[i] + vp[i] * vp[i] + wm[i] * wm[i] + vm[i] * vm[i];
    }

    /** Flattened state [w⁺, v⁺, w⁻, v⁻] for the ODE. */
    public double[] state() {
        double[] s = new double[4 * d];
        System.arraycopy(wp, 0, s, 0, d);
        System.arraycopy(vp, 0, s, d, d);
        System.arraycopy(wm, 0, s, 2 * d, d);
        System.arraycopy(vm, 0, s, 3 * d, d);
        return s;
    }
}
