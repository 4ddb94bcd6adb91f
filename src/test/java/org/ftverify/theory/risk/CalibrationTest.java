package org.ftverify.theory.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ftverify.evidence.SampleStats;
import org.ftverify.simd.GaussianSampler;
import org.junit.jupiter.api.Test;

/** Algorithm 1 on exact envelopes, on noisy probes against its error law, and its identifiability rule. */
class CalibrationTest {
    private static final double[] DEPTHS = {3, 6, 11, 22, 43, 84, 162, 316};

    @Test
    void exactEnvelopeIsRecovered() {
        double alpha = 0.7, k = 2.5, lInt = 0.3, off = 9.5;
        double[] u = new double[DEPTHS.length], se = new double[DEPTHS.length];
        for (int j = 0; j < u.length; j++) {
            u[j] = lInt + k * Math.pow(DEPTHS[j] + off, -alpha);
            se[j] = 1e-9;
        }
        Calibration.Fit fit = Calibration.calibrate(DEPTHS, u, se, lInt, off);
        assertTrue(fit.identifiable());
        assertEquals(alpha, fit.alpha(), 1e-12);
        assertEquals(k, fit.k(), 1e-11);
        assertEquals(RiskTheoryModel.exact().budget().cStar(alpha, k, 1e-6), fit.budgetOptimalDepth(RiskTheoryModel.exact(), 1e-6), 1e-6);
    }

    /** Fork estimates of Gaussian R are L chi2_{M(B-1)}/(M(B-1)); 400 replicate fits have the sd the law predicts (±15%). */
    @Test
    void errorLawMatchesReplicateSpread() {
        M3Task task = new M3Task(0.75, 0.5, 10, 1, 0.002, Double.POSITIVE_INFINITY);
        int m = 200, b = 11, dof = m * (b - 1), reps = 400;
        double[] v = new double[DEPTHS.length], x = CalibrationAlgorithm1Claim.regressors(new int[] {3, 6, 11, 22, 43, 84, 162, 316}, 9.5);
        for (int j = 0; j < v.length; j++) v[j] = task.remainingNoise(DEPTHS[j]);
        GaussianSampler g = new GaussianSampler(7);
        double[] alphas = new double[reps];
        double[] z = new double[dof];
        for (int r = 0; r < reps; r++) {
            double[] u = new double[DEPTHS.length], se = new double[DEPTHS.length];
            for (int j = 0; j < u.length; j++) {
                g.fill(z, dof);
                double chi = 0;
                for (double zi : z) chi += zi * zi;
                double l = task.tau2 + v[j];
                u[j] = l * chi / dof;
                se[j] = l * Math.sqrt(2.0 / dof);
            }
            Calibration.Fit fit = Calibration.calibrate(DEPTHS, u, se, task.tau2, 9.5);
            assertTrue(fit.identifiable());
            alphas[r] = fit.alpha();
        }
        double law = Calibration.errorLaw(m, b, task.tau2, v, x);
        double sd = Math.sqrt(SampleStats.variance(alphas));
        assertEquals(0.5, SampleStats.mean(alphas), 4 * sd / Math.sqrt(reps) + 0.002, "unbiased up to the midpoint rule's O(c^-2) residue");
        assertEquals(1, sd / law, 0.15, "replicate sd " + sd + " vs law " + law);
    }

    @Test
    void identifiabilityRuleRefusesNoisyDepths() {
        double[] u = new double[DEPTHS.length], se = new double[DEPTHS.length];
        for (int j = 0; j < u.length; j++) {
            u[j] = 1 + 1e-3 * Math.pow(DEPTHS[j], -2);
            se[j] = 0.01;
        }
        Calibration.Fit fit = Calibration.calibrate(DEPTHS, u, se, 1, 9.5);
        assertFalse(fit.identifiable());
        assertTrue(Double.isNaN(fit.alpha()) && Double.isNaN(fit.budgetOptimalDepth(RiskTheoryModel.exact(), 1e-6)));
        assertTrue(fit.note().startsWith("0 of 8 depths"), fit.note());
    }
}
