package org.ftverify.theory.risk;

import java.util.List;
import org.ftverify.core.Claim;

/** The twelve claims P1–P12 of risk.md §3, all built from one (possibly perturbed) {@link RiskTheoryModel}. */
final class RiskClaims {
    private RiskClaims() {}

    static List<Claim> all(RiskTheoryModel model) {
        return List.of(
                DecompositionClaim.build(model),
                ForkEstimatorClaim.build(model),
                BayesOptimalityClaim.build(model),
                LyapunovClaim.build(model),
                LinearRegressionClaim.build(model),
                PowerLawEnvelopeClaim.build(model),
                FisherRateClaim.build(model),
                BudgetDepthClaim.build(model),
                CalibrationClaim.build(model),
                SlowestChannelClaim.build(model),
                CmiCriterionClaim.build(model),
                PhaseDiagramClaim.build(model));
    }
}
