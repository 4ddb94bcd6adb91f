package org.ftverify.theory.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ftverify.theory.risk.RiskTheoryModel.Flaw;
import org.ftverify.theory.risk.RiskTheoryModel.Quantity;
import org.junit.jupiter.api.Test;

/** The exact model's closed forms against direct computation and the spec's reference numbers (docs/theory/risk.adoc#risk-model). */
class RiskTheoryModelTest {
    private static final RiskTheoryModel EXACT = RiskTheoryModel.exact();

    @Test
    void hurwitzZetaMatchesKnownValuesAndDirectSums() {
        assertEquals(Math.PI * Math.PI / 6, HurwitzZeta.zeta(2, 1), 1e-15);
        assertEquals(Math.PI * Math.PI / 2, HurwitzZeta.zeta(2, 0.5), 1e-14);
        assertEquals(1.2020569031595942, HurwitzZeta.zeta(3, 1), 1e-15);
        assertEquals(Math.pow(Math.PI, 4) / 90, HurwitzZeta.zeta(4, 1), 1e-15);
        // zeta(s, a) - zeta(s, a + n) = sum_{k<n} (a+k)^-s, for s near 1 and large a
        for (double s : new double[] {1.1, 1.5, 2.7, 3.6}) {
            for (double a : new double[] {0.3, 7.5, 12.0, 1e4}) {
                double direct = 0;
                for (int k = 0; k < 5000; k++) direct += Math.pow(a + k, -s);
                double diff = HurwitzZeta.zeta(s, a) - HurwitzZeta.zeta(s, a + 5000);
                assertEquals(direct, diff, 1e-13 * Math.max(1, direct), "s = " + s + ", a = " + a);
            }
        }
    }

