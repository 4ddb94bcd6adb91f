package org.ftverify.theory.risk;

import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.TheoryDefinition;
import org.ftverify.theory.risk.RiskTheoryModel.Flaw;
import org.ftverify.theory.risk.RiskTheoryModel.Quantity;

/**
 * Luo, Wang, Tang: a risk decomposition framework for pre-hoc fine-tuning prediction (arXiv 2606.17649). The paper's
 * body could not be read; the claims check what the paper is reported to state (Prop. 4.1, Prop. 5.1, Thm. 6.1, the
 * CMI criterion, Algorithm 1, the three regimes) inside the exact models M1–M4 of docs/theory/risk.adoc#risk-model.
 */
public final class RiskTheory extends TheoryDefinition<RiskTheoryModel> {

    public RiskTheory() {
        super("risk", "A risk decomposition framework for pre-hoc fine-tuning prediction (Bayes risk of a probe, power-law decay, budget-optimal depth)",
                "Luo, Wang, Tang, A Risk Decomposition Framework for Pre-Hoc Fine-Tuning Prediction, ICML 2026 poster, arXiv 2606.17649", List.of(
                "The paper's body was NOT read: every available copy of arXiv 2606.17649 stops after the abstract and the first paragraph "
                        + "of the introduction. Sections 3 to 8, the appendices, the proofs and the figure data were not available.",
                "[PA] read in the primary text: the abstract (\"a necessary lower bound on its decay rate ... regardless of the predictor used\"), "
                        + "keywords, the opening of Section 1, the section and appendix titles, the arXiv metadata.",
                "[PS] attributed to the paper by secondary summaries (a probably machine-written paper note, an arXiv digest that independently "
                        + "gives c* = (alpha K/(gamma lambda))^(1/(alpha+1)), ArxivLens quick answers): Prop. 4.1 (L(c) = L_int + V_opt(c)), "
                        + "Prop. 5.1 (V_opt(c) >~ K c^-alpha), Thm. 6.1 (c*), the CMI criterion, Algorithm 1, the three regimes, N = 1500 runs. "
                        + "Likely right, not checked against the paper.",
                "[R] reconstruction (not the paper's): the models M1 (constant-step SGD on a noisy quadratic), M2 (minibatch SGD on linear "
                        + "regression), M3 (decaying steps with a flat block, alpha = 2 rho - 1) and M4 (task latent revealed by the drift, alpha = 1), "
                        + "their closed forms, the fork-at-c estimator, the error law and identifiability rule of Algorithm 1, the operational "
                        + "regime rule (thresholds c_s = 200, eps = 0.1, kappa = 0.5 are the reconstruction's; the paper's are unknown). "
                        + "[R ✓num] marks formulas the reconstruction's author also checked by Monte Carlo or exact computation.",
                "What the checks add: the reconstruction's claims are verified here by simulation of the actual recursions, Hipparchus ODEs and "
                        + "quadrature. Where the reconstruction's numbers could not be reproduced exactly, the claim says so (its J* values include an "
                        + "unstated constant 0.002; its s(100) = 0.973 is the exact M3+M4 slope with prior v0 = 4, the envelope formula gives 0.976).",
                "Figures F2', F3', F4' and table T1' are synthetic analogues of the paper's Fig. 2, Fig. 3, a guessed Fig. 4 and the regime "
                        + "table; the paper's own figure data are not available."));
    }

    @Override
    protected RiskTheoryModel exactModel() {
        return RiskTheoryModel.exact();
    }

    @Override
    protected List<Claim> claims(RiskTheoryModel m) {
        return List.of(TotalVarianceDecompositionClaim.build(m), ForkEstimatorLateRevelationClaim.build(m), BayesOptimalityOrthogonalIncrementsClaim.build(m),
                LyapunovStationaryCovarianceClaim.build(m), LinearRegressionSgdRiskClaim.build(m), PowerLawEnvelopeClaim.build(m),
                FisherVanTreesRateClaim.build(m), BudgetOptimalDepthClaim.build(m), CalibrationAlgorithm1Claim.build(m),
                SlowestChannelDominatesClaim.build(m), CmiCriterionOneDirectionalClaim.build(m), PhaseDiagramRegimesClaim.build(m));
    }

