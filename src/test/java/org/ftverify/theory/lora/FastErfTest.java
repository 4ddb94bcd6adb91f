package org.ftverify.theory.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

class FastErfTest {
    @Test
    void matchesHipparchusOnDenseGrid() {
        double worst = 0;
        for (int i = -80_000; i <= 80_000; i++) {
            double x = i * 1e-4 + 0.3e-5; // off the knots
            worst = Math.max(worst, Math.abs(FastErf.erf(x) - Erf.erf(x)));
        }
        System.out.printf("FastErf max |error| vs Hipparchus on [-8, 8]: %.3g%n", worst);
        // bound of the quintic Hermite interpolant ~1e-15 plus Hipparchus' own ~1e-16 rounding
        assertTrue(worst < 5e-15, "max error " + worst);
    }

    @Test
    void oddAndSaturating() {
        assertEquals(0.0, FastErf.erf(0.0));
        assertEquals(-FastErf.erf(1.234), FastErf.erf(-1.234));
        assertEquals(1.0, FastErf.erf(7.0));
        assertEquals(-1.0, FastErf.erf(-50.0));
    }
}
