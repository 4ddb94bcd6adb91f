package org.ftverify.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.analysis.integration.gauss.SymmetricGaussIntegrator;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * Numerical cross-checks of the erf section of proofs/lora.adoc by Gauss-Hermite quadrature (Hipparchus), using
 * compiled closed forms. Tolerances come from the quadrature's own error estimate: the difference between n = 60
 * and n = 120 nodes (Gauss-Hermite converges geometrically for these analytic integrands, so the n = 120 error is
 * far below that difference), plus a floor of 1e-14 for rounding in sums of about a hundred O(1) terms.
 */
class ErfGaussianLemmaTest {
    private static final GaussIntegratorFactory FACTORY = new GaussIntegratorFactory();

    @Test
    void lemmaIntegralOfXErfAxTimesGaussian() {
        // Integral over R of x erf(a x) e^{-c x^2} dx = a/(c sqrt(c + a^2)); x = y/sqrt(c) puts it in Hermite form
        // (1/c) Integral y erf(a y/sqrt(c)) e^{-y^2} dy.
        NumericFunction closed = Cas.compile("a/(c*Sqrt(c + a^2))", "a", "c");
        double[][] cases = {{1, 0.5}, {0.3, 0.59}, {0.9, 1.31}, {2.0, 0.75}};
        for (double[] ac : cases) {
            double a = ac[0];
            double c = ac[1];
            double b = a / Math.sqrt(c);
            UnivariateFunction f = y -> y * Erf.erf(b * y) / c;
            double q120 = hermite(120, f);
            double estimate = Math.abs(q120 - hermite(60, f));
            double tol = Math.max(estimate, 1e-14);
            assertEquals(closed.value(a, c), q120, tol, "a=" + a + " c=" + c + " (estimate " + estimate + ")");
        }
    }

    @Test
    void erfSaddleClosedFormsMatchDirectExpectations() {
        NumericFunction aErf = Cas.compile(
                "Sqrt(2)/Pi*(mu^2 + 1/2)^(-1)*((mu^2 + 3/2)^(-1/2) - mu*(2*mu^2 + 1/2)^(-1/2))", "mu");
        NumericFunction bErf = Cas.compile("-(4/Pi)*(1 + 4*mu^2)^(-1/2) - 2*mu*(Sqrt(2)/Pi*(mu^2 + 1/2)^(-1)"
                + "*((mu^2 + 3/2)^(-1/2) - mu*(2*mu^2 + 1/2)^(-1/2)))", "mu");
        for (double mu : new double[] {0.1, 0.5, 0.9}) {
            // E f(z) = pi^{-1/2} sum w_i f(sqrt2 x_i)
            UnivariateFunction a = x -> {
                double z = Math.sqrt(2) * x;
                return (Erf.erf(z) - Erf.erf(mu * z)) * erfPrime(mu * z) * z / Math.sqrt(Math.PI);
            };
            UnivariateFunction b = x -> {
                double z = Math.sqrt(2) * x;
                double s1 = erfPrime(mu * z);
                double s2 = -2 * mu * z * s1;
                return -(s1 * s1 + (Erf.erf(mu * z) - Erf.erf(z)) * s2) / Math.sqrt(Math.PI);
            };
            double qa = hermite(120, a);
            double qb = hermite(120, b);
            assertEquals(aErf.value(mu), qa, Math.max(Math.abs(qa - hermite(60, a)), 1e-14), "A_erf at mu=" + mu);
            assertEquals(bErf.value(mu), qb, Math.max(Math.abs(qb - hermite(60, b)), 1e-14), "B_erf at mu=" + mu);
        }
    }

    @Test
    void wrongClosedFormIsRejected() {
        // negative control: erf(x/sqrt 2) instead of erf(x) changes A well beyond the tolerance
        NumericFunction aErf = Cas.compile(
                "Sqrt(2)/Pi*(mu^2 + 1/2)^(-1)*((mu^2 + 3/2)^(-1/2) - mu*(2*mu^2 + 1/2)^(-1/2))", "mu");
        double mu = 0.5;
        UnivariateFunction wrong = x -> {
            double z = Math.sqrt(2) * x;
            double s = 1 / Math.sqrt(2);
            return (Erf.erf(s * z) - Erf.erf(s * mu * z)) * s * erfPrime(s * mu * z) * z / Math.sqrt(Math.PI);
        };
        assertTrue(Math.abs(aErf.value(mu) - hermite(120, wrong)) > 1e-3);
    }

    private static double erfPrime(double x) {
        return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
    }

    private static double hermite(int n, UnivariateFunction f) {
        SymmetricGaussIntegrator integrator = FACTORY.hermite(n);
        return integrator.integrate(f);
    }
}