    @Override
    protected List<Perturbation<RiskTheoryModel>> perturbations() {
        return List.of(
                perturb("risk-static-intrinsic-limit", "L_int taken as purely static: the mismatch-seed coupling tr(H Psi H S_T) dropped from L(c)",
                        RiskTheoryModel.with(Flaw.STATIC_INTRINSIC_LIMIT), TotalVarianceDecompositionClaim.ID),
                perturb("risk-uniform-revelation", "constant-LR probes reveal the seed uniformly: V_opt(c) = (1 - c/T) V_opt(0)",
                        RiskTheoryModel.with(Flaw.UNIFORM_REVELATION), ForkEstimatorLateRevelationClaim.ID),
                perturb("risk-quadform-no-mean-term", "Var(x'Bx) = 2 tr((BS)^2) without the 4 mu'BSB mu term (Bayes risk of M1 too small)",
                        RiskTheoryModel.with(Flaw.QUADFORM_WITHOUT_MEAN_TERM), TotalVarianceDecompositionClaim.ID, BayesOptimalityOrthogonalIncrementsClaim.ID),
                perturb("risk-lyapunov-without-eta-hsh", "stationary SGD covariance from H S + S H = eta Sigma (the eta H S H term dropped)",
                        RiskTheoryModel.with(Flaw.LYAPUNOV_WITHOUT_ETA_HSH), LyapunovStationaryCovarianceClaim.ID),
                perturb("risk-additive-noise-sgd", "minibatch SGD noise taken as additive: the fourth-moment terms (eta^2/b)(HMH + tr(HM)H) dropped",
                        RiskTheoryModel.with(Flaw.ADDITIVE_NOISE_SGD), LinearRegressionSgdRiskClaim.ID),
                perturb("risk-alpha+0.1", "every revelation rate off by 0.1: alpha = 2 rho - 1 + 0.1 in M3, 1.1 in M4",
                        RiskTheoryModel.withAlphaShift(0.1), PowerLawEnvelopeClaim.ID, FisherVanTreesRateClaim.ID, BudgetOptimalDepthClaim.ID,
                        CalibrationAlgorithm1Claim.ID),
                perturb("risk-cstar-without-power", "Thm. 6.1 without the 1/(alpha+1) power: c* = alpha K/(gamma lambda)",
                        RiskTheoryModel.with(Flaw.CSTAR_WITHOUT_POWER), BudgetOptimalDepthClaim.ID, PhaseDiagramRegimesClaim.ID),
                perturb("risk-fastest-channel-dominates", "of several information channels the fastest-decaying one sets the rate",
                        RiskTheoryModel.with(Flaw.FASTEST_CHANNEL_DOMINATES), SlowestChannelDominatesClaim.ID),
                perturb("risk-cmi-as-equivalence", "probing reduces the risk iff CMI > 0, quantified by L_post = L_prior exp(-2 I) for every probe",
                        RiskTheoryModel.with(Flaw.CMI_AS_EQUIVALENCE), CmiCriterionOneDirectionalClaim.ID),
                perturb("risk-regime-by-alpha-only", "regime read from alpha alone: Static-Sufficient iff alpha >= 1 unless Noise-Dominant",
                        RiskTheoryModel.with(Flaw.REGIME_BY_ALPHA_ONLY), PhaseDiagramRegimesClaim.ID));
    }

    @Override
    protected List<Probe<RiskTheoryModel>> probes() {
        return List.of(
                probe(TotalVarianceDecompositionClaim.ID, "M1 Bayes risk L(c)", d -> RiskTheoryModel.off(Quantity.M1_RISK, d)),
                probe(ForkEstimatorLateRevelationClaim.ID, "M1 Bayes risk L(c)", d -> RiskTheoryModel.off(Quantity.M1_RISK, d)),
                probe(BayesOptimalityOrthogonalIncrementsClaim.ID, "M1 Bayes risk L(c)", d -> RiskTheoryModel.off(Quantity.M1_RISK, d)),
                probe(LyapunovStationaryCovarianceClaim.ID, "stationary covariance S_inf", d -> RiskTheoryModel.off(Quantity.STATIONARY_COVARIANCE, d)),
                probe(LinearRegressionSgdRiskClaim.ID, "M2 expected excess risk E_t", d -> RiskTheoryModel.off(Quantity.M2_RISK, d)),
                probe(PowerLawEnvelopeClaim.ID, "M3 rate alpha", d -> RiskTheoryModel.off(Quantity.M3_RATE, d)),
                probe(FisherVanTreesRateClaim.ID, "M4 rate alpha", d -> RiskTheoryModel.off(Quantity.M4_RATE, d)),
                probe(BudgetOptimalDepthClaim.ID, "budget-optimal depth c*", d -> RiskTheoryModel.off(Quantity.OPTIMAL_DEPTH, d)),
                probe(CalibrationAlgorithm1Claim.ID, "M3 rate alpha", d -> RiskTheoryModel.off(Quantity.M3_RATE, d)),
                probe(SlowestChannelDominatesClaim.ID, "two-channel local slope s(c)", d -> RiskTheoryModel.off(Quantity.MIXTURE_SLOPE, d)),
                probe(CmiCriterionOneDirectionalClaim.ID, "risk after a probe L_post", d -> RiskTheoryModel.off(Quantity.PROBED_RISK, d)),
                probe(PhaseDiagramRegimesClaim.ID, "M3 optimisation variance V_opt(c)", d -> RiskTheoryModel.off(Quantity.M3_VOPT, d)));
    }
}
