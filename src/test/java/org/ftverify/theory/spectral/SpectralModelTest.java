package org.ftverify.theory.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ftverify.simd.GaussianSampler;
import org.junit.jupiter.api.Test;

/**
 * The model's formulas at points where every factor matters, against values computed independently (numpy, four
 * digits) and against elementary identities; each mutant switch moves its formula the way its name says. The claims
 * check these formulas against simulations; this fast test pins them for mutation testing.
 */
class SpectralModelTest {
    private static final SpectralModel X = SpectralModel.exact();

    @Test
    void bgnLimitsAtReferencePoints() {
        double[][] ref = {{1.5, 1.9930, 0.7374, 0.6239}, {2, 2.3717, 0.8611, 0.7750}, {3, 3.2489, 0.9415, 0.8944}}; // c = 0.5
        for (double[] r : ref) {
            assertEquals(r[1], X.bgnValue(r[0], 0.5), 5e-5);
            assertEquals(r[2], X.rhoU(r[0], 0.5), 5e-5);
            assertEquals(r[3], X.rhoV(r[0], 0.5), 5e-5);
        }
        // c >= 1 above the threshold (PIT: a threshold test that ignored theta survived the c = 0.5 points)
        assertEquals(2.5, X.bgnValue(2, 1), 1e-15);
        assertEquals(Math.sqrt(30) / 2, X.bgnValue(2, 2), 1e-15);
        assertEquals(15.0 / 20, X.rhoU(2, 1), 1e-15);
        // below the threshold c^(1/4): bulk edge and no overlap
        assertEquals(1 + Math.sqrt(2), X.bgnValue(1.1, 2), 1e-15);
        assertEquals(0, X.rhoU(1.1, 2), 0);
        assertEquals(0, X.rhoV(1.1, 2), 0);
        // n* = sigma^2 sqrt(m p)/theta^2
        assertEquals(2.0 * 2.0 * Math.sqrt(200 * 400) / (1.5 * 1.5), X.detectableSampleSize(2, 1.5, 200, 400), 1e-9);
        SpectralModel moved = X.with(SpectralModel.Error.BGN_THRESHOLD_MOVED);
        assertTrue(moved.rhoU(1.5, 0.5) < X.rhoU(1.5, 0.5) - 0.05);
        assertEquals(1 + Math.sqrt(0.5), moved.bgnValue(0.9, 0.5), 1e-15); // 0.9 < 1.2·0.5^(1/4) = 1.009
    }

    @Test
    void sharedNoiseOverlapAtReferencePoints() {
        double[][] ref = { // c, theta1, theta2, S_u, S_v, rho_u rho_u
                {0.5, 1.5, 2, 0.9689, 0.9637, 0.6350}, {0.5, 2, 4, 0.9557, 0.9359, 0.8334}, {1, 1.5, 3, 0.8163, 0.8163, 0.4938},
                {2, 1.5, 2, 0.8578, 0.8615, 0.1868}, {2, 1.5, 3, 0.6565, 0.6761, 0.2556}};
        for (double[] r : ref) {
            assertEquals(r[3], X.sharedU(r[1], r[2], r[0]), 5e-5);
            assertEquals(r[4], X.sharedV(r[1], r[2], r[0]), 5e-5);
            SpectralModel ind = X.with(SpectralModel.Error.SHARED_NOISE_AS_INDEPENDENT);
            assertEquals(r[5], ind.sharedU(r[1], r[2], r[0]), 5e-5);
            assertEquals(X.rhoV(r[1], r[0]) * X.rhoV(r[2], r[0]), ind.sharedV(r[1], r[2], r[0]), 1e-15);
        }
        assertEquals(1, X.sharedU(1.7, 1.7, 0.5), 1e-12);
        // stability at time t: S_u(theta_eff, theta_eff + (e^t - 1) theta'/s_n)
        assertEquals(X.sharedU(2, 2 + Math.expm1(0.7) * 1.5 / 0.5, 0.5), X.stability(2, 0.7, 1.5, 0.5, 0.5), 1e-15);
    }

