package org.ftverify.theory.dln;

import java.util.Map;
import org.ftverify.testing.MutantFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every dln claim rejects the mutants that name it, at a point where the exact theory passes. Tests tagged "slow"
 * (replica-symmetric solves over many tasks, up to 40 s each) are left out of mutation runs (-DexcludedGroups=slow),
 * where they would run once per mutant.
 */
class DlnMutantTest {
    private final DlnTheory theory = new DlnTheory();

    @Test
    void gdConservationRejectsExactConservation() {
        MutantFixture.assertDiscriminates(theory, ConservationClaim.ID, Map.of("d", 10, "eta", 0.02, "steps", 50), "dln-gd-conserves", "log c_i");
    }

    @Test
    void reducedFlowRejectsKWithoutLambdaAndWrongPotential() {
        Map<String, Object> p = Map.of("d", 200, "d_flow", 6, "t_end", 5);
        MutantFixture.assertDiscriminates(theory, ReducedFlowClaim.ID, p, "dln-k-ignores-lambda", "A_i²", "GD increment");
        MutantFixture.assertDiscriminates(theory, ReducedFlowClaim.ID, p, "dln-woodworth-argument", "ν-flow");
    }

    @Test
    void implicitBiasRejectsNegativeControlAndWrongPotential() {
        Map<String, Object> p = Map.of("d", 10, "n_frac", 0.3, "scale", 0.4, "nonzeros", 2);
        MutantFixture.assertDiscriminates(theory, BregmanClaim.ID, p, "dln-k-ignores-lambda", "Bregman");
        MutantFixture.assertDiscriminates(theory, BregmanClaim.ID, p, "dln-woodworth-argument", "Bregman");
    }

    @Test
    void pretrainRejectsLayerSplitWithoutLambda() {
        MutantFixture.assertDiscriminates(theory, PretrainClaim.ID, Map.of("d", 8, "c", 0.1, "lambda_n", 0.6, "t_end", 5), "dln-kd-drops-lambda",
                "(w⁺ + w⁻)²");
    }

    @Test
    @Tag("slow")
    void regimeRankingRejectsKdWithoutLambda() {
        MutantFixture.assertDiscriminates(theory, RegimeRankingClaim.ID, Map.of(), "dln-kd-drops-lambda", "E_gen(IV)");
    }

    @Test
    void fineTuneBiasRejectsKdWithoutLambda() {
        Map<String, Object> p = Map.of("d", 10, "alpha", 0.3, "c", 0.5, "lambda_n", 0.8, "gamma", 0.3);
        MutantFixture.assertDiscriminates(theory, FineTuneClaim.ID, p, "dln-kd-drops-lambda", "c_FT", "min Σ");
        MutantFixture.assertDiscriminates(theory, FineTuneClaim.ID, p, "dln-woodworth-argument", "min Σ");
    }

    @Test
    void lOrderRejectsWrongSignAndWrongSeries() {
        MutantFixture.assertDiscriminates(theory, RegimeDiagnosticsClaim.ID, Map.of("log10_u", 0.3, "b_pt", 1, "log10_c", -2), "dln-pd-sign", "PD");
        MutantFixture.assertDiscriminates(theory, RegimeDiagnosticsClaim.ID, Map.of("log10_u", -3.2), "dln-l-series", "ℓ: closed form");
    }

    @Test
    void timeScalesRejectScaledRateAndMissingLn2() {
        MutantFixture.assertDiscriminates(theory, TimeScaleClaims.RATE_ID, Map.of("log10_k", -1, "beta_star", 1), "dln-rate-x1.1", "log-slope");
        MutantFixture.assertDiscriminates(theory, TimeScaleClaims.ESCAPE_ID, Map.of("log10_c", -6, "beta_star", 1), "dln-escape-no-ln2", "time to");
    }

    @Test
    @Tag("slow")
    void replicaLimitsRejectNoiseWithoutOneOverAlpha() {
        MutantFixture.assertDiscriminates(theory, ReplicaLimitsClaim.ID, Map.of("alpha", 0.4, "rho_ft", 0.1), "dln-rs-noise-no-alpha", "lazy limit");
    }

    @Test
    @Tag("slow")
    void replicaSimulationRejectsNoiseWithoutOneOverAlpha() {
        MutantFixture.assertDiscriminates(theory, ReplicaSimulationClaim.ID, Map.of("regime", "baseline", "truth", "w1-r0.1", "alpha", "0.2"),
                "dln-rs-noise-no-alpha", "vs RS");
    }
    @Test
    @Tag("slow")
    void replicaSimulationResolvesThirtyPercentAtTheBaseline() {
        // E_RS = 0.845 at alpha = 0.1; the tolerance (5 control-variate SEs + 0.7 E_RS/sqrt(D) + 8.5/D + quadrature) is 0.14-0.18 at D = 500
        // depending on the seeds' spread (20% off, a gap of 0.15-0.19, is seen at some seeds and not at others)
        MutantFixture.assertDiscriminates(ReplicaSimulationClaim.build(DlnModel.exact()), Map.of("regime", "baseline", "truth", "w1-r0.1", "alpha", "0.1"),
                ReplicaSimulationClaim.build(DlnModel.exact().withRsScale(1.3)), "vs RS");
    }

    @Test
    @Tag("slow")
    void regimeRankingMarginsSeeRegimeIVOff() {
        // Regime IV's E_gen x 0.6 keeps IV between II and I at w1-r0.1, alpha = 0.1 (0.22 between 0.14 and 0.61), so that ranking's
        // order is blind to it there; the margins II - IV and IV - I move by 0.15 against tolerances of about 0.11-0.12
        MutantFixture.assertDiscriminates(RegimeRankingClaim.build(DlnModel.exact()), Map.of(),
                RegimeRankingClaim.build(DlnModel.exact().withRsScaleRegimeIV(0.6)), "margin E_gen(IV) − E_gen(I), w1-r0.1");
    }
}
