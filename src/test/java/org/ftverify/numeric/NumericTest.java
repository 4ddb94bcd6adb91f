package org.ftverify.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NumericTest {
    @Test
    void gaussHermiteIntegratesGaussianMomentsExactly() {
        GaussHermite r = GaussHermite.of(20);
        double[] expected = {1, 0, 1, 0, 3, 0, 15, 0, 105}; // E Z^j up to degree 8 (exact for degree <= 39)
        for (int j = 0; j < expected.length; j++) {
            int p = j;
            assertEquals(expected[j], r.expect(z -> Math.pow(z, p)), 1e-12 * Math.max(1, expected[j]), "E Z^" + j);
        }
        assertEquals(Math.exp(0.5), GaussHermite.of(60).expect(Math::exp), 1e-13, "E e^Z");
        assertThrows(IllegalArgumentException.class, () -> GaussHermite.of(0));
    }

    @Test
    void brentFindsBracketedRootsAndNamesBadBrackets() {
        assertEquals(Math.sqrt(2), Roots.brent(x -> x * x - 2, 0, 2, 1e-14), 1e-13);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Roots.brent(x -> x * x + 1, -1, 1, 1e-12));
        assertTrue(e.getMessage().startsWith("bracket"), e.getMessage());
        assertEquals(1.5, Roots.goldenMin(x -> (x - 1.5) * (x - 1.5), 0, 4, 1e-10), 1e-8);
    }

    @Test
    void dampedFixedPointReportsItsResidual() {
        // x = cos(x): unique fixed point 0.739085...
        DampedFixedPoint.Result r = DampedFixedPoint.solve(v -> new double[] {Math.cos(v[0])}, new double[] {0}, 0.5, 1e-13, 1000);
        assertTrue(r.converged());
        assertEquals(0.7390851332151607, r.x()[0], 1e-12);
        DampedFixedPoint.Result n = DampedFixedPoint.solveNewton(v -> new double[] {Math.cos(v[0])}, new double[] {0}, 0.5, 1e-2, 1e-14, 1000);
        assertTrue(n.converged() && n.residual() < 1e-14 && n.iterations() < r.iterations(), "Newton finish: " + n);
    }
}
