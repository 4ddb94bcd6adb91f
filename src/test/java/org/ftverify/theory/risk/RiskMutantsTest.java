package org.ftverify.theory.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.ftverify.core.CheckContext;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Params;
import org.ftverify.core.Verdict;
import org.junit.jupiter.api.Test;

/**
 * For every claim: the exact theory is VERIFIED and a perturbed theory FALSIFIED at the same point, same seed, quick
 * level. The points are chosen where the perturbation is several tolerances away from the truth; each test says why.
 */
class RiskMutantsTest {
    private static final CheckContext QUICK = new CheckContext(20260616L, EvidenceLevel.QUICK);

    private static Evidence run(RiskTheoryModel model, String id, Map<String, Object> point) {
        Claim c = RiskClaims.all(model).stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        Params p = c.space().parse(point);
        long t0 = System.nanoTime();
        Evidence e = c.check().check(p, QUICK);
        System.out.printf("%s [%s] at %s: %s, worst gap/tol %.3g (%.2f s)%n", id, model.name(), p, e.verdict(), e.normalisedGap(), (System.nanoTime() - t0) / 1e9);
        return e;
    }

    private static void discriminates(RiskTheoryModel mutant, String id, Map<String, Object> point, String failingQuantity) {
        Evidence exact = run(RiskTheoryModel.exact(), id, point);
        assertEquals(Verdict.VERIFIED, exact.verdict(), exact.summary());
        Evidence wrong = run(mutant, id, point);
        assertEquals(Verdict.FALSIFIED, wrong.verdict(), wrong.summary());
        assertTrue(wrong.comparisons().stream().anyMatch(c -> !c.passes() && c.quantity().contains(failingQuantity)),
                "expected a failing comparison on '" + failingQuantity + "':\n" + wrong.summary());
    }

    @Test
    void p1RejectsStaticIntrinsicLimit() {
        // Psi up to 0.1 and eta h_max = 1: the dropped coupling tr(H Psi H S_T) is ~10% of L_int, many SE at N >= 2000
        discriminates(RiskTheoryModel.exact().withStaticIntrinsicLimit(), DecompositionClaim.ID,
                Map.of("d", 8, "T", 100, "etaFraction", 0.5, "psiMax", 0.1, "tau2", 0), "mean Var(R|I_c) vs L(c), c = 100");
    }

    @Test
    void p2RejectsUniformRevelation() {
        // the reference table alone separates them: V_opt(250)/V_opt(0) = 0.992 versus 1 - 250/500 = 0.5
        discriminates(RiskTheoryModel.exact().withUniformRevelation(), ForkEstimatorClaim.ID, Map.of(), "reference V_opt(250)/V_opt(0)");
    }

    @Test
    void p3RejectsQuadraticFormWithoutMeanTerm() {
        // a small step keeps the slow modes' offset mu_c ~ delta0 far above the remaining noise S_hat, so the dropped
        // mu'HSHmu term is most of L(c): far beyond 5 SE of the Bayes MSE
        discriminates(RiskTheoryModel.exact().withoutQuadFormMeanTerm(), BayesOptimalityClaim.ID, Map.of("d", 16, "T", 50, "etaFraction", 0.05),
                "M1 Bayes MSE vs L(c)");
    }

    @Test
    void p4RejectsLyapunovWithoutEtaTerm() {
        // eta h_max = 1: the top mode's variance is off by the factor 1/(1 - eta h/2) = 2
        discriminates(RiskTheoryModel.exact().withoutLyapunovEtaTerm(), LyapunovClaim.ID, Map.of("d", 4, "etaHmax", 1.0, "condition", 4.0),
                "sample Cov(delta_T)");
    }

    @Test
    void p5RejectsAdditiveNoiseSgd() {
        // b = 1 at half the stability limit: the multiplicative terms carry a large share of E_t
        discriminates(RiskTheoryModel.exact().withAdditiveNoiseSgd(), LinearRegressionClaim.ID,
                Map.of("d", 16, "b", "1", "etaFraction", 0.5, "T", 400), "E_t vs exact recursion, t = 400");
    }

    @Test
    void p6RejectsAlphaShift() {
        // alpha + 0.1 moves zeta(2 rho, c + t0) by a factor (c + t0)^-0.1 ~ 0.62 at c = 100: 30 SE of the fork estimate
        discriminates(RiskTheoryModel.exact().withAlphaShift(0.1), PowerLawEnvelopeClaim.ID, Map.of(), "fork estimate U(c)");
    }

    @Test
    void p7RejectsAlphaShift() {
        // Fisher information growing as c^1.1: the local slope of V_opt (Riccati ODE) stays within 0.01 of 1, not 1.1
        discriminates(RiskTheoryModel.exact().withAlphaShift(0.1), FisherRateClaim.ID, Map.of("c", 1000), "local slope");
    }

    @Test
    void p8RejectsCStarWithoutPower() {
        // alpha K/(gamma lambda) = 2.5e5 instead of its 1/(alpha+1) = 2/3 power 3968.5
        discriminates(RiskTheoryModel.exact().withoutCStarPower(), BudgetDepthClaim.ID, Map.of(), "brute-force argmin");
    }

    @Test
    void p8AlsoRejectsAlphaShift() {
        discriminates(RiskTheoryModel.exact().withAlphaShift(0.1), BudgetDepthClaim.ID, Map.of(), "brute-force argmin");
    }

    @Test
    void p9RejectsAlphaShift() {
        // 4 sd of the error law is about 0.02 at M = 1000: alpha-hat cannot be 0.1 away from 2 rho - 1
        discriminates(RiskTheoryModel.exact().withAlphaShift(0.1), CalibrationClaim.ID, Map.of(), "alpha-hat (Algorithm 1)");
    }

    @Test
    void p10RejectsFastestChannel() {
        // the window average of s(c) around c_x is (1 + a2)/2 = 0.75, not a1 = 1
        discriminates(RiskTheoryModel.exact().withFastestChannelDominating(), SlowestChannelClaim.ID, Map.of(), "fitted alpha");
    }

    @Test
    void p11RejectsCmiAsEquivalence() {
        // the equivalence predicts 1.25 exp(-2 x 0.1865) = 0.86 after the probe; the simulated risk stays 1.25
        discriminates(RiskTheoryModel.exact().cmiAsEquivalence(), CmiCriterionClaim.ID, Map.of(), "risk after revealing S");
    }

    @Test
    void p12RejectsRegimeByAlphaOnly() {
        // (tau2 0.05, alpha 1.5) is Dynamic-Critical by V(c_s) but Static-Sufficient by alpha alone
        discriminates(RiskTheoryModel.exact().withRegimeByAlphaOnly(), PhaseDiagramClaim.ID, Map.of(), "differs from the spec's table");
    }

    @Test
    void everyClaimIsTargetedByAMutantAndNamesAreUnique() {
        Set<String> targeted = new HashSet<>(), names = new HashSet<>();
        for (RiskMutants.Spec s : RiskMutants.specs()) {
            assertTrue(names.add(s.name()), "duplicate mutant " + s.name());
            assertTrue(s.name().startsWith("risk-"), s.name());
            targeted.addAll(s.targets());
            assertEquals(s.targets().size(), s.mutant().targets().size(), s.name());
        }
        for (Claim c : RiskClaims.all(RiskTheoryModel.exact())) assertTrue(targeted.contains(c.id()), c.id() + " has no mutant");
        assertTrue(names.contains("risk-alpha+0.1"));
    }
}
