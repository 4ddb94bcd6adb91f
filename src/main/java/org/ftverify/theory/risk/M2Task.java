package org.ftverify.theory.risk;

import org.ftverify.core.Num;
/**
 * Model M2 of docs/theory/risk.adoc#risk-m2: online minibatch SGD on Gaussian linear regression from a pretrained point. Features
 * x ~ N(0, diag h), labels y = x'w* + eps with eps ~ N(0, sigma2), batch size b, constant step eta, horizon T,
 * pretrained offset delta0 = w_pre - w*.
 */
public final class M2Task {
    final double[] h, delta0;
    final double eta, sigma2;
    final int batch, horizon;

    /** @throws IllegalArgumentException when eta reaches the stability limit of the second-moment recursion or a variance is negative */
    public M2Task(double[] h, int batch, double eta, double sigma2, int horizon, double[] delta0) {
        if (h.length == 0) throw new IllegalArgumentException("h must have at least one eigenvalue");
        this.h = Checks.positives("h", h, "the feature covariance H must be positive definite");
        Checks.sameLength("h", h, "delta0", delta0);
        this.delta0 = Checks.finite("delta0", delta0);
        if (batch < 1) throw new IllegalArgumentException("batch size b = " + batch + " must be >= 1");
        this.sigma2 = Checks.variance("sigma2", sigma2);
        Checks.positive("eta", eta, "step size");
        double limit = stabilityLimit(h, batch);
        if (eta >= limit) {
            throw new IllegalArgumentException("eta = " + Num.fmt(eta) + " exceeds the stability limit " + Num.fmt(limit)
                    + " of minibatch SGD on this regression (eta < 2/(h_max (1+1/b)) and (eta^2/b) h'u < 1)");
        }
        if (horizon < 1) throw new IllegalArgumentException("horizon T = " + horizon + " must be >= 1");
        this.batch = batch;
        this.eta = eta;
        this.horizon = horizon;
    }

    /** h_i = i^-beta, i = 1..d: the power-law spectra of P5. */
    public static double[] powerLawSpectrum(int d, double beta) {
        double[] h = new double[d];
        for (int i = 0; i < d; i++) h[i] = Math.pow(i + 1, -beta);
        return h;
    }

    /**
     * The largest stable step: both eta < 2/(h_max (1 + 1/b)) (each mode's multiplier (1-eta h)^2 + eta^2 h^2/b < 1)
     * and (eta^2/b) h'u < 1 with u_i = 1/(2 eta - eta^2 h_i (1+1/b)) (the rank-one coupling through tr(HM) stays
     * contracting, docs/theory/risk.adoc#risk-m2). (eta^2/b) h'u = (eta/b) sum h_i/(2 - eta h_i (1+1/b)) increases with eta, so the
     * limit is found by bisection.
     */
    public static double stabilityLimit(double[] h, int batch) {
        double f = 1 + 1.0 / batch;
        double hi = 2 / (Checks.max(h) * f), lo = 0;
        if (coupling(h, batch, hi * (1 - 1e-15)) < 1) return hi;
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            if (coupling(h, batch, mid) < 1) lo = mid; else hi = mid;
        }
        return lo;
    }

    /** (eta^2/b) h'u. */
    static double coupling(double[] h, int batch, double eta) {
        double f = 1 + 1.0 / batch, s = 0;
        for (double hi : h) s += hi / (2 - eta * hi * f);
        return eta / batch * s;
    }

    public int dimension() { return h.length; }
    public int horizon() { return horizon; }
    public int batch() { return batch; }
    public double eta() { return eta; }
    public double sigma2() { return sigma2; }

    double traceH() {
        double s = 0;
        for (double x : h) s += x;
        return s;
    }
}
