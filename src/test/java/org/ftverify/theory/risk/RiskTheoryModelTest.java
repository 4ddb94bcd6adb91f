package org.ftverify.theory.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The exact model's closed forms against direct computation and the spec's reference numbers (risk.md §2.2). */
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
                double direct = ForkEstimatorClaim.directRisk(t, c);
                assertEquals(direct, EXACT.m1Risk(t, c), 1e-10 * direct);
            }
        }
    }

    @Test
    void m1ReferenceTable() {
        M1Task ref = M1Task.reference();
        assertEquals(6.346e-4, EXACT.m1Risk(ref, 0), 0.5e-7);
        assertEquals(0.06590, EXACT.m1ExpectedOutcome(ref), 0.5e-5);
        assertEquals(0.704, EXACT.m1RevelationRatio(ref, 490), 0.5e-3);
        assertEquals(0.5, RiskTheoryModel.exact().withUniformRevelation().m1RevelationRatio(ref, 250), 1e-12);
    }

    @Test
    void m2StationaryReferences() {
        M2Task a = new M2Task(M2Task.powerLawSpectrum(16, 1), 4, 0.05, 0.25, 400, new double[16]);
        assertEquals(0.0027396, EXACT.m2StationaryRisk(a), 0.5e-7);
        // iterating the recursion long enough converges to the Sherman–Morrison fixed point
        double[] m = new double[16], next = new double[16];
        for (int t = 0; t < 400_000; t++) {
            EXACT.m2Step(a, m, next);
            double[] tmp = m; m = next; next = tmp;
        }
        assertEquals(EXACT.m2StationaryRisk(a), RiskTheoryModel.halfDot(a.h, m), 1e-12);
    }

    @Test
    void m3AndM4ReferenceTables() {
        M3Task ref = new M3Task(0.75, 0.5, 10, 1, 0, Double.POSITIVE_INFINITY);
        assertEquals(0.162165, EXACT.m3VOpt(ref, 0), 0.5e-6);
        assertEquals(0.0476731, EXACT.m3LowerBound(ref, 100), 0.5e-7);
        assertEquals(4.99775e-3, EXACT.m3UpperBound(ref, 1e4), 0.5e-8);
        assertEquals(3968.50, EXACT.cStar(EXACT.m3Alpha(ref), EXACT.m3K(ref), 1e-6), 0.005);
        assertEquals(3959, EXACT.m3OptimalDepth(ref, 1e-6));
        assertEquals(3959, BudgetDepthClaim.argmin(ref, 1e-6, 0, 0));
        M4Task m4 = M4Task.scalar(1, 1, 1, 4, 0.01);
        assertEquals(0.10756, EXACT.m4Risk(m4, 10), 0.5e-5);
        assertEquals(99.75, EXACT.m4ContinuousOptimum(m4, 1e-4), 1e-9);
    }

    @Test
    void mixtureSlopeTable() {
        assertEquals(0.75, EXACT.mixtureSlope(1, 1, 0.005, 0.5, 4e4), 1e-12);
        assertEquals(4e4, EXACT.mixtureCrossover(1, 1, 0.005, 0.5), 1e-6);
        assertEquals(0.510, EXACT.mixtureSlope(1, 1, 0.005, 0.5, 1e8), 0.5e-3);
        assertEquals(1.0, RiskTheoryModel.exact().withFastestChannelDominating().mixtureSlope(1, 1, 0.005, 0.5, 1e8), 0);
    }

    @Test
    void regimeTableIsTheSpecs() {
        Regime.Rule rule = Regime.Rule.defaults();
        for (int i = 0; i < PhaseDiagramClaim.TAU2.length; i++) {
            for (int k = 0; k < PhaseDiagramClaim.RHO.length; k++) {
                Regime r = EXACT.m3Regime(rule, M3Task.normalised(PhaseDiagramClaim.RHO[k], 10, PhaseDiagramClaim.TAU2[i]));
                assertEquals(PhaseDiagramClaim.SPEC_LABELS[i][k], r.label(), "tau2 " + PhaseDiagramClaim.TAU2[i] + ", rho " + PhaseDiagramClaim.RHO[k]);
            }
        }
        String t1 = PhaseDiagramClaim.asciidoc(EXACT);
        assertTrue(t1.contains("T1′") && t1.contains("|0.05 |DC |DC |DC |SS") && t1.contains("43088"), t1);
    }

    @Test
    void mutantsChangeTheirPrediction() {
        M3Task t = new M3Task(0.75, 0.5, 10, 1, 0, Double.POSITIVE_INFINITY);
        assertEquals(0.6, EXACT.withAlphaShift(0.1).m3Alpha(t), 1e-15);
        assertEquals(0.5 * 0.5 / 1e-6, EXACT.withoutCStarPower().cStar(0.5, 0.5, 1e-6), 1e-6);
        assertEquals(1.25 * Math.exp(-2 * 0.1865), EXACT.cmiAsEquivalence().probedRisk(1.25, 0.1865, 0), 1e-12);
        assertEquals(1.25, EXACT.probedRisk(1.25, 0.1865, 0), 0);
        double[][] sig = {{1}};
        assertEquals(2 * EXACT.withoutLyapunovEtaTerm().lyapunovStationary(new double[] {1}, sig, 1)[0][0],
                EXACT.lyapunovStationary(new double[] {1}, sig, 1)[0][0], 1e-15);
    }
}
