package org.ftverify.theory.dln;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The P9/P10 time scales away from β* = 1: the mutant tests run at β* = 1, where β*² = β* = 1/β*, so mutation
 * testing found that a formula with β* in the wrong place passed them (docs/verification-strength.adoc). Expected
 * values from the theory page's formulas (anchors dln-p9, dln-p10), written out by hand.
 */
class TimeScaleFormulaTest {
    private final DlnModel exact = DlnModel.exact();

    @Test
    void localRateIsSqrtOfKPlusFourBetaSquared() {
        assertEquals(Math.sqrt(16.5), exact.localRate(0.5, 2), 1e-15);
        assertEquals(Math.sqrt(0.01 + 0.36), exact.localRate(0.01, 0.3), 1e-15);
    }

    @Test
    void escapeTimeIsLogOfTwoBetaOverCOverTwoBeta() {
        assertEquals(Math.log(4e6) / 4, exact.escapeTime(1e-6, 2), 1e-13);
        assertEquals(Math.log(0.6 / 1e-3) / 0.6, exact.escapeTime(1e-3, 0.3), 1e-13);
    }
}
