package org.ftverify.theory.risk;

import org.ftverify.core.Num;
/**
 * Model M1 of docs/theory/risk.adoc#risk-m1 in the eigenbasis of H: constant-step SGD on a noisy quadratic,
 * delta_{t+1} = (I - eta H) delta_t - eta xi_t with xi_t ~ N(0, diag sigma2), and outcome
 * R = 1/2 (delta_T - u)' H (delta_T - u) + eps with the unobservable train/test mismatch u ~ N(0, diag psi) and
 * evaluation noise eps ~ N(0, tau2). Everything here is fixed before the seed is drawn (X_s).
 */
public final class M1Task {
    final double[] h, sigma2, delta0, psi;
    final double eta, tau2;
    final int horizon;

    /**
     * @throws IllegalArgumentException naming the parameter and its limit, e.g. when eta >= 2/lambda_max (the
     *                                  iteration diverges) or a variance is negative
     */
    public M1Task(double[] h, double[] sigma2, double[] delta0, double eta, int horizon, double[] psi, double tau2) {
        if (h.length == 0) throw new IllegalArgumentException("h must have at least one eigenvalue");
        this.h = Checks.positives("h", h, "H must be positive definite");
        Checks.sameLength("h", h, "sigma2", sigma2);
        Checks.sameLength("h", h, "delta0", delta0);
        Checks.sameLength("h", h, "psi", psi);
        this.sigma2 = Checks.variances("sigma2", sigma2);
        this.psi = Checks.variances("psi", psi);
        this.delta0 = Checks.finite("delta0", delta0);
        this.tau2 = Checks.variance("tau2", tau2);
        Checks.positive("eta", eta, "step size");
        double limit = stabilityLimit(h);
        if (eta >= limit) {
            throw new IllegalArgumentException("eta = " + Num.fmt(eta) + " exceeds the stability limit 2/lambda_max = " + Num.fmt(limit));
        }
        if (horizon < 1) throw new IllegalArgumentException("horizon T = " + horizon + " must be >= 1");
        this.eta = eta;
        this.horizon = horizon;
    }

    /** 2 / lambda_max(H): beyond it |1 - eta h_max| >= 1 and the iteration does not contract. */
    public static double stabilityLimit(double[] h) {
        return 2 / Checks.max(h);
    }

    /** the reconstruction's reference configuration (d = 64, h_i = 1/i, Sigma = H, delta0_i = 2/sqrt d, eta = 0.05, T = 500, tau2 = 1e-4). */
    public static M1Task reference() {
        int d = 64;
        double[] h = new double[d], d0 = new double[d];
        for (int i = 0; i < d; i++) {
            h[i] = 1.0 / (i + 1);
            d0[i] = 2 / Math.sqrt(d);
        }
        return new M1Task(h, h.clone(), d0, 0.05, 500, new double[d], 1e-4);
    }

    public int dimension() { return h.length; }
    public int horizon() { return horizon; }
    public double eta() { return eta; }
    public double tau2() { return tau2; }
    public double hMin() { return Checks.min(h); }
    public double hMax() { return Checks.max(h); }

    /** The same task without the mismatch u and with another evaluation noise. */
    M1Task withoutMismatch() {
        return new M1Task(h, sigma2, delta0, eta, horizon, new double[h.length], tau2);
    }

    /** log a_i^2 = log (1 - eta h_i)^2, computed as log1p(-eta h (2 - eta h)) so it stays accurate when a_i^2 is near 1. */
    double logA2(int i) {
        double x = eta * h[i];
        return Math.log1p(-x * (2 - x));
    }

    /** a_i^(2k). */
    double a2k(int i, double k) {
        return k == 0 ? 1 : Math.exp(k * logA2(i));
    }
}
