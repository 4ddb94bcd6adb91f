package org.ftverify.theory.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.ftverify.core.Claim;
import org.ftverify.core.Mutant;
import org.ftverify.core.Theory;
import org.ftverify.testing.MutantFixture;
import org.junit.jupiter.api.Test;

/**
 * For every claim: the exact theory is VERIFIED and a perturbed theory FALSIFIED at the same point, same seed, quick
 * level ({@link MutantFixture}). The points are chosen where the perturbation is several tolerances away from the truth;
 * each test says why.
 */
class RiskMutantsTest {
    private static final Theory RISK = new RiskTheory();

    @Test
    void p1RejectsStaticIntrinsicLimit() {
        // Psi up to 0.1 and eta h_max = 1: the dropped coupling tr(H Psi H S_T) is ~10% of L_int, many SE at N >= 2000
        MutantFixture.assertDiscriminates(RISK, TotalVarianceDecompositionClaim.ID, Map.of("d", 8, "T", 100, "etaFraction", 0.5, "psiMax", 0.1, "tau2", 0),
                "risk-static-intrinsic-limit", "(b) Bayes MSE mean (R - M_c)^2 vs L(c), c = 100");
    }

    @Test
    void p1RejectsQuadraticFormWithoutMeanTerm() {
        MutantFixture.assertDiscriminates(RISK, TotalVarianceDecompositionClaim.ID, Map.of("d", 16, "T", 50, "etaFraction", 0.05),
                "risk-quadform-no-mean-term", "(b) Bayes MSE");
    }

    @Test
    void p2RejectsUniformRevelation() {
        // the reference table alone separates them: V_opt(250)/V_opt(0) = 0.992 versus 1 - 250/500 = 0.5
        MutantFixture.assertDiscriminates(RISK, ForkEstimatorLateRevelationClaim.ID, Map.of(), "risk-uniform-revelation", "reference V_opt(250)/V_opt(0)");
    }

    @Test
    void p3RejectsQuadraticFormWithoutMeanTerm() {
        // a small step keeps the slow modes' offset mu_c ~ delta0 far above the remaining noise S_hat, so the dropped
        // mu'HSHmu term is most of L(c): far beyond 5 SE of the Bayes MSE
        MutantFixture.assertDiscriminates(RISK, BayesOptimalityOrthogonalIncrementsClaim.ID, Map.of("d", 16, "T", 50, "etaFraction", 0.05),
                "risk-quadform-no-mean-term", "M1 Bayes MSE vs L(c)");
    }

    @Test
    void p4RejectsLyapunovWithoutEtaTerm() {
        // eta h_max = 1: the top mode's variance is off by the factor 1/(1 - eta h/2) = 2; the drift check sees the
        // missing eta H S H term away from the fixed point too
        MutantFixture.assertDiscriminates(RISK, LyapunovStationaryCovarianceClaim.ID, Map.of("d", 4, "etaHmax", 1.0, "condition", 4.0),
                "risk-lyapunov-without-eta-hsh", "sample Cov(delta_T)", "along H S H");
    }

    @Test
    void p5RejectsAdditiveNoiseSgd() {
        // b = 1 at half the stability limit: the multiplicative terms carry a large share of E_t and of the drift
        MutantFixture.assertDiscriminates(RISK, LinearRegressionSgdRiskClaim.ID, Map.of("d", 16, "b", "1", "etaFraction", 0.5, "T", 400),
                "risk-additive-noise-sgd", "E_t vs exact recursion, t = 400", "drift of the excess risk");
    }

    @Test
    void p6RejectsAlphaShift() {
        // alpha + 0.1 moves zeta(2 rho, c + t0) by a factor (c + t0)^-0.1 ~ 0.62 at c = 100: 30 SE of the fork estimate
        MutantFixture.assertDiscriminates(RISK, PowerLawEnvelopeClaim.ID, Map.of(), "risk-alpha+0.1", "fork estimate U(c)");
    }

    @Test
    void p7RejectsAlphaShift() {
        // Fisher information growing as c^1.1: the local slope of V_opt (Riccati ODE) is within 1e-5 of 1, the theory's slope about 1.1
        MutantFixture.assertDiscriminates(RISK, FisherVanTreesRateClaim.ID, Map.of("c", 1000), "risk-alpha+0.1", "local slope");
    }

    @Test
    void p8RejectsCStarWithoutPower() {
        // alpha K/(gamma lambda) = 2.5e5 instead of its 1/(alpha+1) = 2/3 power 3968.5
        MutantFixture.assertDiscriminates(RISK, BudgetOptimalDepthClaim.ID, Map.of(), "risk-cstar-without-power", "brute-force argmin");
    }

    @Test
    void p8AlsoRejectsAlphaShift() {
        MutantFixture.assertDiscriminates(RISK, BudgetOptimalDepthClaim.ID, Map.of(), "risk-alpha+0.1", "brute-force argmin");
    }

    @Test
    void p9RejectsAlphaShift() {
        // 4 sd of the error law is about 0.03 at M = 1000: alpha-hat cannot be 0.1 away from 2 rho - 1
        MutantFixture.assertDiscriminates(RISK, CalibrationAlgorithm1Claim.ID, Map.of(), "risk-alpha+0.1", "alpha-hat (Algorithm 1)");
    }

    @Test
    void p10RejectsFastestChannel() {
        // the window average of s(c) around c_x is (1 + a2)/2 = 0.75, not a1 = 1
        MutantFixture.assertDiscriminates(RISK, SlowestChannelDominatesClaim.ID, Map.of(), "risk-fastest-channel-dominates", "fitted alpha");
    }

    @Test
    void p11RejectsCmiAsEquivalence() {
        // the equivalence predicts 1.25 exp(-2 x 0.1865) = 0.86 after the probe; the simulated risk stays 1.25
        MutantFixture.assertDiscriminates(RISK, CmiCriterionOneDirectionalClaim.ID, Map.of(), "risk-cmi-as-equivalence", "risk after revealing S");
    }

    @Test
    void p12RejectsRegimeByAlphaOnly() {
        // (tau2 0.05, alpha 1.5) is Dynamic-Critical by V(c_s) but Static-Sufficient by alpha alone
        MutantFixture.assertDiscriminates(RISK, PhaseDiagramRegimesClaim.ID, Map.of(), "risk-regime-by-alpha-only", "printed table");
    }

    @Test
    void p12AlsoRejectsCStarWithoutPower() {
        MutantFixture.assertDiscriminates(RISK, PhaseDiagramRegimesClaim.ID, Map.of(), "risk-cstar-without-power", "envelope c*");
    }

    @Test
    void everyClaimIsTargetedByAMutantAndNamesAreUnique() {
        Set<String> targeted = new HashSet<>(), names = new HashSet<>();
        for (Mutant m : RISK.mutants()) {
            assertTrue(names.add(m.name()), "duplicate mutant " + m.name());
            assertTrue(m.name().startsWith("risk-"), m.name());
            targeted.addAll(m.breaks());
            assertEquals(m.breaks().size(), m.targets().size(), m.name());
        }
        for (Claim c : RISK.claims()) assertTrue(targeted.contains(c.id()), c.id() + " has no mutant");
        assertEquals(Set.of("risk-static-intrinsic-limit", "risk-uniform-revelation", "risk-quadform-no-mean-term", "risk-lyapunov-without-eta-hsh",
                "risk-additive-noise-sgd", "risk-alpha+0.1", "risk-cstar-without-power", "risk-fastest-channel-dominates", "risk-cmi-as-equivalence",
                "risk-regime-by-alpha-only"), names);
    }
}