    @Test
    void bbpLimitsAtReferencePoints() {
        assertEquals(3.75, X.bbpEigenvalue(2, 0.5), 1e-12);
        assertEquals(0.70, X.bbpOverlap(2, 0.5), 1e-12);
        assertEquals(5.625, X.bbpEigenvalue(4, 0.5), 1e-12);
        assertEquals(0.8611, X.bbpOverlap(4, 0.5), 5e-5);
        assertEquals(0.5, X.bbpOverlap(2, 1), 1e-12);
        assertEquals(Math.pow(1 + Math.sqrt(0.5), 2), X.bbpEigenvalue(0.6, 0.5), 1e-12); // below sqrt(gamma)
        assertEquals(0, X.bbpOverlap(0.6, 0.5), 0);
        assertEquals((1 - 1.44 / 4) / 1.5, X.with(SpectralModel.Error.BBP_THRESHOLD_MOVED).bbpOverlap(2, 1), 1e-12);
    }

    @Test
    void firstOrderCoefficientsAtReferencePoint() {
        double[] sigma = FirstOrderClaim.spectrum(60); // 10, 8, 6, 4, linspace(1, 0.2, 56)
        double[] u = {0.7432, 1.1811, 1.9017, 3.9723}, v = {1.1432, 1.8061, 3.0128, 6.4723}; // p = 100
        for (int i = 0; i < 4; i++) {
            assertEquals(u[i], X.firstOrderU(sigma, i), 5e-5);
            assertEquals(v[i], X.firstOrderV(sigma, i, 100), 5e-5);
            assertEquals(u[i], X.with(SpectralModel.Error.FIRST_ORDER_V_EXTRA_DIMENSIONS_DROPPED).firstOrderV(sigma, i, 100), 5e-5);
        }
        assertEquals(0.2, sigma[59], 1e-15);
    }

    @Test
    void boundsAndDynamics() {
        assertEquals(0.3, X.weylBound(0.3), 0);
        assertEquals(0.2 / (5 - 3), X.wedinBound(0.2, 5, 3), 1e-15);
        assertEquals(0.2 / 5, X.with(SpectralModel.Error.WEDIN_GAP_DROPPED).wedinBound(0.2, 5, 3), 1e-15);
        assertEquals(0.2 / (5 - 3 - 0.2), X.wedinW0Bound(0.2, 5, 3), 1e-15);
        assertEquals(0.2 / (5 - 0.2), X.with(SpectralModel.Error.WEDIN_GAP_DROPPED).wedinW0Bound(0.2, 5, 3), 1e-15);
        assertEquals(2 * 0.2 / 1.5, X.dilationBound(0.2, 1.5), 1e-15);
        double t = 0.7;
        assertEquals(Math.exp(-t) * 3 + (1 - Math.exp(-t)) * 1.2, X.m2Coefficient(t, 3, 1.2), 1e-14);
        assertEquals(1 - Math.exp(-2.5 * t), X.gfRelaxation(t, 2.5), 1e-15);
        assertEquals(2.0 / (1 + (2.0 / 0.5 - 1) * Math.exp(-4 * t)), X.m3Coefficient(t, 0.5, 2), 1e-14);
        assertEquals(2 + (0.5 - 2) * Math.exp(-4 * t), X.with(SpectralModel.Error.M3_LINEAR_INSTEAD_OF_LOGISTIC).m3Coefficient(t, 0.5, 2), 1e-14);
        assertEquals(Math.log(1 + 2 / (1.8 - 1)), X.crossingTime(2, 1, 1.8), 1e-15);
        assertEquals(Math.log(1 + 2 / 1.8), X.with(SpectralModel.Error.CROSSING_IGNORES_TARGET).crossingTime(2, 1, 1.8), 1e-15);
    }

    @Test
    void frozenBasisFormulas() {
        assertEquals(1.3, X.coefficientRate(1.3), 0);
        assertEquals(0.65, X.withScale("coefficient-rate", 0.5).coefficientRate(1.3), 1e-15);
        assertEquals(0.6 / 1.5, X.optimalCoefficient(0.6, 1.5), 1e-15);
        assertEquals(10 - 4, X.frozenResidual(10, 4, 7, false), 1e-15);
        assertEquals(10 - 7, X.frozenResidual(10, 4, 7, true), 1e-15);
        assertEquals(10 - 7, X.with(SpectralModel.Error.RESIDUAL_WITHOUT_OFF_DIAGONAL).frozenResidual(10, 4, 7, false), 1e-15);
        assertEquals(-1.3 * 0.4, X.coefficientDrift(0.4, 1.3, 2), 1e-15);
        assertEquals(0.4 * Math.exp(-1.3 * 0.8), X.coefficientDisplacement(0.8, 0.4, 1.3, 2), 1e-15);
    }

