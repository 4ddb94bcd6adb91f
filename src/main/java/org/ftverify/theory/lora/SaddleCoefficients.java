package org.ftverify.theory.lora;

import org.ftverify.symbolic.ExactPolynomial;

/**
 * Coefficients of the linearised drift at a saddle where the student's pre-activation is mu z and the teacher's is
 * z (z ~ N(0,1)), as polynomials in mu:
 * A(mu) = E[(teacher(z) - student(mu z)) student'(mu z) z] / normaliser and
 * B(mu) = -E[student'(mu z)^2 + (student(mu z) - teacher(z)) student''(mu z)] / normaliser.
 *
 * @param a           A as a polynomial in mu
 * @param b           B as a polynomial in mu
 * @param description what was derived, e.g. "student = teacher = He_3, divided by 3!*3"
 */
public record SaddleCoefficients(ExactPolynomial a, ExactPolynomial b, String description) {

    /** @return A(mu) in double precision */
    public double a(double mu) {
        return a.value(mu);
    }

    /** @return B(mu) in double precision */
    public double b(double mu) {
        return b.value(mu);
    }
}
