package org.ftverify.symbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class GaussianMomentsTest {

    @Test
    void hermiteRecursionGivesKnownPolynomials() {
        assertArrayEquals(ints(3, 0, -6, 0, 1), GaussianMoments.hermiteHeCoefficients(4));
        assertArrayEquals(ints(-15, 0, 45, 0, -15, 0, 1), GaussianMoments.hermiteHeCoefficients(6));
        assertEquals("(x)^3-3*(x)", GaussianMoments.hermiteHe(3, "x"));
    }

    @Test
    void hermiteMatchesSymjaPhysicistsVersionRescaled() {
        // He_n(x) = 2^(-n/2) H_n(x/sqrt 2): an independent implementation (Symja's HermiteH) must agree exactly.
        for (int n = 0; n <= 10; n++) {
            assertTrue(Cas.isTrue("Expand(" + GaussianMoments.hermiteHe(n, "x") + " - 2^(-" + n + "/2)*HermiteH("
                    + n + ", x/Sqrt(2))) == 0"), "n = " + n);
        }
    }

    @Test
    void momentsAreDoubleFactorials() {
        assertEquals(BigInteger.valueOf(105), GaussianMoments.moment(8));
        assertEquals(BigInteger.ZERO, GaussianMoments.moment(7));
        assertEquals("3+6*a^2+a^4", GaussianMoments.expectation("(a + z)^4", "z").text());
        assertEquals("0", GaussianMoments.expectation("z^3 + 5*z", "z").text());
        assertEquals("1", GaussianMoments.expectation("z1^2*z2^2", "z1", "z2").text());
    }

    @Test
    void hermiteOrthogonalityFollowsFromTheMomentRule() {
        // E[He_m He_n] = n! delta_mn is a consequence the moment rule must reproduce.
        for (int m = 0; m <= 5; m++) {
            for (int n = 0; n <= 5; n++) {
                String p = "(" + GaussianMoments.hermiteHe(m, "z") + ")*(" + GaussianMoments.hermiteHe(n, "z") + ")";
                String expected = m == n ? String.valueOf(factorial(n)) : "0";
                assertEquals(expected, GaussianMoments.expectation(p, "z").text(), "m=" + m + " n=" + n);
            }
        }
    }

    @Test
    void correlatedPairGivesMehlerCrossMoments() {
        // E[He_k(x) He_k(y)] = k! c^k for unit normals with correlation c.
        for (int k = 1; k <= 4; k++) {
            String p = "(" + GaussianMoments.hermiteHe(k, "x") + ")*(" + GaussianMoments.hermiteHe(k, "y") + ")";
            String e = GaussianMoments.correlatedExpectation(p, "x", "y", "c").text();
            assertTrue(Cas.isTrue("Expand(" + e + " - " + factorial(k) + "*c^" + k + ") == 0"), "k=" + k + ": " + e);
        }
        assertEquals("1", GaussianMoments.correlatedExpectation("y^2", "x", "y", "m").text());
    }

    @Test
    void he2PopulationLossThroughTheJavaApiEqualsTheSpec() {
        // L = 1/2 E[(He2(lambda) - He2(nu))^2] with lambda = mu nu + u rho, (nu, rho) correlated by m (docs/theory/lora.adoc, anchor lora-loss)
        String lambda = "(mu*x + u*y)";
        String f = "((" + GaussianMoments.hermiteHe(2, lambda) + ") - (" + GaussianMoments.hermiteHe(2, "x") + "))^2/2";
        String loss = GaussianMoments.correlatedExpectation(f, "x", "y", "m").text();
        String q = "(mu^2 + u^2 + 2*mu*u*m)";
        String r = "(mu + u*m)";
        assertTrue(Cas.isTrue("Expand(" + loss + " - 1/2*(3*" + q + "^2 - 2*" + q + " + 1 - 4*" + r + "^2 + 2)) == 0"), loss);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> GaussianMoments.hermiteHeCoefficients(-1));
        assertThrows(IllegalArgumentException.class, () -> GaussianMoments.expectation("Exp(z)", "z"));
        assertThrows(IllegalArgumentException.class, () -> GaussianMoments.expectation("gms*z", "z"));
        assertThrows(IllegalArgumentException.class, () -> GaussianMoments.correlatedExpectation("x*y", "x", "X", "m"));
    }

    private static BigInteger[] ints(long... v) {
        BigInteger[] b = new BigInteger[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = BigInteger.valueOf(v[i]);
        }
        return b;
    }

    private static long factorial(int n) {
        long f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }
}
