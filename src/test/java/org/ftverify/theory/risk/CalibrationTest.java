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
        double[] alphas = new double[reps], sdAlphas = new double[reps], logKs = new double[reps], sdLogKs = new double[reps];
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
            sdAlphas[r] = fit.sdAlpha();
            logKs[r] = Math.log(fit.k());
            sdLogKs[r] = fit.sdLogK();
        }
        double law = Calibration.errorLaw(m, b, task.tau2, v, x);
        double sd = Math.sqrt(SampleStats.variance(alphas));
        assertEquals(1, SampleStats.mean(sdAlphas) / law, 0.05, "the fit's own sd(alpha) from the per-depth SEs is the error law");
        assertEquals(1, SampleStats.mean(sdLogKs) / Math.sqrt(SampleStats.variance(logKs)), 0.15, "the fit's sd(log K) vs the replicate spread");
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

    /**
     * The replicate test above runs where L_int is small against V(c_j) and sd(x) is near 1, so it cannot see the
     * 1 + L_int/V factor or whether sd(x) divides; this pins the law at a point where both matter (value computed by
     * hand: sqrt(2/(50*4)) * rms(1 + 0.4/V) / (sqrt(4) * 1.74553)).
     */
    @Test
    void errorLawAtAPointWhereEveryFactorMatters() {
        double law = Calibration.errorLaw(50, 5, 0.4, new double[] {0.8, 0.4, 0.2, 0.1}, new double[] {0, 1, 3, 4.5});
        assertEquals(0.09086479107118586, law, 1e-14);
    }

    /** MIN_DEPTHS depths, all usable, are enough; one fewer usable depth is not. */
    @Test
    void exactlyTheMinimumNumberOfDepthsIsIdentifiable() {
        double[] c = {3, 10, 30}, u = new double[3], se = {1e-6, 1e-6, 1e-6};
        for (int j = 0; j < 3; j++) u[j] = 2 * Math.pow(c[j], -0.5);
        Calibration.Fit fit = Calibration.calibrate(c, u, se, 0, 0);
        assertTrue(fit.identifiable(), fit.note());
        assertEquals(0.5, fit.alpha(), 1e-12);
        double[] c4 = {3, 10, 30, 100}, u4 = {u[0], u[1], u[2], 1e-7}, se4 = {1e-6, 1e-6, 1e-6, 1e-6};
        assertTrue(Calibration.calibrate(c4, u4, se4, 0, 0).identifiable(), "3 of 4 usable depths suffice");
        u4[2] = 1e-7;
        Calibration.Fit two = Calibration.calibrate(c4, u4, se4, 0, 0);
        assertFalse(two.identifiable());
        assertTrue(two.note().startsWith("2 of 4 depths"), two.note());
    }
}
