package org.ftverify.theory.lora;

import java.util.List;
import org.ftverify.core.Claim;

/**
 * The LoRA claims that need no SGD simulation (lora.md §3): P2 saddle-rate identities, P3 reference τ values,
 * P10 population-loss formulas (Monte Carlo of the loss itself, not of training) and P12 even-k bias instability
 * (ODE only). Every prediction comes from the given model, so a perturbed model yields the same claims with a wrong
 * theory behind them (the mutant tests).
 */
public final class AnalyticClaims {
    private AnalyticClaims() {}

    /** P2, P3, P10, P12 in P-order. */
    public static List<Claim> all(LoraTheoryModel model) {
        return List.of(
                SaddleRateIdentitiesClaim.build(model),
                ReferenceTauClaim.build(model),
                PopulationLossClaim.build(model),
                EvenBiasInstabilityClaim.build(model));
    }
}
