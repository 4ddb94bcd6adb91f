package org.ftverify.theory.dln;

/**
 * The hyperbolic-entropy potential of one coordinate and its derivatives, written to be accurate for every
 * u = 2z/√k (no cancellation near 0): see docs/theory/dln.adoc#dln-potential. Pure maths with no perturbation knobs;
 * {@link DlnModel} is what claims read.
 */
final class Hyperbolic {
    private Hyperbolic() {}

    /** g(u) = 1 − √(1+u²) + u·asinh(u), with 1 − √(1+u²) = −u²/(1+√(1+u²)) so that small u keeps its digits. */
    static double g(double u) {
        double a = Math.abs(u);
        if (a < 1e-3) {
            double u2 = a * a; // series u²/2 − u⁴/24 + u⁶/80 (proof step dln-potential-series)
            return u2 / 2 - u2 * u2 / 24 + u2 * u2 * u2 / 80;
        }
        return a * asinh(a) - a * a / (1 + Math.sqrt(1 + a * a));
    }

    /** q_k(z) = (√k/4)·g(2z/√k). */
    static double q(double k, double z) {
        double sk = Math.sqrt(k);
        return sk / 4 * g(2 * z / sk);
    }

    /** asinh without the loss of digits of log(x + √(x²+1)) for negative or small x. */
    static double asinh(double x) {
        double a = Math.abs(x);
        double r = a < 1e-8 ? a : a > 1e8 ? Math.log(a) + Math.log(2) : Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        return Math.copySign(r, x);
    }

    /** ℓ(u) = u·asinh(u)/g(u), with the series 2 − u²/6 + 31u⁴/360 near 0 (proof step dln-lorder-series). */
    static double lOrder(double u, double seriesU2) {
        double a = Math.abs(u);
        if (a < 1e-3) return 2 - seriesU2 * a * a + 31.0 / 360 * a * a * a * a;
        return a * asinh(a) / g(a);
    }
}
