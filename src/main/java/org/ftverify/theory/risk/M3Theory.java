package org.ftverify.theory.risk;

/**
 * The theory of model M3, decaying steps on a flat block (docs/theory/risk.adoc#risk-m3): Prop. 5.1's revelation rate
 * alpha = 2 rho - 1, K = q eta0^2/alpha, V_opt(c) = q eta0^2 [zeta(alpha+1, c+t0) - zeta(alpha+1, T+t0)] and the
 * sandwich K (c+t0)^-alpha <= V_opt(c) <= K (c+t0)^-alpha + q eta0^2 (c+t0)^-(alpha+1).
 *
 * @param alphaShift a mutant: alpha off by this much
 * @param rateScale  power probes: alpha multiplied by this factor
 * @param vOptScale  power probes: V_opt multiplied by this factor
 */
public record M3Theory(double alphaShift, double rateScale, double vOptScale) {

    public double alpha(M3Task t) {
        return rateScale * (2 * t.rho - 1) + alphaShift;
    }

    /** Envelope constant K = q eta0^2 / alpha. */
    public double k(M3Task t) {
        return t.q * t.eta0 * t.eta0 / alpha(t);
    }

    public double vOpt(M3Task t, double c) {
        return vOptScale * t.q * t.eta0 * t.eta0 * HurwitzZeta.partialSum(alpha(t) + 1, t.t0, c, t.horizon);
    }

    public double risk(M3Task t, double c) {
        return t.tau2 + vOpt(t, c);
    }

    public double lowerBound(M3Task t, double c) {
        return k(t) * Math.pow(c + t.t0, -alpha(t));
    }

    public double upperBound(M3Task t, double c) {
        return lowerBound(t, c) + t.q * t.eta0 * t.eta0 * Math.pow(c + t.t0, -(alpha(t) + 1));
    }
}
