package org.ftverify.theory.spectral;

import java.util.Map;

import org.ftverify.core.Evidence;
import org.ftverify.evidence.RunMemo;
import org.ftverify.testing.MutantFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each claim VERIFIED for the exact theory and FALSIFIED for its mutant at the same point and seed. */
class SpectralMutantsTest {
    private static final SpectralTheory THEORY = new SpectralTheory();

    /**
     * Each test simulates afresh (exact and mutant still share the data within a test). Without this, mutation testing
     * never re-runs a simulator: PIT's minion JVM keeps the memo of the first run, so a mutated simulator went unseen.
     */
    @BeforeEach
    void freshSimulations() {
        RunMemo.clear();
    }

    @Test
    void wedinWithoutTheGapIsRejected() {
        MutantFixture.assertDiscriminates(THEORY, WedinWeylClaim.ID, Map.of("m", 30, "aspect", 1.5, "k", 2, "log10eps", -1.5, "delta", "gaussian"),
                "spectral-wedin-gap-dropped", "extremal rotation", "max Wedin ratio sin Theta");
    }

    @Test
    void crossingTimeWithoutTheTargetCoefficientIsRejected() {
        MutantFixture.assertDiscriminates(THEORY, CrossingTimeClaim.ID, Map.of("theta0", 2.0, "thetap", 1.0, "excess", 0.4, "n", 5),
                "spectral-crossing-ignores-target", "crossing time t_c (coefficient event)", "per-index overlap at t_c + 0.05");
    }

    @Test
    void loraCountedWithOneFactorIsRejected() {
        MutantFixture.assertDiscriminates(THEORY, ParameterBudgetClaim.ID, Map.of("k", 64),
                "spectral-lora-one-factor", "LoRA r = 8");
    }

    @Test
    void movedBgnThresholdIsRejected() {
        MutantFixture.assertDiscriminates(THEORY, BgnClaim.ID, Map.of("d", "400", "c", "0.5", "np", 1.5),
                "spectral-bgn-threshold-moved", "<u^, a>^2 vs rho_u");
    }

    @Test
    void sharedCheckpointPredictedAsIndependentIsRejected() {
        MutantFixture.assertDiscriminates(THEORY, SharedBasisClaim.ID, Map.of("d", "400", "c", "1", "theta1", 1.5, "ratio", 2.0),
                "spectral-shared-as-independent", "same checkpoint <u^_A, u^_B>^2");
    }

    @Test
    void residualWithoutOffDiagonalEnergyIsRejected() {
        MutantFixture.assertDiscriminates(THEORY, FrozenBasisClaim.ID, Map.of("m", 20, "aspect", 1.5, "k", 3, "xi", 0.3),
                "spectral-residual-without-off-diagonal", "2 L_min (diagonal)");
    }

    @Test
    void halvedCoefficientRateIsRejectedByTheOdeAndTheDrift() {
        MutantFixture.assertDiscriminates(THEORY, FrozenBasisClaim.ID, Map.of("m", 20, "aspect", 1.5, "k", 3, "xi", 0.3),
                "spectral-coefficient-rate-halved", "ODE - decoupled", "drift ds_1/dt");
    }

    @Test
    void transientOnlyDriftTermIsRejectedByTheDriftCheck() {
        Map<String, Object> point = Map.of("m", 20, "aspect", 1.5, "k", 3, "xi", 0.3);
        MutantFixture.assertDiscriminates(THEORY, FrozenBasisClaim.ID, point, "spectral-coefficient-drift-transient", "drift ds_1/dt");
        // the term vanishes at the optimum: the optimum and the residual identities cannot see it
        Evidence w = MutantFixture.check(MutantFixture.mutantClaim(THEORY, "spectral-coefficient-drift-transient", FrozenBasisClaim.ID), point);
        MutantFixture.assertPasses(w, "^opt vs least-squares", "2 L_min");
    }

    @Test
    void sgdSimulatorWithoutTheRidgeOfSigmaIsRejectedByTheDriftCheck() {
        // a simulator error, not a theory error: inputs drawn from A A^T/p instead of A A^T/p + 0.1 I
        MutantFixture.assertDiscriminates(MutantFixture.claim(THEORY, FrozenBasisClaim.ID), Map.of("m", 20, "aspect", 1.5, "k", 3, "xi", 0.3),
                FrozenBasisClaim.build(SpectralModel.exact(), 0), "drift ds_1/dt");
    }

    @Test
    void movedBbpThresholdIsRejected() {
        MutantFixture.assertDiscriminates(THEORY, BbpClaim.ID, Map.of("p", "800", "gamma", "1", "theta", 2.0),
                "spectral-bbp-threshold-moved", "vs BBP overlap");
    }

    @Test
    void finiteTimeStabilityPredictedAsIndependentIsRejected() {
        MutantFixture.assertDiscriminates(THEORY, FiniteTimeStabilityClaim.ID, Map.of("m", "500", "np", 2.0, "t", 1.0, "thetap", 1.5),
                "spectral-shared-as-independent", "Stab(n, t) = ");
    }

    @Test
    void firstOrderWithoutTheExtraRightDimensionsIsRejected() {
        MutantFixture.assertDiscriminates(THEORY, FirstOrderClaim.ID, Map.of("m", 40, "aspect", 2.0, "level", -3.0),
                "spectral-first-order-no-extra-dimensions", "E[1 - <v_1, v~_1>^2]");
    }

    @Test
    void linearLawForTheTwoLayerNetworkIsRejected() {
        MutantFixture.assertDiscriminates(THEORY, AlignedDynamicsClaim.ID, Map.of("m", 4, "p", 5, "extra", 1),
                "spectral-m3-linear-not-logistic", "M3: max_t |s_i(t)");
    }
}
