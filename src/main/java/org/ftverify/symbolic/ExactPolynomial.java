package org.ftverify.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.fraction.BigFraction;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IRational;

/**
 * A univariate polynomial with exact rational coefficients (ascending powers), plus a double copy for fast Horner
 * evaluation. Immutable.
 */
public final class ExactPolynomial {
    private final BigFraction[] exact;
    private final double[] coefficients;

    private ExactPolynomial(BigFraction[] exact) {
        int n = exact.length;
        while (n > 1 && exact[n - 1].signum() == 0) {
            n--;
        }
        this.exact = Arrays.copyOf(exact, Math.max(n, 1));
        if (exact.length == 0) {
            this.exact[0] = BigFraction.ZERO;
        }
        this.coefficients = new double[this.exact.length];
        for (int i = 0; i < this.exact.length; i++) {
            coefficients[i] = this.exact[i].doubleValue();
        }
    }

    /** @param ascending coefficients of x^0, x^1, ... */
    public static ExactPolynomial of(BigFraction... ascending) {
        for (BigFraction c : ascending) {
            if (c == null) {
                throw new IllegalArgumentException("coefficients must not be null");
            }
        }
        return new ExactPolynomial(ascending.clone());
    }

    /** From a Symja list of rationals, as returned by CoefficientList. */
    static ExactPolynomial fromCoefficientList(IExpr list, String what) {
        if (!list.isList()) {
            throw new CasException(what, "expected a coefficient list, got " + list);
        }
        IAST ast = (IAST) list;
        List<BigFraction> c = new ArrayList<>();
        for (int i = 1; i < ast.size(); i++) {
            IExpr e = ast.get(i);
            if (!e.isRational()) {
                throw new CasException(what, "coefficient " + (i - 1) + " is not a rational number: " + e);
            }
            c.add(((IRational) e).toBigFraction());
        }
        return new ExactPolynomial(c.toArray(new BigFraction[0]));
    }

    /** @return the degree (0 for constants, including the zero polynomial) */
    public int degree() {
        return exact.length - 1;
    }

    /** @return the exact coefficient of x^i (zero above the degree) */
    public BigFraction coefficient(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("i must be >= 0, got " + i);
        }
        return i < exact.length ? exact[i] : BigFraction.ZERO;
    }

    /** @return a copy of the coefficients rounded to double, ascending */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** Horner evaluation in double precision; allocation-free. */
    public double value(double x) {
        double acc = coefficients[coefficients.length - 1];
        for (int i = coefficients.length - 2; i >= 0; i--) {
            acc = acc * x + coefficients[i];
        }
        return acc;
    }

    /** @return Symja text of the polynomial in the given variable, exact coefficients */
    public String toSymja(String var) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < exact.length; i++) {
            if (exact[i].signum() == 0 && exact.length > 1) {
                continue;
            }
            if (b.length() > 0) {
                b.append('+');
            }
            b.append('(').append(exact[i].getNumerator()).append('/').append(exact[i].getDenominator()).append(')');
            if (i > 0) {
                b.append('*').append(var).append('^').append(i);
            }
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExactPolynomial p && Arrays.equals(exact, p.exact);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(exact);
    }

    @Override
    public String toString() {
        return toSymja("x");
    }
}
