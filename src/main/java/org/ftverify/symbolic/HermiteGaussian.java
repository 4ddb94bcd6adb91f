package org.ftverify.symbolic;

import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CAS-derived Gaussian saddle coefficients for polynomial activations, so numeric code uses what Symja derived
 * instead of typed-in closed forms. Derived at first use by {@link GaussianMoments} and cached.
 */
public final class HermiteGaussian {
    /** Highest Hermite degree offered; the derivation cost grows quickly with k (k = 12 takes about a second). */
    public static final int MAX_K = 12;
    private static final Map<Integer, SaddleCoefficients> HERMITE = new ConcurrentHashMap<>();

    private HermiteGaussian() {
    }

    /**
     * Saddle coefficients for student = teacher = He_k (probabilists' Hermite), divided by k!*k (the learning-rate
     * normalisation), as exact polynomials in mu.
     *
     * @param k degree, 1 to {@link #MAX_K}
     */
    public static SaddleCoefficients saddleCoefficients(int k) {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be in [1, " + MAX_K + "], got " + k);
        }
        return HERMITE.computeIfAbsent(k, kk -> {
            String he = GaussianMoments.hermiteHe(kk, "x");
            BigInteger norm = factorial(kk).multiply(BigInteger.valueOf(kk));
            SaddleCoefficients s = saddleCoefficients(he, he, "x", norm);
            return new SaddleCoefficients(s.a(), s.b(), "student = teacher = He_" + kk + ", divided by " + kk + "!*"
                    + kk + " = " + norm);
        });
    }

    /**
     * Saddle coefficients for polynomial student and teacher activations in the variable x (see
     * {@link SaddleCoefficients} for the definitions).
     *
     * @param normaliser positive integer both coefficients are divided by
     */
    public static SaddleCoefficients saddleCoefficients(String student, String teacher, String x, BigInteger normaliser) {
        GaussianMoments.requireIdentifier(x, "x");
        if (normaliser == null || normaliser.signum() <= 0) {
            throw new IllegalArgumentException("normaliser must be a positive integer, got " + normaliser);
        }
        requirePolynomialIn(student, x, "student");
        requirePolynomialIn(teacher, x, "teacher");
        String s = at(student, x, "gmmu*gmz");
        String ds = at("D(" + student + "," + x + ")", x, "gmmu*gmz");
        String dds = at("D(" + student + "," + x + "," + x + ")", x, "gmmu*gmz");
        String t = at(teacher, x, "gmz");
        String aIntegrand = "((" + t + ") - (" + s + "))*(" + ds + ")*gmz";
        String bIntegrand = "-((" + ds + ")^2 + ((" + s + ") - (" + t + "))*(" + dds + "))";
        return new SaddleCoefficients(polynomialInMu(aIntegrand, normaliser), polynomialInMu(bIntegrand, normaliser),
                "student = " + student + ", teacher = " + teacher + ", divided by " + normaliser);
    }

    private static ExactPolynomial polynomialInMu(String integrand, BigInteger normaliser) {
        String expectation = GaussianMoments.momentRule(integrand, "gmz");
        String list = "CoefficientList(Expand((" + expectation + ")/" + normaliser + "), gmmu)";
        return ExactPolynomial.fromCoefficientList(Cas.eval(list), list);
    }

    private static String at(String f, String x, String arg) {
        return "ReplaceAll(" + f + ", " + x + " -> " + arg + ")";
    }

    private static void requirePolynomialIn(String p, String x, String what) {
        GaussianMoments.requireFreeOfReserved(p);
        Set<String> free = NumericCompiler.freeSymbols(Cas.eval(p));
        free.remove(x.toLowerCase(java.util.Locale.ROOT));
        if (!free.isEmpty() || !Cas.isTrue("PolynomialQ(" + p + "," + x + ")")) {
            throw new IllegalArgumentException(what + " must be a polynomial in " + x + " with numeric coefficients"
                    + (free.isEmpty() ? "" : " (free symbols " + free + ")") + ": " + CasException.abbreviate(p));
        }
    }

    private static BigInteger factorial(int k) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= k; i++) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return f;
    }
}
