package org.ftverify.theory.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Gaps found by mutation testing (docs/verification-strength.adoc): the trapezoid rule was only reached through
 * LoraDrift's static tables (built once per JVM, so no test saw a change to it), and the lora model's input checks
 * had no test of their messages or their edges.
 */
class LoraRulesAndInputsTest {
    @Test
    void trapezoidRuleIntegratesSmoothGaussianExpectations() {
        for (double h : new double[] {0.3, 0.6, 1e-3 * 50}) {
            GaussianRule g = GaussianRule.trapezoid(h);
            assertEquals(2 * (int) Math.ceil(GaussianRule.TRAPEZOID_CUTOFF / h) + 1, g.size(), "nodes k·h for |k| <= ceil(cutoff/h)");
            // spectrally accurate for entire integrands: error ~ exp(-2 pi^2 / h^2) plus the |z| > 9 tail (~1e-18)
            assertEquals(1, g.expect(z -> 1), 1e-12, "mass, h = " + h);
            assertEquals(1, g.expect(z -> z * z), 1e-12, "E z^2, h = " + h);
            assertEquals(3, g.expect(z -> z * z * z * z), 1e-11, "E z^4, h = " + h);
            assertEquals(Math.exp(-0.5), g.expect(Math::cos), 1e-12, "E cos z, h = " + h);
            assertEquals(Math.exp(0.5), g.expect(Math::exp), 1e-11, "E e^z (odd part checks the node signs), h = " + h);
        }
        assertEquals(0.3, GaussianRule.trapezoid(0.3).node(GaussianRule.trapezoid(0.3).size() / 2 + 1), 1e-15, "the node after 0 is h");
    }

    @Test
    void ruleParametersHaveOneLineErrorsAndInclusiveEdges() {
        assertMessage(() -> GaussianRule.hermite(0), "n: Gauss–Hermite points must be in [1, ");
        assertMessage(() -> GaussianRule.hermite(181), "n: Gauss–Hermite points must be in [1, ");
        assertEquals(180, GaussianRule.hermite(180).size());
        assertEquals(1, GaussianRule.hermite(1).size());
        assertMessage(() -> GaussianRule.trapezoid(0.9e-3), "h: trapezoid step must be in [0.001, 1]");
        assertMessage(() -> GaussianRule.trapezoid(1.01), "h: trapezoid step must be in [0.001, 1]");
        assertEquals(19, GaussianRule.trapezoid(1).size());
        assertEquals(18001, GaussianRule.trapezoid(1e-3).size());
    }

    @Test
    void modelInputsHaveOneLineErrors() {
        LoraTheoryModel x = LoraTheoryModel.exact();
        Activation lin = Activation.parse("lin");
        String mu = "mu: pre-training strength must be in [0, 1], got ";
        assertMessage(() -> x.A(lin, 1.5), mu + "1.5");
        assertMessage(() -> x.B(lin, -0.1), mu + "-0.1");
        assertMessage(() -> x.loss(lin, 2, 1, 0.5), mu + "2");
        assertMessage(() -> x.kappaSlow(lin, -1, 1), mu + "-1");
        assertMessage(() -> x.linearNoisePlateau(1.1, 1), mu + "1.1");
        assertMessage(() -> x.integrate(lin, 1.2, 1, 1, 0.5, 1, List.of()), mu + "1.2");
        assertMessage(() -> x.integrate(lin, 0.5, 1, 1, 1.5, 1, List.of()), "m: overlap must be in [-1, 1], got 1.5");
        assertMessage(() -> x.integrate(lin, 0.5, 0, 1, 0.5, 1, List.of()), "gamma: must be finite and > 0");
        assertMessage(() -> x.integrate(lin, 0.5, 1, Double.NaN, 0.5, 1, List.of()), "u0: must be finite");
        assertTrue(Double.isFinite(x.A(lin, 0)) && Double.isFinite(x.A(lin, 1)), "mu = 0 and mu = 1 are in the domain");
    }

    @Test
    void seriesFormInputs() {
        assertMessage(() -> SaddleRates.seriesA(0, 0.5), "K: Hermite order must be in [1, 12], got 0");
        assertMessage(() -> SaddleRates.seriesB(13, 0.5), "K: Hermite order must be in [1, 12], got 13");
        assertMessage(() -> SaddleRates.seriesB(2, 0), "mu: the series form needs mu in (0, 1], got 0");
        assertMessage(() -> SaddleRates.seriesB(2, 1.5), "mu: the series form needs mu in (0, 1], got 1.5");
        assertTrue(Double.isFinite(SaddleRates.seriesB(12, 1)) && Double.isFinite(SaddleRates.seriesB(1, 1)), "K = 1, 12 and mu = 1 allowed");
    }

    private static void assertMessage(Executable e, String prefix) {
        String m = assertThrows(IllegalArgumentException.class, e).getMessage();
        assertTrue(m.startsWith(prefix), m);
    }
}
