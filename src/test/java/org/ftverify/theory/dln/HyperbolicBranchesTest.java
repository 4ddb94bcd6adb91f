package org.ftverify.theory.dln;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The series branches of {@link Hyperbolic} (|u| < 1e-3 for g and ℓ, |x| < 1e-8 and > 1e8 for asinh) against the
 * other form at the switch point and against values written out by hand, and P6's sensitivity away from b_PT = 1
 * (mutation testing found both unexercised: docs/verification-strength.adoc).
 */
class HyperbolicBranchesTest {

    @Test
    void gSeriesValueAndContinuityAtTheSwitch() {
        // u²/2 − u⁴/24 at u = 1e-4 (the u⁶ term is 1e-26 of it)
        assertEquals(5e-9 - 1e-16 / 24, Hyperbolic.g(1e-4), 1e-24);
        assertEquals(Hyperbolic.g(1e-4), Hyperbolic.g(-1e-4), 0);
        // just below 1e-3 the series, just above the closed form: they differ by g'(u)·Δu = asinh(1e-3)·2e-12 to 1e-22, while the
        // series' last term u⁶/80 is 1.25e-20 there
        double lo = 1e-3 * (1 - 1e-9), hi = 1e-3 * (1 + 1e-9);
        assertEquals(Math.log(1e-3 + Math.sqrt(1 + 1e-6)) * (hi - lo), Hyperbolic.g(hi) - Hyperbolic.g(lo), 3e-21);
    }

    @Test
    void asinhBranches() {
        assertEquals(0.48121182505960347, Hyperbolic.asinh(0.5), 1e-16);
        assertEquals(-1.8184464592320668, Hyperbolic.asinh(-3), 4e-16);
        // tiny: asinh x = x − x³/6, the cube is 1e-18 of x
        assertEquals(3e-9, Hyperbolic.asinh(3e-9), 1e-25);
        assertEquals(-3e-9, Hyperbolic.asinh(-3e-9), 1e-25);
        // huge: asinh x = ln(2x) + 1/(4x²)
        assertEquals(Math.log(2e10), Hyperbolic.asinh(1e10), 4e-15);
        assertEquals(-Math.log(6e12), Hyperbolic.asinh(-3e12), 4e-15);
        // beyond 1e154 the middle form's a² overflows (inf/inf): the huge branch is not only a shortcut
        assertEquals(Math.log(2e200), Hyperbolic.asinh(1e200), 1e-12);
        // the switches: both forms agree to round-off
        double small = 1e-8 * (1 + 1e-12), large = 1e8 * (1 - 1e-12);
        assertEquals(small, Hyperbolic.asinh(small), 1e-23);
        assertEquals(Math.log(2 * large), Hyperbolic.asinh(large), 4e-15);
    }

    @Test
    void potentialIsScaledG() {
        // q_k(z) = (√k/4) g(2z/√k): at k = 4, z = 1, g(1) = asinh 1 − 1/(1 + √2)
        assertEquals(0.5 * (Math.log(1 + Math.sqrt(2)) - 1 / (1 + Math.sqrt(2))), Hyperbolic.q(4, 1), 1e-15);
        assertEquals(0.25 * Hyperbolic.g(-6), Hyperbolic.q(1, -3), 1e-15);
    }

    @Test
    void regimeIVIsTheModeratelyImbalancedTaskOnly() {
        assertTrue(DlnModel.isRegimeIV(ReplicaSimulationClaim.task("IV", "w1-r0.1")));
        for (String r : new String[] {"I", "II", "III", "baseline"})
            assertFalse(DlnModel.isRegimeIV(ReplicaSimulationClaim.task(r, "w1-r0.1")), r);
        assertTrue(DlnModel.isRegimeIV(new FtTask(0.1, 0.1, 1, 1e-3, -0.5, 0, 1)), "λ_n = −0.5 is the edge, included");
        assertFalse(DlnModel.isRegimeIV(new FtTask(0.1, 0.1, 1, 1e-3, -0.49, 0, 1)));
        assertFalse(DlnModel.isRegimeIV(new FtTask(0.1, 0.1, 1, 1e-3, -0.99, 1e-3, 1)), "a readout reset is not Regime IV");
        assertFalse(DlnModel.isRegimeIV(new FtTask(0.1, 0.1, 1, 1e-3, -0.9999, 0, 1)), "λ_n = −0.9999 belongs to Regime I's side");
    }

    @Test
    void lOrderSeriesValueAndContinuityAtTheSwitch() {
        // 2 − u²/6 + 31u⁴/360 at u = 1e-4
        assertEquals(2 - 1e-8 / 6 + 31e-16 / 360, Hyperbolic.lOrder(1e-4, 1.0 / 6), 1e-16);
        double lo = 1e-3 * (1 - 1e-9), hi = 1e-3 * (1 + 1e-9);
        // the slope −u/3 moves ℓ by 7e-16 over the step; the u⁴ term is 8.6e-14 here
        assertEquals(Hyperbolic.lOrder(hi, 1.0 / 6), Hyperbolic.lOrder(lo, 1.0 / 6), 2e-14);
        assertEquals(Hyperbolic.lOrder(0.7, 1.0 / 6), Hyperbolic.lOrder(-0.7, 1.0 / 6), 0);
        double a = 1e6, as = Math.log(a + Math.sqrt(a * a + 1));
        assertEquals(a * as / (1 - Math.sqrt(1 + a * a) + a * as), Hyperbolic.lOrder(a, 1.0 / 6), 1e-14);
    }

    @Test
    void sensitivityIsTheLogDerivativeOfCftAwayFromUnitBpt() {
        DlnModel m = DlnModel.exact();
        double[][] points = {{0.5, 0.3, 2, 0.4}, {1e-2, -0.5, 0.3, 0}, {0.2, 0.1, 5, 1.5}};
        for (double[] q : points) {
            double c = q[0], ln = q[1], b = q[2], gamma = q[3], h = 1e-5;
            double numeric = (Math.log(m.cFt(c, ln * c, b * Math.exp(h), gamma)) - Math.log(m.cFt(c, ln * c, b * Math.exp(-h), gamma))) / (2 * h);
            assertEquals(numeric, m.sensitivity(c, ln, b, gamma), 1e-8, "s = dlog c_FT/dlog b_PT at c, λ_n, b_PT, γ = " + java.util.Arrays.toString(q));
        }
    }
}