    @Test
    void m1ClosedFormEqualsDirectRecursion() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int k = 0; k < 50; k++) {
            int d = 1 + rng.nextInt(10);
            double[] h = new double[d], s2 = new double[d], d0 = new double[d], psi = new double[d];
            for (int i = 0; i < d; i++) {
                h[i] = 0.01 + 2 * rng.nextDouble();
                s2[i] = rng.nextDouble();
                d0[i] = rng.nextDouble() - 0.5;
                psi[i] = 0.1 * rng.nextDouble();
            }
            M1Task t = new M1Task(h, s2, d0, 1.9 * rng.nextDouble() / Checks.max(h), 1 + rng.nextInt(300), psi, 0.05 * rng.nextDouble());
            for (int c : new int[] {0, t.horizon / 3, t.horizon}) {
                double direct = ForkEstimatorLateRevelationClaim.directRisk(t, c);
                assertEquals(direct, EXACT.m1().risk(t, c), 1e-10 * direct);
            }
        }
    }

    @Test
    void m1ReferenceTable() {
        M1Task ref = M1Task.reference();
        assertEquals(6.346e-4, EXACT.m1().risk(ref, 0), 0.5e-7);
        assertEquals(0.06590, EXACT.m1().expectedOutcome(ref), 0.5e-5);
        assertEquals(0.704, EXACT.m1().revelationRatio(ref, 490), 0.5e-3);
        assertEquals(0.5, RiskTheoryModel.with(Flaw.UNIFORM_REVELATION).m1().revelationRatio(ref, 250), 1e-12);
    }

    @Test
    void m2StationaryReferences() {
        M2Task a = new M2Task(M2Task.powerLawSpectrum(16, 1), 4, 0.05, 0.25, 400, new double[16]);
        assertEquals(0.0027396, EXACT.m2().stationaryRisk(a), 0.5e-7);
        // iterating the recursion long enough converges to the Sherman–Morrison fixed point
        double[] m = new double[16], next = new double[16];
        for (int t = 0; t < 400_000; t++) {
            EXACT.m2().step(a, m, next);
            double[] tmp = m; m = next; next = tmp;
        }
        assertEquals(EXACT.m2().stationaryRisk(a), M2Theory.halfDot(a.h, m), 1e-12);
    }

    @Test
    void m3AndM4ReferenceTables() {
        M3Task ref = new M3Task(0.75, 0.5, 10, 1, 0, Double.POSITIVE_INFINITY);
        assertEquals(0.162165, EXACT.m3().vOpt(ref, 0), 0.5e-6);
        assertEquals(0.0476731, EXACT.m3().lowerBound(ref, 100), 0.5e-7);
        assertEquals(4.99775e-3, EXACT.m3().upperBound(ref, 1e4), 0.5e-8);
        assertEquals(3968.50, EXACT.budget().cStar(EXACT.m3().alpha(ref), EXACT.m3().k(ref), 1e-6), 0.005);
        assertEquals(3959, EXACT.budget().m3OptimalDepth(ref, 1e-6));
        assertEquals(3959, BudgetOptimalDepthClaim.argmin(ref, 1e-6, 0, 0));
        M4Task m4 = M4Task.scalar(1, 1, 1, 4, 0.01);
        assertEquals(0.10756, EXACT.m4().risk(m4, 10), 0.5e-5);
        assertEquals(99.75, EXACT.budget().m4ContinuousOptimum(m4, 1e-4), 1e-9);
    }

    @Test
    void budgetArgminSetCoversTheTieAndRejectsAStepOff() {
        // the corner rho = 0.55, eta0 = 0.1, t0 = 1, q = 0.1, gamma lambda = 1e-3: q eta0^2 = gamma lambda, so c* = t0 and x = c* - t0 is 0 up to
        // round-off (an exact tie); the old one-step comparison sat at gap/tol 1 here, the set {floor(x), ceil(x)} holds the argmin
        M3Task tie = new M3Task(0.55, 0.1, 1, 0.1, 0, Double.POSITIVE_INFINITY);
        long opt = BudgetOptimalDepthClaim.argmin(tie, 1e-3, 0, 0);
        double x = EXACT.budget().m3ContinuousOptimum(tie, 1e-3);
        assertEquals(0, BudgetOptimalDepthClaim.argminInSet(tie, x, 1e-3, 0, 0, opt).gap());
        M3Task ref = new M3Task(0.75, 0.5, 10, 1, 0, Double.POSITIVE_INFINITY);
        double xr = EXACT.budget().m3ContinuousOptimum(ref, 1e-6);
        assertEquals(0, BudgetOptimalDepthClaim.argminInSet(ref, xr, 1e-6, 0, 0, 3959).gap());
        assertTrue(!BudgetOptimalDepthClaim.argminInSet(ref, xr, 1e-6, 0, 0, 3960).passes(), "one step beyond ceil(x) is outside the set");
        assertTrue(!BudgetOptimalDepthClaim.argminInSet(ref, xr + 2, 1e-6, 0, 0, 3959).passes(), "x two steps off moves the set past the argmin");
    }

    @Test
    void continuousOptimumResolvesWhatTheIntegerArgminCannot() {
        // c* - t0 = 1.4 at this point: 2% off in c* moves x by 0.04 (no integer changes), but Brent's root of J's increment sees it
        double gl = 0.1 * 0.5 * 0.5 * Math.pow(12.4, -1.5);
        org.ftverify.core.Params p = new org.ftverify.core.Params(java.util.Map.of("rho", 0.75, "eta0", 0.5, "t0", 11.0, "q", 0.1,
                "log10GammaLambda", Math.log10(gl), "lInt", 0.0, "gammaCs", 0.0, "v0", 4.0));
        org.ftverify.core.Evidence off = BudgetOptimalDepthClaim.check(RiskTheoryModel.off(Quantity.OPTIMAL_DEPTH, 0.02), p);
        for (org.ftverify.core.Comparison c : off.comparisons()) {
            if (c.quantity().startsWith("(a) ")) assertTrue(c.passes(), "the integer set does not move: " + c);
            if (c.quantity().startsWith("(a') ")) assertTrue(!c.passes(), "the continuous minimiser does: " + c);
        }
        assertTrue(BudgetOptimalDepthClaim.check(EXACT, p).comparisons().stream().filter(c -> c.quantity().startsWith("(a")).allMatch(
                org.ftverify.core.Comparison::passes));
    }

    @Test
    void m4LocalSlopeIsTheDerivativeOfVOpt() {
        M4Task t = new M4Task(new double[] {0.5, 2}, new double[] {1, 0.3}, new double[] {1.2, -0.7}, 2, 0.01, 0.2);
        for (double c : new double[] {3, 300, 3e4}) {
            double h = 1e-4, numeric = -(Math.log(EXACT.m4().vOpt(t, c * Math.exp(h))) - Math.log(EXACT.m4().vOpt(t, c * Math.exp(-h)))) / (2 * h);
            assertEquals(numeric, EXACT.m4().localSlope(t, c), 1e-7);
        }
        assertEquals(1.1, RiskTheoryModel.withAlphaShift(0.1).m4().localSlope(t, 1e12), 1e-9);
    }

    @Test
    void mixtureSlopeTable() {
        assertEquals(0.75, EXACT.channels().slope(1, 1, 0.005, 0.5, 4e4), 1e-12);
        assertEquals(4e4, EXACT.channels().crossover(1, 1, 0.005, 0.5), 1e-6);
        assertEquals(0.510, EXACT.channels().slope(1, 1, 0.005, 0.5, 1e8), 0.5e-3);
        assertEquals(1.0, RiskTheoryModel.with(Flaw.FASTEST_CHANNEL_DOMINATES).channels().slope(1, 1, 0.005, 0.5, 1e8), 0);
    }

    @Test
    void regimeTableIsTheSpecs() {
        Regime.Rule rule = Regime.Rule.defaults();
        for (int i = 0; i < PhaseDiagramRegimesClaim.TAU2.length; i++) {
            for (int k = 0; k < PhaseDiagramRegimesClaim.RHO.length; k++) {
                Regime r = EXACT.regimes().of(rule, M3Task.normalised(PhaseDiagramRegimesClaim.RHO[k], 10, PhaseDiagramRegimesClaim.TAU2[i]));
                assertEquals(PhaseDiagramRegimesClaim.PRINTED_LABELS[i][k], r.label(), "tau2 " + PhaseDiagramRegimesClaim.TAU2[i] + ", rho " + PhaseDiagramRegimesClaim.RHO[k]);
            }
        }
        String t1 = PhaseDiagramRegimesClaim.asciidoc(EXACT);
        assertTrue(t1.contains("T1′") && t1.contains("|0.05 |DC |DC |DC |SS") && t1.contains("43088"), t1);
    }

    @Test
    void mutantsChangeTheirPrediction() {
        M3Task t = new M3Task(0.75, 0.5, 10, 1, 0, Double.POSITIVE_INFINITY);
        assertEquals(0.6, RiskTheoryModel.withAlphaShift(0.1).m3().alpha(t), 1e-15);
        assertEquals(0.5 * 0.5 / 1e-6, RiskTheoryModel.with(Flaw.CSTAR_WITHOUT_POWER).budget().cStar(0.5, 0.5, 1e-6), 1e-6);
        assertEquals(1.25 * Math.exp(-2 * 0.1865), RiskTheoryModel.with(Flaw.CMI_AS_EQUIVALENCE).information().probedRisk(1.25, 0.1865, 0), 1e-12);
        assertEquals(1.25, EXACT.information().probedRisk(1.25, 0.1865, 0), 0);
        double[][] sig = {{1}};
        assertEquals(2 * RiskTheoryModel.with(Flaw.LYAPUNOV_WITHOUT_ETA_HSH).covariance().stationary(new double[] {1}, sig, 1)[0][0],
                EXACT.covariance().stationary(new double[] {1}, sig, 1)[0][0], 1e-15);
    }

    /** Each power probe moves exactly its quantity by the factor 1 + delta (and nothing else the same claim reads as ground truth). */
    @Test
    void probesScaleTheirQuantity() {
        M3Task t = new M3Task(0.75, 0.5, 10, 1, 0, Double.POSITIVE_INFINITY);
        assertEquals(0.55, RiskTheoryModel.off(Quantity.M3_RATE, 0.1).m3().alpha(t), 1e-15);
        assertEquals(1.1, RiskTheoryModel.off(Quantity.M4_RATE, 0.1).m4().alpha(), 1e-15);
        assertEquals(1.1 * EXACT.m3().vOpt(t, 5), RiskTheoryModel.off(Quantity.M3_VOPT, 0.1).m3().vOpt(t, 5), 1e-15);
        assertEquals(1.1 * EXACT.budget().cStar(0.5, 0.5, 1e-6), RiskTheoryModel.off(Quantity.OPTIMAL_DEPTH, 0.1).budget().cStar(0.5, 0.5, 1e-6), 1e-9);
        M1Task ref = M1Task.reference();
        assertEquals(1.1 * EXACT.m1().risk(ref, 100), RiskTheoryModel.off(Quantity.M1_RISK, 0.1).m1().risk(ref, 100), 1e-15);
        assertEquals(EXACT.m1().risk(ref, 100), RiskTheoryModel.off(Quantity.M3_RATE, 0.1).m1().risk(ref, 100), 0);
    }
}
