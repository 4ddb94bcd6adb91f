package org.ftverify.theory.risk;

import org.ftverify.core.Num;
/**
 * Model M4 of docs/theory/risk.adoc#risk-m4: a task latent theta* ~ N(0, v0 I) (what static features leave unknown) revealed by the
 * drift of theta_{t+1} = theta_t - eta (H (theta_t - theta*) + xi_t), xi_t ~ N(0, diag sigma2). The outcome
 * R = g'theta* + eps. H and Sigma are diagonal.
 */
public final class M4Task {
    final double[] h, sigma2, g;
    final double v0, tau2, eta;

    /** @throws IllegalArgumentException for a negative or zero variance, or a drift step beyond the stability limit */
    public M4Task(double[] h, double[] sigma2, double[] g, double v0, double tau2, double eta) {
        if (h.length == 0) throw new IllegalArgumentException("h must have at least one eigenvalue");
        this.h = Checks.positives("h", h, "H must be positive definite");
        Checks.sameLength("h", h, "sigma2", sigma2);
        Checks.sameLength("h", h, "g", g);
        this.sigma2 = Checks.positives("sigma2", Checks.variances("sigma2", sigma2), "the per-step Fisher information H Sigma^-1 H needs Sigma > 0");
        this.g = Checks.finite("g", g);
        this.v0 = Checks.positive("v0", Checks.variance("v0", v0), "prior variance of the task latent");
        this.tau2 = Checks.variance("tau2", tau2);
        Checks.positive("eta", eta, "step size");
        double limit = 2 / Checks.max(h);
        if (eta >= limit) throw new IllegalArgumentException("eta = " + Num.fmt(eta) + " exceeds the stability limit 2/lambda_max = " + Num.fmt(limit));
        this.eta = eta;
    }

    /** Scalar task with J = h^2/sigma2. */
    public static M4Task scalar(double h, double sigma2, double g, double v0, double tau2) {
        return new M4Task(new double[] {h}, new double[] {sigma2}, new double[] {g}, v0, tau2, 1 / h);
    }

    public int dimension() { return h.length; }

    /** Per-step Fisher information J_i = h_i^2 / sigma2_i. */
    double fisher(int i) {
        return h[i] * h[i] / sigma2[i];
    }

    double minFisher() {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < h.length; i++) m = Math.min(m, fisher(i));
        return m;
    }
}
