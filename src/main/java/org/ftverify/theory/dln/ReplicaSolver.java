package org.ftverify.theory.dln;

import org.ftverify.core.CheckAbort;
import org.ftverify.numeric.DampedFixedPoint;
import org.ftverify.numeric.GaussHermite;

/**
 * The replica-symmetric equations of the fine-tuning problem in the interpolation limit
 * (docs/theory/dln.adoc#dln-replica). Scalar channel z = X + sV, X̂ = prox(z) solving X̂ + g q'_K(X̂) = z,
 * σ² = g ∂X̂/∂z = 1/(1/g + 1/q''_K(X̂)); fixed point s² = E[(X − X̂)²]/α, g = γ_ext + E[σ²]/α; E_gen = E[(X − X̂)²].
 * Expectations by Gauss–Hermite quadrature (2-D over (X, V) for signal groups, 1-D over V otherwise), damped
 * iteration (damping 0.3) from a warm start, finished by Newton's method on the fixed-point residual.
 */
public final class ReplicaSolver {
    /** γ_ext of the interpolation limit: small enough that E[∂X̂/∂z] = α to ~1e-9 relative. */
    static final double GAMMA_EXT = 1e-9;
    static final double DAMPING = 0.3, TOL = 1e-8;
    static final int MAX_ITERATIONS = 4000;
    /** A fixed point whose Newton finish stalls (rich regimes as E_gen → 0) is kept, with its residual reported, up to this. */
    static final double ACCEPTABLE_RESIDUAL = 1e-5;

    /** Fixed point: E_gen, s², g, the residual of the last iteration, iterations, and E[∂X̂/∂z] (= α at the fixed point). */
    public record Point(double alpha, double eGen, double s2, double g, double residual, int iterations, double meanSlope) {}

    private final DlnModel model;
    private final double[] p, sigma, k;
    /** The probe factor for this task's E_gen: model.rsScale(), times rsScaleRegimeIV() for a Regime IV task. */
    private final double eGenScale;
    private final GaussHermite rule;

    public ReplicaSolver(DlnModel model, FtTask task, int nodes) {
        this.model = model;
        this.rule = GaussHermite.of(nodes);
        this.eGenScale = model.rsScale() * (DlnModel.isRegimeIV(task) ? model.rsScaleRegimeIV() : 1);
        p = task.groupProbabilities();
        sigma = new double[4];
        k = new double[4];
        for (int gi = 0; gi < 4; gi++) {
            sigma[gi] = FtTask.signal(gi) ? 1 / Math.sqrt(task.rhoFt()) : 0;
            double cft = task.cFt(model, gi);
            k[gi] = 4 * cft * cft;
        }
    }

    /** A solver for uniform K on every coordinate with FT density rhoFt (closed-form limits). */
    public ReplicaSolver(DlnModel model, double rhoFt, double uniformK, int nodes) {
        this.model = model;
        this.rule = GaussHermite.of(nodes);
        this.eGenScale = model.rsScale();
        p = new double[] {rhoFt, 0, 0, 1 - rhoFt};
        sigma = new double[] {1 / Math.sqrt(rhoFt), 0, 0, 0};
        k = new double[] {uniformK, uniformK, uniformK, uniformK};
    }

    /** The fixed point at each α (ascending), warm-started along the curve. */
    public Point[] curve(double[] alphas) {
        Point[] out = new Point[alphas.length];
        double[] start = {1 / alphas[0], 1};
        for (int j = 0; j < alphas.length; j++) {
            out[j] = solve(alphas[j], start);
            start = new double[] {out[j].s2(), out[j].g()};
        }
        return out;
    }

    public Point solve(double alpha, double[] start) {
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha: must be in (0, 1), got " + alpha);
        double[] moments = new double[3];
        DampedFixedPoint.Result r = DampedFixedPoint.solveNewton(v -> {
            expectations(Math.sqrt(Math.max(v[0], 0)), Math.max(v[1], 1e-300), moments);
            double noise = model.rsNoiseOverAlpha() ? moments[0] / alpha : moments[0];
            return new double[] {noise, GAMMA_EXT + moments[1] / alpha};
        }, start, DAMPING, 3e-2, TOL, MAX_ITERATIONS);
        if (!(r.residual() <= ACCEPTABLE_RESIDUAL)) throw CheckAbort.diverged("RS fixed point at alpha = " + alpha + " did not converge: residual " + r.residual()
                + " after " + r.iterations() + " iterations");
        // Newton may leave s² a rounding error below 0 where E_gen → 0 (exact recovery): clamp before the square root.
        double s2 = Math.max(0, r.x()[0]);
        expectations(Math.sqrt(s2), r.x()[1], moments);
        return new Point(alpha, eGenScale * moments[0], s2, r.x()[1], r.residual(), r.iterations(), moments[2]);
    }

    /** out = {E[(X − X̂)²], E[σ²], E[∂X̂/∂z]} at noise s and regularisation g. */
    void expectations(double s, double g, double[] out) {
        double[] z = rule.nodes(), w = rule.weights();
        double mse = 0, var = 0, slope = 0;
        for (int gi = 0; gi < 4; gi++) {
            if (p[gi] <= 0) continue;
            double kk = k[gi], m = 0, v = 0, sl = 0;
            int nx = sigma[gi] > 0 ? z.length : 1;
            for (int a = 0; a < nx; a++) {
                double x = sigma[gi] > 0 ? sigma[gi] * z[a] : 0, wa = sigma[gi] > 0 ? w[a] : 1;
                for (int b = 0; b < z.length; b++) {
                    double zz = x + s * z[b];
                    double xh = prox(zz, g, kk);
                    double dxdz = 1 / (1 + g * model.mirrorSlope(kk, xh));
                    double ww = wa * w[b];
                    m += ww * (x - xh) * (x - xh);
                    v += ww * g * dxdz;
                    sl += ww * dxdz;
                }
            }
            mse += p[gi] * m;
            var += p[gi] * v;
            slope += p[gi] * sl;
        }
        out[0] = mse;
        out[1] = var;
        out[2] = slope;
    }

    /** The root of x + g q'_K(x) = z: safeguarded Newton on the bracket [min(z, 0), max(z, 0)]. */
    double prox(double z, double g, double kk) {
        if (z == 0) return 0;
        double lo = Math.min(z, 0), hi = Math.max(z, 0);
        // Start from the linear (lazy) guess, clipped into the bracket.
        double x = z / (1 + g * model.mirrorSlope(kk, 0));
        for (int it = 0; it < 100; it++) {
            double f = x + g * model.mirror(kk, x) - z;
            if (f > 0) hi = x;
            else lo = x;
            double fp = 1 + g * model.mirrorSlope(kk, x);
            double next = x - f / fp;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.abs(next - x) <= 1e-14 * Math.max(1e-300, Math.abs(next)) || hi - lo <= 1e-15 * Math.abs(z)) return next;
            x = next;
        }
        return x;
    }
}