    @Test
    void transientMutantSolvesItsOwnDriftAndVanishesAtTheOptimum() {
        SpectralModel w = X.with(SpectralModel.Error.COEFFICIENT_DRIFT_TRANSIENT_TERM);
        assertEquals(0, w.coefficientDrift(0, 1.3, 2), 0);
        assertEquals(-1.3 * 0.4 - 0.25 * 1.3 * 0.16, w.coefficientDrift(0.4, 1.3, 2), 1e-15);   // -(rate/2) x|x|/sigma_i, sigma_i = 2
        assertEquals(-1.3 * -0.4 + 0.25 * 1.3 * 0.16, w.coefficientDrift(-0.4, 1.3, 2), 1e-15);
        for (double x0 : new double[] {0.9, -0.9}) {
            double t = 0.6, h = 1e-5;
            double x = w.coefficientDisplacement(t, x0, 1.3, 2);
            double dxdt = (w.coefficientDisplacement(t + h, x0, 1.3, 2) - w.coefficientDisplacement(t - h, x0, 1.3, 2)) / (2 * h);
            assertEquals(w.coefficientDrift(x, 1.3, 2), dxdt, 1e-8);
            assertEquals(x0, w.coefficientDisplacement(0, x0, 1.3, 2), 1e-15);
        }
    }

    @Test
    void parameterCounts() {
        assertEquals(124_645_632L, ParameterBudgetClaim.total(ParameterBudgetClaim.ENCODERS.get(0)));
        assertEquals(355_359_744L, ParameterBudgetClaim.total(ParameterBudgetClaim.ENCODERS.get(1)));
        assertEquals(12, X.coefficientsPerMatrix(12, false));
        assertEquals(144, X.coefficientsPerMatrix(12, true));
        assertEquals(8 * (768 + 3072), X.loraPerMatrix(8, 768, 3072));
        assertEquals(8 * 768, X.with(SpectralModel.Error.LORA_ONE_FACTOR).loraPerMatrix(8, 768, 3072));
        assertEquals(64, ParameterBudgetClaim.trainableDirections(8, true, 3));
        assertEquals(30, ParameterBudgetClaim.trainableDirections(30, false, 3));
    }

    @Test
    void studentQuantileAndBias() {
        assertEquals(4.0, RmtTolerance.tQuantile(1_000_000), 1e-3);  // large R: the Gaussian 4 SEs
        assertEquals(8.467, RmtTolerance.tQuantile(7), 2e-3); // numerical integration of the t density
        assertEquals(10, RmtTolerance.biasConstant(3), 1e-12);
        assertEquals(8, RmtTolerance.reps(1, 10, 400));
        assertEquals(32, RmtTolerance.reps(32, 200, 200));
        assertThrows(IllegalArgumentException.class, () -> RmtTolerance.of(new double[] {1}, 10, 1));
        // the band's value: k sd/sqrt(R) + C/d (PIT: sd·sqrt(R) in place of sd/sqrt(R) survived, a band R times too wide)
        double[] sample = {0, 1, 0, 1, 0, 1, 0, 1};
        double sd = Math.sqrt(8 / 7.0 * 0.25);
        assertEquals(RmtTolerance.tQuantile(7) * sd / Math.sqrt(8) + 3.0 / 200, RmtTolerance.of(sample, 200, 3).value(), 1e-12);
    }

    @Test
    void sgdIncrementsHaveTheGradientAsMean() {
        // m = p = 2, k = 1, W(s) - W* = diag(1, 0), A = 0: x ~ N(0, ridge I); increment -(u^T r)(v^T x) with u = v = e1 has mean -ridge
        double[] map = {1, 0, 0, 0}, a = new double[4], ut = {1, 0}, vt = {1, 0}, out = new double[2];
        new CoefficientSgd(2, 2, 1, map, a, 0.3, ut, vt).drift(GaussianSampler.stream(5, 0), 200_000, out);
        assertEquals(-0.3, out[0], 5 * out[1]);
        assertTrue(out[1] < 0.3 * Math.sqrt(2) * 1.1 / Math.sqrt(200_000)); // sd of x1^2 ridge is sqrt 2 ridge
        assertThrows(IllegalArgumentException.class, () -> new CoefficientSgd(2, 2, 1, map, a, -1, ut, vt));
        assertThrows(IllegalArgumentException.class, () -> new CoefficientSgd(2, 3, 1, map, a, 0.1, ut, vt));
    }
}
