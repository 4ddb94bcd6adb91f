package org.ftverify.theory.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GaussianRuleTest {
    @Test
    void reproducesGaussianMomentsExactlyUpToDegree2nMinus1() {
        for (int n : new int[] {4, 12, 40, 100, 120, 180}) {
            GaussianRule g = GaussianRule.hermite(n);
            double dfact = 1; // (2k-1)!!
            for (int k = 0; 2 * k <= Math.min(2 * n - 1, 40); k++) {
                if (k > 0) dfact *= 2 * k - 1;
                final int p = 2 * k;
                double moment = g.expect(z -> Math.pow(z, p));
                assertEquals(1, moment / dfact, 1e-12, "E z^" + p + " with " + n + " points");
                final int odd = 2 * k + 1;
                assertEquals(0, g.expect(z -> Math.pow(z, odd)), 1e-12 * dfact * (2 * k + 1));
            }
        }
    }

    @Test
    void nonPolynomialExpectationConverges() {
        // E[cos z] = e^{-1/2}
        assertEquals(Math.exp(-0.5), GaussianRule.hermite(40).expect(Math::cos), 1e-14);
        // ... and a 2-point rule is visibly wrong: the test can fail
        assertTrue(Math.abs(GaussianRule.hermite(2).expect(Math::cos) - Math.exp(-0.5)) > 1e-3);
    }

    @Test
    void rejectsBadSize() {
        assertThrows(IllegalArgumentException.class, () -> GaussianRule.hermite(0));
        assertThrows(IllegalArgumentException.class, () -> GaussianRule.hermite(181));
    }
}
