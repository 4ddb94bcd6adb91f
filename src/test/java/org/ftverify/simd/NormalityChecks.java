package org.ftverify.simd;

import java.util.Arrays;
import org.hipparchus.special.Erf;

/**
 * Statistical acceptance checks for N(0,1) samples, with their levels derived rather than tuned.
 *
 * <p>Moments: for n iid N(0,1) samples the sample moments have standard errors sqrt(Var/n) with Var(x) = 1,
 * Var(x^2) = E x^4 - 1 = 2, Var(x^4) = E x^8 - (E x^4)^2 = 105 - 9 = 96. A check accepts within 5 standard errors
 * (two-sided normal tail 5.7e-7 per check).
 *
 * <p>Kolmogorov–Smirnov: D_n = sup |F_n - Phi| against the asymptotic Kolmogorov critical value at level
 * alpha = 0.001, K = sqrt(-ln(alpha / 2) / 2) = 1.9495, D_crit = K / sqrt(n) (the finite-n correction is O(1/n)
 * relative at n = 1e6).
 */
final class NormalityChecks {
    static final double Z_MOMENTS = 5.0;
    static final double KS_ALPHA = 0.001;

    private NormalityChecks() {}

    static double moment(double[] x, int power) {
        double s = 0;
        for (double v : x) s += Math.pow(v, power);
        return s / x.length;
    }

    static boolean meanOk(double[] x) {
        return Math.abs(moment(x, 1)) <= Z_MOMENTS * Math.sqrt(1.0 / x.length);
    }

    static boolean secondMomentOk(double[] x) {
        return Math.abs(moment(x, 2) - 1) <= Z_MOMENTS * Math.sqrt(2.0 / x.length);
    }

    static boolean fourthMomentOk(double[] x) {
        return Math.abs(moment(x, 4) - 3) <= Z_MOMENTS * Math.sqrt(96.0 / x.length);
    }

    static double ksCritical(int n) {
        return Math.sqrt(-Math.log(KS_ALPHA / 2) / 2) / Math.sqrt(n);
    }

    /** KS statistic of the samples against the standard normal CDF. */
    static double ksStatistic(double[] samples) {
        double[] x = samples.clone();
        Arrays.sort(x);
        int n = x.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double cdf = 0.5 * Erf.erfc(-x[i] / Math.sqrt(2));
            d = Math.max(d, Math.max((i + 1.0) / n - cdf, cdf - (double) i / n));
        }
        return d;
    }

    /** Pearson correlation of x[i] and x[i + lag] (of the given power of the samples). */
    static double lagCorrelation(double[] x, int lag, int power) {
        int n = x.length - lag;
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (int i = 0; i < n; i++) {
            double a = Math.pow(x[i], power), b = Math.pow(x[i + lag], power);
            sa += a;
            sb += b;
            saa += a * a;
            sbb += b * b;
            sab += a * b;
        }
        double cov = sab / n - (sa / n) * (sb / n);
        return cov / Math.sqrt((saa / n - (sa / n) * (sa / n)) * (sbb / n - (sb / n) * (sb / n)));
    }
}
