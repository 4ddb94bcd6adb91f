package org.ftverify.theory.lora;

import java.util.List;
import org.ftverify.core.Claim;

/**
 * The simulation claims of lora.md §3 (P1, P4, P5, P6, P7, P8, P9, P11), in P-order. Each reads every prediction
 * from {@code model}, so a perturbed model fed through the same claims must be rejected (mutant tests).
 */
public final class SimulationClaims {
    private SimulationClaims() {}

    public static List<Claim> all(LoraTheoryModel model) {
        if (model == null) throw new IllegalArgumentException("model: must not be null");
        return List.of(OdeTracksSgdClaim.claim(model), SaddleGrowthRateClaim.claim(model), LogSearchPhaseClaim.claim(model),
                ReluHalfSpeedClaim.claim(model), PretrainingHurtsClaim.claim(model),
                OddHermiteInteriorDivergenceClaim.claim(model), NoisePlateauClaim.claim(model), FixedPointSymmetryClaim.claim(model));
    }
}
