package org.ftverify.theory.lora;

import static org.ftverify.theory.lora.SimClaimTesting.assertDiscriminates;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mutants of the ODE/fixed-point claims P1, P9, P11: each perturbation is rejected where the exact model passes. */
class SimTrackingMutantTest {

    @Test
    void p1RejectsTheOdeWithoutTheNoiseTerm() {
        // Large-gamma point where the noise term matters most within P1's space (He2, mu = 0.4, gamma0 = 1: the
        // noise-free ODE departs by up to 0.076 in m); d = 4096 makes the band 3.1/64 = 0.048 (calibrated C for He2).
        assertDiscriminates(OdeTracksSgdClaim.ID, Map.of("activation", "he2", "mu", "0.4", "gamma0", "1", "batch", "16", "d", "4096"),
                LoraTheoryModel.exact().with(Knob.NOISE_FACTOR, 0), List.of("worst gap"), List.of());
    }

    @Test
    void driftCheckCatchesATransientOnlyTermAndTheMissingNoiseTerm() {
        // c m du/dalpha vanishes at every fixed point and is quadratic at the saddle: no other claim sees it. At
        // (mu, u, m) = (0.5, 0.5, 0.3) it adds ~0.3 x du/dalpha to dm/dalpha, many standard errors of the increments.
        Map<String, String> point = Map.of("mu", "0.5", "u", "0.5", "m", "0.3", "gamma0", "1");
        org.ftverify.testing.MutantFixture.assertDiscriminates(new LoraTheory(), DriftMatchesSgdClaim.ID, point, "lora-transient-drift", "dm/dalpha, lin");
        // The noise term (gamma^2/2) u^2 m Psi is ~0.04 of dm/dalpha at gamma0 = 1; at gamma0 = 2 and u = 0.9 it is resolved.
        org.ftverify.testing.MutantFixture.assertDiscriminates(new LoraTheory(), DriftMatchesSgdClaim.ID,
                Map.of("mu", "0.3", "u", "0.9", "m", "0.5", "gamma0", "2"), "lora-no-noise-term", "dm/dalpha, lin");
    }

    @Test
    void p9NoiseTermDroppedIsCaughtByTheOdeComparisonNotTheClosedForm() {
        // Without the noise term the ODE converges to m = 1 instead of the plateau 0.894: a gap of 0.106 > 3/sqrt(2048).
        // The model's closed-form plateau does not carry the noise factor, which is why the claim also compares the ODE.
        assertDiscriminates(NoisePlateauClaim.ID, Map.of("mu", "0.5", "gamma", "10"), LoraTheoryModel.exact().with(Knob.NOISE_FACTOR, 0),
                List.of("SGD vs the model's ODE", "He2"), List.of("sqrt(2/(gamma(1-mu)^2))"));
    }

    @Test
    void p9RejectsAShiftedPlateau() {
        // 0.1 in m: the smallest round shift beyond the 3/sqrt(2048) = 0.066 band plus the ~0.003 seed noise.
        assertDiscriminates(NoisePlateauClaim.ID, Map.of("mu", "0.5", "gamma", "10"), LoraTheoryModel.exact().with(Knob.FIXED_POINT_SHIFT, 0.1),
                List.of("sqrt(2/(gamma(1-mu)^2))", "control"), List.of("SGD vs the model's ODE"));
    }

    @Test
    void p11RejectsAShiftedFixedPoint() {
        // The end-state band at QUICK is 3/sqrt(512) = 0.133; a shift of 0.2 lies beyond it.
        assertDiscriminates(FixedPointSymmetryClaim.ID, Map.of("activation", "lin", "mu", "0.5"), LoraTheoryModel.exact().with(Knob.FIXED_POINT_SHIFT, 0.2),
                List.of("worst over seeds"), List.of("sign(u m)"));
    }

    @Test
    void p11RejectsASaddleWhoseAChangesSign() {
        // A_lin(0.5) = 0.5; dA = -1 makes it -0.5: the model then predicts u·m < 0 along the escape.
        assertDiscriminates(FixedPointSymmetryClaim.ID, Map.of("activation", "lin", "mu", "0.5"), LoraTheoryModel.exact().with(Knob.SADDLE_SHIFT, -1),
                List.of("sign(u m)"), List.of("worst over seeds"));
    }
}
