package org.ftverify.theory.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

class SimHelpersTest {

    @Test
    void populationLossMatchesTheClosedFormsOfLoraMd() {
        double[][] pts = {{0.3, 0.2, 0.5}, {0.7, -0.4, 0.9}, {0.1, 1.1, -0.3}, {0.5, 0.05, 0.2}};
        for (double[] p : pts) {
            double mu = p[0], u = p[1], m = p[2];
            double q = mu * mu + u * u + 2 * mu * u * m, r = mu + u * m;
            // theory page lora-loss: He1 and He2 (R, Q form), erf arcsin form.
            assertEquals(0.5 * ((1 - mu) * (1 - mu) + u * u - 2 * (1 - mu) * u * m), SimPopulationLoss.of(Activation.LIN, mu, u, m), 1e-13);
            assertEquals(0.5 * (3 * q * q - 2 * q + 1 - 4 * r * r + 2), SimPopulationLoss.of(Activation.HE2, mu, u, m), 1e-12);
            double erf = (Math.asin(2 * q / (1 + 2 * q)) + Math.asin(2.0 / 3) - 2 * Math.asin(2 * r / Math.sqrt(3 * (1 + 2 * q)))) / Math.PI;
            // erf' = (2/sqrt(pi)) exp(-z^2) is narrower than the Gaussian weight, so 40 nodes give only ~1e-9 (measured 1.7e-9).
            assertEquals(erf, SimPopulationLoss.of(Activation.ERF, mu, u, m), 1e-8, "erf at " + java.util.Arrays.toString(p));
        }
    }

    @Test
    void populationLossOfReluIsOnlyApproximate() {
        // Arc-cosine closed form: E[relu(a) relu(b)] = sqrt(Qa Qb)/(2 pi) (sin t + (pi - t) cos t), cos t = R/sqrt(Q).
        double mu = 0.5, u = 0.3, m = 0.4, q = mu * mu + u * u + 2 * mu * u * m, r = mu + u * m, t = Math.acos(r / Math.sqrt(q));
        double exact = 0.5 * (q / 2 + 0.5 - 2 * Math.sqrt(q) / (2 * Math.PI) * (Math.sin(t) + (Math.PI - t) * Math.cos(t)));
        double err = Math.abs(SimPopulationLoss.of(Activation.RELU, mu, u, m) - exact) / exact;
        System.out.printf("ReLU population loss: 40x40 Gauss-Hermite relative error %.2g%n", err);
        assertTrue(err < 1e-2, "ReLU loss relative error " + err);
    }

    @Test
    void gaussNodesIntegrateMomentsAndErf() {
        assertEquals(1, SimGauss.expect(z -> 1), 1e-14);
        assertEquals(3, SimGauss.expect(z -> z * z * z * z), 1e-12);
        // E[erf'(z)^2] = (4/pi)/sqrt(5): the P7a constant's ingredient; measured relative error 1.5e-7 (against P7a's 1%).
        double exact = 4 / Math.PI / Math.sqrt(5);
        assertEquals(exact, SimGauss.expect(z -> Math.pow(Activation.ERF.d1(z), 2)), 1e-6 * exact);
        assertEquals(0, SimGauss.expect(Erf::erf), 1e-15);
    }
}
