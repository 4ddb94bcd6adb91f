package org.ftverify.theory.risk;

/**
 * The operational phase-diagram rule (docs/theory/risk.adoc#risk-p12): Noise-Dominant if L_int >= kappa L(0); else
 * Static-Sufficient if V_opt(c_s) <= eps L(c_s); else Dynamic-Critical.
 *
 * @param byAlphaOnly a mutant: Static-Sufficient iff alpha >= 1 (after the Noise-Dominant test)
 */
public record RegimeTheory(boolean byAlphaOnly, M3Theory m3) {

    /** The rule on (estimated or true) statistics; {@code alpha} is read only by the alpha-only mutant. */
    public Regime regime(Regime.Rule rule, double lInt, double l0, double vShallow, double lShallow, double alpha) {
        if (lInt >= rule.kappa() * l0) return Regime.NOISE_DOMINANT;
        if (byAlphaOnly) return alpha >= 1 ? Regime.STATIC_SUFFICIENT : Regime.DYNAMIC_CRITICAL;
        return vShallow <= rule.eps() * lShallow ? Regime.STATIC_SUFFICIENT : Regime.DYNAMIC_CRITICAL;
    }

    /** The regime of an M3 task from the theory's own L_int, V_opt and alpha. */
    public Regime of(Regime.Rule rule, M3Task t) {
        double v0 = m3.vOpt(t, 0), vs = m3.vOpt(t, rule.shallowDepth());
        return regime(rule, t.tau2, t.tau2 + v0, vs, t.tau2 + vs, m3.alpha(t));
    }
}
