package org.ftverify.theory.risk;

/**
 * Thm. 6.1, the budget-optimal probing depth (docs/theory/risk.adoc#risk-p8): c* = (alpha K/(gamma lambda))^(1/(alpha+1)),
 * J* = L_int + gamma C_s + gamma lambda c* (alpha+1)/alpha, and what it predicts for the exact optima of M3 and M4.
 *
 * @param power      c* carries its 1/(alpha+1) power (false: a mutant)
 * @param depthScale power probes: c* multiplied by this factor
 */
public record BudgetTheory(boolean power, double depthScale, M3Theory m3, M4Theory m4) {

    public double cStar(double alpha, double k, double gammaLambda) {
        double x = alpha * k / gammaLambda;
        return depthScale * (power ? Math.pow(x, 1 / (alpha + 1)) : x);
    }

    public double envelopeMinimum(double lInt, double gammaCs, double alpha, double k, double gammaLambda) {
        return lInt + gammaCs + gammaLambda * cStar(alpha, k, gammaLambda) * (alpha + 1) / alpha;
    }

    /** M3's exact discrete optimum as the envelope predicts it: max(0, ceil(c* - t0)). */
    public double m3OptimalDepth(M3Task t, double gammaLambda) {
        return Math.max(0, Math.ceil(cStar(m3.alpha(t), m3.k(t), gammaLambda) - t.t0));
    }

    /**
     * M3's continuous minimiser as the envelope predicts it: c* - t0, where J's increment gamma lambda - q eta_c^2 changes
     * sign when c is read as a real number (the exact discrete optimum is its ceiling, floored at 0).
     */
    public double m3ContinuousOptimum(M3Task t, double gammaLambda) {
        return cStar(m3.alpha(t), m3.k(t), gammaLambda) - t.t0;
    }

    /** M4 (scalar) continuous optimum: c* - 1/(v0 J). */
    public double m4ContinuousOptimum(M4Task t, double gammaLambda) {
        return cStar(m4.alpha(), m4.k(t), gammaLambda) - 1 / (t.v0 * t.fisher(0));
    }
}
