package org.ftverify.theory.icl;

import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;

/** P1: the n-shot risk of the ICL-preserving family A against Monte Carlo of the attention forward pass. */
final class FamilyARiskClaim {
    static final String ID = "icl.p1-family-a-risk";
    /** Monte Carlo batches of 2048 prompts */

    private FamilyARiskClaim() {}

    static Claim build(IclModel model) {
        return Claim.builder(ID).title("P1 — n-shot risk of the ICL-preserving family")
                .statement("For Q11 = γΣ^{-1} and value row (0, u, w), the n-shot risk on any task equals the closed form L_A(n; Ũ, W; θ̃), "
                        + "including the query's self-attention terms.")
                .asciidoc("Monte Carlo of the forward pass ŷ = (1/(n+1)) Σ_M (z_qᵀQz_M)(vᵀz_M) against L_A of xref:../docs/theory/icl.adoc#icl-p1[P1].")
                .provenance("reconstructed (derived from the authors' model and Monte-Carlo checked in the theory notes)")
                .tolerance("4.5 Monte Carlo standard errors over batches of prompts")
                .cites("icl-p1").uses("moments-fourth", "family-a-risk", "family-a-risk-u0")
                .reads(IclModel.RISK_A)
                .space(RiskPoint.space(
                        Parameter.real("gamma", 0.3, 1.2, 1, "key-query scale γ (Q11 = γΣ^{-1})"),
                        Parameter.real("W", 0, 1.2, 1, "effective label weight W = γ·w"),
                        Parameter.real("mu", 0, 0.3, 0, "value part along θ0: Ũ = μθ̃0 + ..."),
                        Parameter.real("perp", 0, 0.3, 0, "norm of the value part orthogonal to θ̃0")))
                .tries(3, 8, 20)
                .levels(RiskPoint.UNITS)
                .check((p, ctx) -> {
                    RiskPoint pt = RiskPoint.draw(p, ctx);
                    int d = pt.d();
                    IclSetup s = pt.setup();
                    double[] theta0 = pt.theta0();
                    double[] t0Eff = s.whiten(theta0);
                    double t0n = Math.sqrt(Draws.dot(t0Eff, t0Eff));
                    double[] e0 = Draws.scaled(1 / t0n, t0Eff);
                    double[] perp = Draws.orthogonalUnit(e0, ctx.subSeed(4));
                    double gamma = p.real("gamma"), wEff = p.real("W");
                    double[] uEff = new double[d], uRaw = new double[d];
                    for (int i = 0; i < d; i++) {
                        uEff[i] = p.real("mu") * t0Eff[i] + p.real("perp") * perp[i];
                        uRaw[i] = uEff[i] / (gamma * Math.sqrt(s.lambda()[i]));
                    }
                    Weights w = Weights.familyA(s, gamma, uRaw, wEff / gamma);
                    RiskMonteCarlo.Estimate e = pt.estimate(w, ctx);
                    return new Evidence().compare(RiskPoint.compare("n-shot risk L_A", model.riskA(pt.n(), d, s.sigma2(), uEff, wEff, s.whiten(pt.theta())), e))
                            .diagnostic("relative SE", e.se() / e.mean());
                })
                .build();
    }
}
