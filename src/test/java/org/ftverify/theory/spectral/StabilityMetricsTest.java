package org.ftverify.theory.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StabilityMetricsTest {
    private static final double[][] E = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};

    @Test
    void metricsOnKnownSubspaces() {
        double c = Math.cos(0.3), s = Math.sin(0.3);
        double[][] rotated = {{c, s, 0, 0}, {0, 0, 1, 0}};           // span{e1 cos + e2 sin, e3} vs span{e1, e3}
        double[][] base = {E[0], E[2]};
        assertEquals(1, StabilityMetrics.principalCosines(base, rotated, 2)[0], 1e-15);
        assertEquals(c, StabilityMetrics.principalCosines(base, rotated, 2)[1], 1e-15);
        assertEquals((1 + c * c) / 2, StabilityMetrics.subspaceOverlap(base, rotated, 2), 1e-15);
        assertEquals(s, StabilityMetrics.sinThetaOperator(base, rotated, 2), 1e-15);
        assertEquals(s * s, StabilityMetrics.sinThetaFrobenius2(base, rotated, 2), 1e-15);
        assertEquals(0.3, StabilityMetrics.grassmannDistance(base, rotated, 2), 1e-12);
        // reordered basis: per-index overlap 0, best match and subspace overlap 1
        double[][] swapped = {E[2], E[0]};
        assertEquals(0, StabilityMetrics.perIndexOverlap(base[0], swapped[0]), 0);
        assertEquals(1, StabilityMetrics.bestMatchOverlap(base[0], swapped, 2), 0);
        assertEquals(1, StabilityMetrics.subspaceOverlap(base, swapped, 2), 1e-15);
        assertEquals(Math.PI / 2 * Math.sqrt(2), StabilityMetrics.grassmannDistance(base, new double[][] {E[1], E[3]}, 2), 1e-12);
    }

    @Test
    void badKNamesTheParameterAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StabilityMetrics.subspaceOverlap(E, E, 5));
        assertTrue(e.getMessage().startsWith("k = 5 must be in [1, 4]"), e.getMessage());
    }
}
