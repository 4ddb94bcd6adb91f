package org.ftverify.theory.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.ftverify.symbolic.Cas;
import org.junit.jupiter.api.Test;

/** The Java API must return the closed forms stated in theory page (anchor lora-saddle) (exact polynomial equality). */
class HermiteGaussianTest {
    private static final String[] A = {
        "1-mu",
        "3/2*mu*(1-mu^2)",
        "1/2*mu*(1-mu)*(5*mu^3+5*mu^2+mu-1)",
        "1/8*mu*(1-mu^2)*(35*mu^4-10*mu^2+3)",
        "1/8*mu*(1-mu)*(63*mu^7+63*mu^6-49*mu^5-49*mu^4+29*mu^3+21*mu^2-3*mu-3)",
        "1/16*mu*(1-mu^2)*(231*mu^8-294*mu^6+196*mu^4-50*mu^2+5)"};
    private static final String[] B = {
        "-1",
        "(1-3*mu^2)/2",
        "-5/2*mu^4+2*mu^2-1/2",
        "-35/8*mu^6+45/8*mu^4-21/8*mu^2+3/8",
        "-63/8*mu^8+14*mu^6-39/4*mu^4+3*mu^2-3/8",
        "-231/16*mu^10+525/16*mu^8-245/8*mu^6+115/8*mu^4-55/16*mu^2+5/16"};

    @Test
    void derivedCoefficientsEqualTheSpecClosedForms() {
        for (int k = 1; k <= 6; k++) {
            SaddleCoefficients s = HermiteGaussian.saddleCoefficients(k);
            assertTrue(Cas.isTrue("Expand(" + s.a().toSymja("mu") + " - (" + A[k - 1] + ")) == 0"),
                    "A for He" + k + ": derived " + s.a().toSymja("mu"));
            assertTrue(Cas.isTrue("Expand(" + s.b().toSymja("mu") + " - (" + B[k - 1] + ")) == 0"),
                    "B for He" + k + ": derived " + s.b().toSymja("mu"));
        }
    }

    @Test
    void doubleEvaluationMatchesExactAndIsCached() {
        SaddleCoefficients he3 = HermiteGaussian.saddleCoefficients(3);
        assertSame(he3, HermiteGaussian.saddleCoefficients(3));
        // root of A for He3: mu* = 0.32072 (theory page, lora-p2)
        assertEquals(0.0, he3.a(0.3207243473230674), 1e-15);
        assertEquals(-0.5, he3.b(0), 0.0);
        assertEquals(0.5 * 0.3 * 0.7 * (5 * 0.027 + 5 * 0.09 + 0.3 - 1), he3.a(0.3), 1e-16);
    }

    @Test
    void wrongClosedFormIsDistinguished() {
        // negative control: the check above must be able to fail
        SaddleCoefficients he2 = HermiteGaussian.saddleCoefficients(2);
        assertNotEquals("True", Cas.evalText("Expand(" + he2.a().toSymja("mu") + " - 3/2*mu*(1-mu^3)) == 0"));
    }

    @Test
    void genericPolynomialActivations() {
        // linear student x against teacher x: A = 1 - mu, B = -1 (no normalisation)
        SaddleCoefficients lin = HermiteGaussian.saddleCoefficients("x", "x", "x", BigInteger.ONE);
        assertEquals(1.0 - 0.25, lin.a(0.25), 0.0);
        assertEquals(-1.0, lin.b(0.7), 0.0);
        assertThrows(IllegalArgumentException.class, () -> HermiteGaussian.saddleCoefficients(0));
        assertThrows(IllegalArgumentException.class,
                () -> HermiteGaussian.saddleCoefficients("x + a", "x", "x", BigInteger.ONE));
        assertThrows(IllegalArgumentException.class,
                () -> HermiteGaussian.saddleCoefficients("Exp(x)", "x", "x", BigInteger.ONE));
    }
}
