package org.ftverify.symbolic;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Symbolic expectations of polynomials in standard Gaussian variables, by the moment rule
 * E[z^j] = (j-1)!! for even j and 0 for odd j, applied coefficient by coefficient (Symja's CoefficientList).
 *
 * <p>Correlated pairs reduce to independent ones: for (x, y) standard normal with correlation c, put x = z1 and
 * y = c z1 + s z2 with s = sqrt(1 - c^2). After averaging over z2 only even powers of s survive, so the result is
 * a polynomial in c. Everything runs through the shared {@link Cas} engine and is memoised there.
 *
 * <p>Internal symbol names start with "gm" (gmz1, gmz2, gms, gmc, gmj); inputs must not use them.
 */
public final class GaussianMoments {
    /** Largest Hermite degree offered; coefficients stay exact (BigInteger), the limit only bounds CAS cost. */
    public static final int MAX_HERMITE_DEGREE = 60;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Set<String> RESERVED = Set.of("gmz1", "gmz2", "gms", "gmc", "gmj", "gmz", "gmmu");

    private GaussianMoments() {
    }

    /**
     * Probabilists' Hermite polynomial He_n, ascending exact integer coefficients, by the three-term recursion
     * He_{n+1}(x) = x He_n(x) - n He_{n-1}(x), He_0 = 1, He_1 = x.
     */
    public static BigInteger[] hermiteHeCoefficients(int n) {
        if (n < 0 || n > MAX_HERMITE_DEGREE) {
            throw new IllegalArgumentException("n must be in [0, " + MAX_HERMITE_DEGREE + "], got " + n);
        }
        BigInteger[] previous = {BigInteger.ONE};
        if (n == 0) {
            return previous;
        }
        BigInteger[] current = {BigInteger.ZERO, BigInteger.ONE};
        for (int m = 1; m < n; m++) {
            BigInteger[] next = new BigInteger[m + 2];
            java.util.Arrays.fill(next, BigInteger.ZERO);
            for (int j = 0; j <= m; j++) {
                next[j + 1] = next[j + 1].add(current[j]);
            }
            BigInteger mm = BigInteger.valueOf(m);
            for (int j = 0; j < previous.length; j++) {
                next[j] = next[j].subtract(mm.multiply(previous[j]));
            }
            previous = current;
            current = next;
        }
        return current;
    }

    /** @return He_n(arg) as Symja text, e.g. He_3 of "mu*z" is "(mu*z)^3-3*(mu*z)" (not expanded) */
    public static String hermiteHe(int n, String arg) {
        if (arg == null || arg.isBlank()) {
            throw new IllegalArgumentException("arg must be a Symja expression, got '" + arg + "'");
        }
        BigInteger[] c = hermiteHeCoefficients(n);
        StringBuilder b = new StringBuilder();
        for (int j = c.length - 1; j >= 0; j--) {
            if (c[j].signum() == 0) {
                continue;
            }
            b.append(c[j].signum() < 0 ? "-" : b.length() == 0 ? "" : "+");
            BigInteger abs = c[j].abs();
            if (j == 0) {
                b.append(abs);
            } else {
                if (!abs.equals(BigInteger.ONE)) {
                    b.append(abs).append('*');
                }
                b.append('(').append(arg).append(')');
                if (j > 1) {
                    b.append('^').append(j);
                }
            }
        }
        return b.toString();
    }

    /** @return E[z^j] for z ~ N(0,1): (j-1)!! for even j, 0 for odd j */
    public static BigInteger moment(int j) {
        if (j < 0) {
            throw new IllegalArgumentException("j must be >= 0, got " + j);
        }
        if (j % 2 == 1) {
            return BigInteger.ZERO;
        }
        BigInteger r = BigInteger.ONE;
        for (int i = j - 1; i > 1; i -= 2) {
            r = r.multiply(BigInteger.valueOf(i));
        }
        return r;
    }

    /**
     * Symja text (unevaluated) of E over z ~ N(0,1) of the polynomial p: Expand p, take its coefficient list in z,
     * and weight the coefficient of z^j by E[z^j]. Other symbols in p are treated as constants.
     */
    public static String expectationExpression(String p, String z) {
        requireIdentifier(z, "z");
        requireFreeOfReserved(p);
        return momentRule(p, z);
    }

    /** The moment-rule text without input checks, for internal variables. */
    static String momentRule(String p, String z) {
        return "With({gmc = CoefficientList(Expand(" + p + ")," + z + ")}, Expand(Total(gmc * "
                + "Table(If(EvenQ(gmj), Factorial2(gmj - 1), 0), {gmj, 0, Length(gmc) - 1}))))";
    }

    /**
     * E over independent standard normals of a polynomial, expanded.
     *
     * @throws IllegalArgumentException when p is not a polynomial in the normals, or uses a reserved name
     */
    public static Evaluation expectation(String p, String... standardNormals) {
        if (standardNormals.length == 0) {
            throw new IllegalArgumentException("standardNormals must name at least one variable");
        }
        requireFreeOfReserved(p);
        String vars = "{" + String.join(",", standardNormals) + "}";
        for (String z : standardNormals) {
            requireIdentifier(z, "standardNormals");
        }
        if (!Cas.isTrue("PolynomialQ(" + p + "," + vars + ")")) {
            throw new IllegalArgumentException("p must be a polynomial in " + vars + ": " + CasException.abbreviate(p));
        }
        String e = p;
        for (String z : standardNormals) {
            e = momentRule(e, z);
        }
        return Cas.evaluate(e);
    }

    /**
     * E over (x, y) jointly standard normal with correlation c (a Symja expression, e.g. "m"), of a polynomial in
     * x and y; the result is expanded and polynomial in c.
     */
    public static Evaluation correlatedExpectation(String p, String x, String y, String c) {
        requireIdentifier(x, "x");
        requireIdentifier(y, "y");
        if (x.equalsIgnoreCase(y)) {
            throw new IllegalArgumentException("x and y must differ (Symja identifiers are case-insensitive), got " + x);
        }
        requireFreeOfReserved(p);
        requireFreeOfReserved(c);
        if (!Cas.isTrue("PolynomialQ(" + p + ",{" + x + "," + y + "})")) {
            throw new IllegalArgumentException("p must be a polynomial in " + x + " and " + y + ": "
                    + CasException.abbreviate(p));
        }
        String substituted = "ReplaceAll(" + p + ", {" + x + " -> gmz1, " + y + " -> (" + c + ")*gmz1 + gms*gmz2})";
        String averaged = momentRule(momentRule(substituted, "gmz1"), "gmz2");
        return Cas.evaluate("Expand(ReplaceAll(" + averaged + ", gms -> Sqrt(1 - (" + c + ")^2)))");
    }

    static void requireIdentifier(String name, String parameter) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(parameter + " must be a plain identifier, got '" + name + "'");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(parameter + " must not be a reserved internal name " + RESERVED
                    + ", got '" + name + "'");
        }
    }

    static void requireFreeOfReserved(String expr) {
        if (expr == null || expr.isBlank()) {
            throw new IllegalArgumentException("expression must be non-empty, got '" + expr + "'");
        }
        String lower = expr.toLowerCase(Locale.ROOT);
        for (String r : RESERVED) {
            if (Pattern.compile("\\b" + r + "\\b").matcher(lower).find()) {
                throw new IllegalArgumentException("expression must not use the reserved name '" + r + "': "
                        + CasException.abbreviate(expr));
            }
        }
    }
}
