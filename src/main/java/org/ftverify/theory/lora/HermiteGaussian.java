package org.ftverify.theory.lora;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ftverify.symbolic.Cas;
import org.ftverify.symbolic.ExactPolynomial;
import org.ftverify.symbolic.GaussianMoments;
import org.hipparchus.fraction.BigFraction;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IRational;

/**
 * CAS-derived saddle coefficients A(μ), B(μ) for polynomial activations (theory page, anchor lora-saddle), so the
 * numeric code checks what Symja derived instead of typed-in closed forms. Derived at first use with the Gaussian
 * moment rule of {@link GaussianMoments} and cached. Only the lora theory uses it.
 */
public final class HermiteGaussian {
    /** Highest Hermite degree offered; the derivation cost grows quickly with k (k = 12 takes about a second). */
    public static final int MAX_K = 12;
    private static final Map<Integer, SaddleCoefficients> HERMITE = new ConcurrentHashMap<>();

    private HermiteGaussian() {}

    /**
     * Saddle coefficients for student = teacher = He_k (probabilists' Hermite), divided by k!·k (the learning-rate
     * normalisation), as exact polynomials in μ.
     *
     * @param k degree, 1 to {@link #MAX_K}
     */
    public static SaddleCoefficients saddleCoefficients(int k) {
        if (k < 1 || k > MAX_K) throw new IllegalArgumentException("k: must be in [1, " + MAX_K + "], got " + k);
        return HERMITE.computeIfAbsent(k, kk -> {
            String he = GaussianMoments.hermiteHe(kk, "x");
            BigInteger norm = factorial(kk).multiply(BigInteger.valueOf(kk));
            SaddleCoefficients s = saddleCoefficients(he, he, "x", norm);
            return new SaddleCoefficients(s.a(), s.b(), "student = teacher = He_" + kk + ", divided by " + kk + "!*" + kk + " = " + norm);
        });
    }

    /**
     * Saddle coefficients for polynomial student and teacher activations in the variable x (definitions in
     * {@link SaddleCoefficients}).
     *
     * @param normaliser positive integer both coefficients are divided by
     */
    public static SaddleCoefficients saddleCoefficients(String student, String teacher, String x, BigInteger normaliser) {
        if (normaliser == null || normaliser.signum() <= 0)
            throw new IllegalArgumentException("normaliser: must be a positive integer, got " + normaliser);
        requirePolynomialIn(student, x, "student");
        requirePolynomialIn(teacher, x, "teacher");
        String s = at(student, x, "lgmu*lgz");
        String ds = at("D(" + student + "," + x + ")", x, "lgmu*lgz");
        String dds = at("D(" + student + "," + x + "," + x + ")", x, "lgmu*lgz");
        String t = at(teacher, x, "lgz");
        String aIntegrand = "((" + t + ") - (" + s + "))*(" + ds + ")*lgz";
        String bIntegrand = "-((" + ds + ")^2 + ((" + s + ") - (" + t + "))*(" + dds + "))";
        return new SaddleCoefficients(polynomialInMu(aIntegrand, normaliser), polynomialInMu(bIntegrand, normaliser),
                "student = " + student + ", teacher = " + teacher + ", divided by " + normaliser);
    }

    private static ExactPolynomial polynomialInMu(String integrand, BigInteger normaliser) {
        String expectation = GaussianMoments.expectationExpression(integrand, "lgz");
        String list = "CoefficientList(Expand((" + expectation + ")/" + normaliser + "), lgmu)";
        IExpr e = Cas.eval(list);
        if (!e.isList()) throw new IllegalStateException("expected a coefficient list from " + list + ", got " + e);
        IAST ast = (IAST) e;
        List<BigFraction> c = new ArrayList<>();
        for (int i = 1; i < ast.size(); i++) {
            IExpr ci = ast.get(i);
            if (!ci.isRational()) throw new IllegalStateException("coefficient " + (i - 1) + " of " + list + " is not rational: " + ci);
            c.add(((IRational) ci).toBigFraction());
        }
        return ExactPolynomial.of(c.toArray(new BigFraction[0]));
    }

    private static String at(String f, String x, String arg) {
        return "ReplaceAll(" + f + ", " + x + " -> " + arg + ")";
    }

    private static void requirePolynomialIn(String p, String x, String what) {
        if (!x.matches("[A-Za-z][A-Za-z0-9]*")) throw new IllegalArgumentException("x: must be a plain identifier, got '" + x + "'");
        boolean onlyX = Cas.isTrue("SubsetQ({" + x + "}, Variables(" + p + "))");
        if (!onlyX || !Cas.isTrue("PolynomialQ(" + p + "," + x + ")"))
            throw new IllegalArgumentException(what + ": must be a polynomial in " + x + " with numeric coefficients, got " + p);
    }

    private static BigInteger factorial(int n) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= n; i++) f = f.multiply(BigInteger.valueOf(i));
        return f;
    }
}
