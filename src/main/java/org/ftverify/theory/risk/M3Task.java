package org.ftverify.theory.risk;

import org.ftverify.core.Num;
/**
 * Model M3 of docs/theory/risk.adoc#risk-m3: a flat block v (a manifold of minimisers along which gradient noise still acts) under
 * decaying steps eta_t = eta0 (t + t0)^-rho, v_{t+1} = v_t - eta_t zeta_t. The outcome R = g'v_T + eps depends on the
 * seed only through q = g' Sigma_v g, so the simulation uses a scalar v with noise variance q. The horizon may be
 * infinite (T = infinity: the outcome is the limit v_infinity).
 */
public final class M3Task {
    final double rho, eta0, t0, q, tau2, horizon;

    /** @throws IllegalArgumentException when rho <= 1/2 (alpha = 2 rho - 1 <= 0: the noise sum diverges), or a variance is negative */
    public M3Task(double rho, double eta0, double t0, double q, double tau2, double horizon) {
        if (!(rho > 0.5) || Double.isInfinite(rho)) {
            throw new IllegalArgumentException("rho = " + Num.fmt(rho) + " must exceed 1/2: for rho <= 1/2 the step sizes are not square-summable "
                    + "and alpha = 2 rho - 1 <= 0");
        }
        this.rho = rho;
        this.eta0 = Checks.positive("eta0", eta0, "initial step size");
        this.t0 = Checks.positive("t0", t0, "schedule offset: eta_t = eta0 (t + t0)^-rho");
        this.q = Checks.variance("q = g' Sigma_v g", q);
        this.tau2 = Checks.variance("tau2", tau2);
        if (!(horizon >= 1)) throw new IllegalArgumentException("horizon T = " + horizon + " must be >= 1 (or infinite)");
        this.horizon = horizon;
    }

    /** The same schedule with q scaled so that V_opt(0) = q eta0^2 zeta(2 rho, t0) = 1 at T = infinity (P12's grid). */
    public static M3Task normalised(double rho, double t0, double tau2) {
        double q = 1 / HurwitzZeta.zeta(2 * rho, t0);
        return new M3Task(rho, 1, t0, q, tau2, Double.POSITIVE_INFINITY);
    }

    public double rho() { return rho; }
    public double eta0() { return eta0; }
    public double t0() { return t0; }
    public double q() { return q; }
    public double tau2() { return tau2; }
    public double horizon() { return horizon; }

    M3Task withTau2(double t) { return new M3Task(rho, eta0, t0, q, t, horizon); }
    M3Task withQ(double qq) { return new M3Task(rho, eta0, t0, qq, tau2, horizon); }
    M3Task withHorizon(double T) { return new M3Task(rho, eta0, t0, q, tau2, T); }

    double stepSize(long t) {
        return eta0 * Math.pow(t + t0, -rho);
    }

    /**
     * Ground truth of the schedule, independent of any theory: sum_{t >= c}^{T-1} q eta_t^2, the variance the rest of
     * the run adds to g'v (Hurwitz zeta for the infinite part).
     */
    double remainingNoise(double c) {
        return q * eta0 * eta0 * HurwitzZeta.partialSum(2 * rho, t0, c, horizon);
    }
}
