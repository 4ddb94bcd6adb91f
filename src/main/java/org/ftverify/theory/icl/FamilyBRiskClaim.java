package org.ftverify.theory.icl;

import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.evidence.Tolerance;

/** P2: after full zero-shot fine-tuning (family B) demonstrations never help, even on the fine-tuning task. */
final class FamilyBRiskClaim {
    static final String ID = "icl.p2-family-b-risk";
    /** Monte Carlo batches of 2048 prompts */

    private FamilyBRiskClaim() {}

    static Claim build(IclModel model) {
        return Claim.builder(ID).title("P2 — full zero-shot fine-tuning: family B risk and the loss of ICL")
                .statement("With Q00·v_x = θ0 and κ = Q00·v_y the n-shot risk is E_B(n; θ) = ‖θ − θ0/(n+1)‖²_Σ + σ² + n[‖θ0 + κθ‖²_Σ + κ²σ²]/(n+1)²: "
                        + "it exceeds its zero-shot value σ² on θ0 for every n ≥ 1 and tends to ‖θ‖²_Σ + σ².")
                .asciidoc("Monte Carlo of the forward pass against E_B, and the closed form's degradation and limit, "
                        + "xref:../docs/theory/icl.adoc#icl-p2[P2].")
                .provenance("reconstructed (derived; the loss of ICL itself is stated in the paper's abstract)")
                .tolerance("4.5 Monte Carlo standard errors; round-off for the closed-form inequalities")
                .cites("icl-p2").uses("family-b-risk", "family-b-degradation")
                .reads(IclModel.RISK_B)
                .space(RiskPoint.space(
                        Parameter.real("kappa", 0.01, 5, 1, "κ = Q00·v_y"),
                        Parameter.real("a", 0.3, 3, 1, "Q00 (v_x = θ0/Q00)")))
                .tries(3, 8, 20)
                .levels(RiskPoint.UNITS)
                .check((p, ctx) -> {
                    RiskPoint pt = RiskPoint.draw(p, ctx);
                    IclSetup s = pt.setup();
                    double[] theta0 = pt.theta0(), theta = pt.theta();
                    double kappa = p.real("kappa"), a = p.real("a");
                    RiskMonteCarlo.Estimate e = pt.estimate(Weights.familyB(pt.d(), a, theta0, kappa / a), ctx);
                    Evidence ev = new Evidence().compare(RiskPoint.compare("n-shot risk E_B", model.riskB(s, pt.n(), theta, theta0, kappa), e));
                    // Degradation on the fine-tuning task: min over n = 1..40 of E_B(n; θ0) - E_B(0; θ0) must be positive.
                    double zero = model.riskB(s, 0, theta0, theta0, kappa), worst = Double.POSITIVE_INFINITY;
                    for (int k = 1; k <= 40; k++) worst = Math.min(worst, model.riskB(s, k, theta0, theta0, kappa) - zero);
                    ev.compare(Tolerance.roundOff(1, 40, zero).atLeast("min_n≥1 E_B(n; θ0) − E_B(0; θ0) (closed form)", worst, 0).consistency());
                    double far = model.riskB(s, 1_000_000, theta, theta0, kappa);
                    ev.compare(Tolerance.derived(2 * (1 + kappa) * (1 + kappa) * 1e-6 * (1 + s.traceSigma()),
                                    "remainder of E_B at n = 10^6: ≤ 2(1+κ)²(1+tr Σ)/n")
                            .compare("E_B(10^6; θ) against ‖θ‖²_Σ + σ²", s.sigmaNorm2(theta) + s.sigma2(), far).consistency());
                    return ev.diagnostic("relative SE", e.se() / e.mean());
                })
                .build();
    }
}
