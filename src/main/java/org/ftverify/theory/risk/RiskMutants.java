package org.ftverify.theory.risk;

import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.Mutant;

/**
 * Deliberately wrong versions of the theory. Each names the claims it targets (the claims whose checks must reject
 * it); {@code ./ftverify verify --mutant NAME} runs exactly those claims built from the perturbed model.
 */
final class RiskMutants {
    private RiskMutants() {}

    record Spec(String name, String description, RiskTheoryModel model, List<String> targets) {
        Mutant mutant() {
            return new Mutant(name, description, targets, () -> RiskClaims.all(model));
        }
    }

    static List<Spec> specs() {
        RiskTheoryModel x = RiskTheoryModel.exact();
        return List.of(
                new Spec("risk-static-intrinsic-limit", "L_int taken as purely static: the mismatch-seed coupling tr(H Psi H S_T) dropped from L(c)",
                        x.withStaticIntrinsicLimit(), List.of(DecompositionClaim.ID)),
                new Spec("risk-uniform-revelation", "constant-LR probes reveal the seed uniformly: V_opt(c) = (1 - c/T) V_opt(0)",
                        x.withUniformRevelation(), List.of(ForkEstimatorClaim.ID)),
                new Spec("risk-quadform-no-mean-term", "Var(x'Bx) = 2 tr((BS)^2) without the 4 mu'BSB mu term (Bayes risk of M1 too small)",
                        x.withoutQuadFormMeanTerm(), List.of(DecompositionClaim.ID, BayesOptimalityClaim.ID)),
                new Spec("risk-lyapunov-without-eta-hsh", "stationary SGD covariance from H S + S H = eta Sigma (the eta H S H term dropped)",
                        x.withoutLyapunovEtaTerm(), List.of(LyapunovClaim.ID)),
                new Spec("risk-additive-noise-sgd", "minibatch SGD noise taken as additive: the fourth-moment terms (eta^2/b)(HMH + tr(HM)H) dropped",
                        x.withAdditiveNoiseSgd(), List.of(LinearRegressionClaim.ID)),
                new Spec("risk-alpha+0.1", "every revelation rate off by 0.1: alpha = 2 rho - 1 + 0.1 in M3, 1.1 in M4",
                        x.withAlphaShift(0.1), List.of(PowerLawEnvelopeClaim.ID, FisherRateClaim.ID, BudgetDepthClaim.ID, CalibrationClaim.ID)),
                new Spec("risk-cstar-without-power", "Thm. 6.1 without the 1/(alpha+1) power: c* = alpha K/(gamma lambda)",
                        x.withoutCStarPower(), List.of(BudgetDepthClaim.ID, PhaseDiagramClaim.ID)),
                new Spec("risk-fastest-channel-dominates", "of several information channels the fastest-decaying one sets the rate",
                        x.withFastestChannelDominating(), List.of(SlowestChannelClaim.ID)),
                new Spec("risk-cmi-as-equivalence", "probing reduces the risk iff CMI > 0, quantified by L_post = L_prior exp(-2 I) for every probe",
                        x.cmiAsEquivalence(), List.of(CmiCriterionClaim.ID)),
                new Spec("risk-regime-by-alpha-only", "regime read from alpha alone: Static-Sufficient iff alpha >= 1 unless Noise-Dominant",
                        x.withRegimeByAlphaOnly(), List.of(PhaseDiagramClaim.ID)));
    }

    static List<Mutant> all() {
        return specs().stream().map(Spec::mutant).toList();
    }

    static List<Claim> claims(RiskTheoryModel model, List<String> ids) {
        return RiskClaims.all(model).stream().filter(c -> ids.contains(c.id())).toList();
    }
}
