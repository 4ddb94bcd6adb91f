package org.ftverify.theory.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ftverify.simd.GaussianSampler;
import org.junit.jupiter.api.Test;

/**
 * Fast tests of the covariance dynamics and of M4's simulator, which only the claim suites (P4, P7) reached before
 * (mutation testing: no coverage, docs/verification-strength.adoc). Expected values are written from the definitions
 * (one step of S -> A S A' + eta^2 Sigma; Bayes' rule for a Gaussian latent), not from the code under test.
 */
class CovarianceAndM4SimulatorTest {
    private static final CovarianceTheory COV = RiskTheoryModel.exact().covariance();
    private static final double[] H = {0.4, 1.3, 2.2};
    private static final double[][] SIGMA = {{1.0, 0.3, -0.2}, {0.3, 0.8, 0.1}, {-0.2, 0.1, 1.5}};
    private static final double ETA = 0.3;

    @Test
    void driftIsOneStepOfTheCovarianceMapOverEta() {
        double[][] s = {{0.7, -0.1, 0.2}, {-0.1, 0.4, 0.05}, {0.2, 0.05, 0.9}};
        double[][] drift = COV.drift(H, SIGMA, ETA, s);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                // A = diag(1 - eta h) in H's eigenbasis: S'_ij = (1 - eta h_i)(1 - eta h_j) S_ij + eta^2 Sigma_ij
                double next = (1 - ETA * H[i]) * (1 - ETA * H[j]) * s[i][j] + ETA * ETA * SIGMA[i][j];
                assertEquals((next - s[i][j]) / ETA, drift[i][j], 1e-14, "drift " + i + j);
            }
        }
    }

    @Test
    void stationaryIsTheFixedPointAndTendsToTheContinuousOne() {
        double[][] s = COV.stationary(H, SIGMA, ETA), zero = COV.drift(H, SIGMA, ETA, s), cont = COV.continuous(H, SIGMA);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(0, zero[i][j], 1e-14);
                assertEquals(SIGMA[i][j], (H[i] + H[j]) * cont[i][j], 1e-14, "H S + S H = Sigma");
                double small = 1e-7;
                assertEquals(cont[i][j], COV.stationary(H, SIGMA, small)[i][j] / small, 1e-6 * Math.abs(cont[i][j]) + 1e-15);
            }
        }
    }

    @Test
    void transientsSolveTheirOdes() {
        double tau = 0.8, dt = 1e-5, eta0 = 0.2, kappa = 0.5;
        double[][] up = COV.transientAt(H, SIGMA, ETA, tau + dt), down = COV.transientAt(H, SIGMA, ETA, tau - dt), at = COV.transientAt(H, SIGMA, ETA, tau);
        double[][] upK = COV.transientDecayingStep(H, SIGMA, eta0, kappa, tau + dt), downK = COV.transientDecayingStep(H, SIGMA, eta0, kappa, tau - dt),
                atK = COV.transientDecayingStep(H, SIGMA, eta0, kappa, tau);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double r = H[i] + H[j];
                assertEquals(-r * at[i][j] + ETA * SIGMA[i][j], (up[i][j] - down[i][j]) / (2 * dt), 1e-8, "dS/dtau = -HS - SH + eta Sigma");
                assertEquals(-r * atK[i][j] + eta0 * Math.exp(-kappa * tau) * SIGMA[i][j], (upK[i][j] - downK[i][j]) / (2 * dt), 1e-8,
                        "dS/dtau with eta(tau) = eta0 e^-kappa tau");
                assertEquals(0, COV.transientAt(H, SIGMA, ETA, 0)[i][j], 0);
                assertEquals(0, COV.transientDecayingStep(H, SIGMA, eta0, kappa, 0)[i][j], 0);
                assertEquals(ETA * SIGMA[i][j] / r, COV.transientAt(H, SIGMA, ETA, 200)[i][j], 1e-14);
            }
        }
    }

    @Test
    void m4SimulatorReadsTheLatentOffTheIteratesWhenNoiseVanishes() {
        // Sigma, tau^2 -> 0: z_t = H theta* exactly, so both predictors recover g'theta* and R = g'theta*
        M4Task t = new M4Task(new double[] {0.5, 1.5}, new double[] {1e-20, 1e-20}, new double[] {0.7, -1.1}, 2, 1e-20, 0.3);
        M4Simulator sim = new M4Simulator(t);
        double[] bayes = new double[3], ols = new double[3];
        double r = sim.run(new int[] {0, 3, 40}, bayes, ols, sim.scratch(), GaussianSampler.stream(7, 1));
        assertEquals(0, bayes[0], 0, "prior mean at c = 0");
        assertTrue(Double.isNaN(ols[0]), "no OLS at c = 0");
        for (int k = 1; k < 3; k++) {
            assertEquals(r, bayes[k], 1e-8 * (1 + Math.abs(r)));
            assertEquals(r, ols[k], 1e-8 * (1 + Math.abs(r)));
        }
    }

    @Test
    void m4SimulatorMeanSquaredErrorsMatchBayesRule() {
        double[] h = {0.6, 1.8}, s2 = {0.5, 2.0}, g = {1.0, -0.6};
        double v0 = 1.5, tau2 = 0.05;
        M4Task t = new M4Task(h, s2, g, v0, tau2, 0.4);
        M4Simulator sim = new M4Simulator(t);
        int n = 20_000, c = 6;
        double[] bayesErr = new double[n], olsErr = new double[n];
        double[][] scratch = sim.scratch();
        double[] b = new double[1], o = new double[1];
        for (int i = 0; i < n; i++) {
            double r = sim.run(new int[] {c}, b, o, scratch, GaussianSampler.stream(11, i));
            bayesErr[i] = (r - b[0]) * (r - b[0]);
            olsErr[i] = (r - o[0]) * (r - o[0]);
        }
        double bayes = tau2, ols = tau2;
        for (int i = 0; i < 2; i++) {
            double j = h[i] * h[i] / s2[i];
            bayes += g[i] * g[i] / (1 / v0 + c * j); // posterior variance of theta*_i after c observations of h theta* + noise
            ols += g[i] * g[i] / (c * j); // variance of mean(z_i)/h_i
        }
        double seB = org.ftverify.evidence.SampleStats.se(bayesErr), seO = org.ftverify.evidence.SampleStats.se(olsErr);
        assertEquals(bayes, org.ftverify.evidence.SampleStats.mean(bayesErr), 5 * seB);
        assertEquals(ols, org.ftverify.evidence.SampleStats.mean(olsErr), 5 * seO);
        // a squared Gaussian error has relative SE sqrt(2/n); a broken run would inflate its own band
        assertTrue(seB < 2 * Math.sqrt(2.0 / n) * bayes && seO < 2 * Math.sqrt(2.0 / n) * ols, "SE " + seB + ", " + seO);
    }
}
