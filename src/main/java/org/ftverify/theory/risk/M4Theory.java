package org.ftverify.theory.risk;

/**
 * The theory of model M4, a task latent revealed by the drift (docs/theory/risk.adoc#risk-m4): the Fisher / Van Trees
 * rate alpha = 1, the Kalman posterior P_c = (P0^-1 + c J)^-1 (c^alpha J under a rate perturbation),
 * L(c) = tau^2 + g'P_c g and K = g'H^-1 Sigma H^-1 g.
 *
 * @param alphaShift a mutant: alpha off by this much
 * @param rateScale  power probes: alpha multiplied by this factor
 */
public record M4Theory(double alphaShift, double rateScale) {

    public double alpha() {
        return rateScale + alphaShift;
    }

    /** Diagonal Kalman posterior variance P_c = (1/v0 + c^alpha J)^-1. */
    public double[] posteriorVariance(M4Task t, double c) {
        double[] p = new double[t.dimension()];
        double growth = c == 0 ? 0 : Math.pow(c, alpha());
        for (int i = 0; i < p.length; i++) p[i] = 1 / (1 / t.v0 + growth * t.fisher(i));
        return p;
    }

    public double vOpt(M4Task t, double c) {
        double[] p = posteriorVariance(t, c);
        double v = 0;
        for (int i = 0; i < p.length; i++) v += t.g[i] * t.g[i] * p[i];
        return v;
    }

    /**
     * The theory's exact local slope -dlog V_opt/dlog c at finite c: alpha c^alpha sum g_i^2 J_i P_i^2 / V_opt (each mode's
     * is alpha (1 - P_i/v0), which tends to alpha as c grows).
     */
    public double localSlope(M4Task t, double c) {
        double[] p = posteriorVariance(t, c);
        double v = 0, dv = 0;
        for (int i = 0; i < p.length; i++) {
            v += t.g[i] * t.g[i] * p[i];
            dv += t.g[i] * t.g[i] * t.fisher(i) * p[i] * p[i];
        }
        return alpha() * Math.pow(c, alpha()) * dv / v;
    }

    public double risk(M4Task t, double c) {
        return t.tau2 + vOpt(t, c);
    }

    public double k(M4Task t) {
        double k = 0;
        for (int i = 0; i < t.dimension(); i++) k += t.g[i] * t.g[i] / t.fisher(i);
        return k;
    }

    /** Risk of the unbiased OLS predictor theta_hat = H^-1 mean(z): tau^2 + K / c^alpha. */
    public double olsRisk(M4Task t, double c) {
        return t.tau2 + k(t) / Math.pow(c, alpha());
    }
}
