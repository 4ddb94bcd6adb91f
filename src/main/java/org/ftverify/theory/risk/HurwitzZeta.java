package org.ftverify.theory.risk;

/**
 * Hurwitz zeta zeta(s, a) = sum_{k>=0} (k + a)^-s for s > 1, a > 0, by Euler–Maclaurin summation.
 *
 * <p>Why our own: neither Hipparchus nor the JDK has it, and M3's optimisation variance is exactly
 * q eta0^2 zeta(2 rho, c + t0) (docs/theory/risk.adoc#risk-m3). The first terms are summed directly until k + a >= 12, then the tail
 * integral, half the first tail term and 12 Bernoulli corrections are added. The remainder of the Euler–Maclaurin
 * series after j Bernoulli terms is below |B_2j+2 s(s+1)...(s+2j)/(2j+2)!| (a+N)^(-s-2j-1) <~ (2 pi (a+N))^-(2j+2) times a
 * factor polynomial in s, i.e. below 1e-40 for a + N >= 12 and s <= 10: the result is correct to double round-off.
 */
public final class HurwitzZeta {
    private static final double SHIFT_TO = 12;
    /** B_2j / (2j)! for j = 1..12. */
    private static final double[] BERNOULLI_OVER_FACTORIAL = {
        1.0 / 12, -1.0 / 720, 1.0 / 30240, -1.0 / 1209600, 1.0 / 47900160, -691.0 / 1307674368000.0,
        1.0 / 74724249600.0, -3617.0 / 10670622842880000.0, 43867.0 / 5109094217170944000.0,
        -174611.0 / 802857662698291200000.0, 77683.0 / 14101100039391805440000.0,
        -236364091.0 / 1693824136731743669452800000.0};

    private HurwitzZeta() {}

    public static double zeta(double s, double a) {
        if (!(s > 1)) throw new IllegalArgumentException("Hurwitz zeta: s = " + s + " must be > 1 (the series diverges otherwise)");
        if (!(a > 0) || Double.isInfinite(a)) throw new IllegalArgumentException("Hurwitz zeta: a = " + a + " must be finite and > 0");
        double head = 0;
        double x = a;
        while (x < SHIFT_TO) {
            head += Math.pow(x, -s);
            x += 1;
        }
        double xs = Math.pow(x, -s);
        double tail = x * xs / (s - 1) + 0.5 * xs;
        // Bernoulli corrections: B_2j/(2j)! * s(s+1)...(s+2j-2) * x^(-s-2j+1)
        double rising = s;          // s(s+1)...(s+2j-2)
        double power = xs / x;      // x^(-s-1)
        double invX2 = 1 / (x * x);
        for (int j = 0; j < BERNOULLI_OVER_FACTORIAL.length; j++) {
            double term = BERNOULLI_OVER_FACTORIAL[j] * rising * power;
            tail += term;
            if (Math.abs(term) < 1e-18 * Math.abs(tail)) break;
            rising *= (s + 2 * j + 1) * (s + 2 * j + 2);
            power *= invX2;
        }
        return head + tail;
    }

    /** sum_{t=c}^{T-1} (t + a)^-s = zeta(s, c + a) - zeta(s, T + a); T = infinity allowed. */
    public static double partialSum(double s, double a, double c, double horizon) {
        double z = zeta(s, c + a);
        return Double.isInfinite(horizon) ? z : z - zeta(s, horizon + a);
    }
}
