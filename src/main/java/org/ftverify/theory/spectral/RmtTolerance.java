package org.ftverify.theory.spectral;

import org.ftverify.core.Num;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.Tolerance;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.special.Erf;

/**
 * Tolerance of a random-matrix limit compared with the mean of R independent realisations at dimension d: k standard
 * errors of the mean plus the O(1/d) finite-size bias. The standard error is the measured one, and k is the quantile of
 * Student's t with R - 1 degrees of freedom that has the two-sided tail of 4 Gaussian SEs (6.3e-5): with R as small as 8
 * the sample sd is itself noisy, and the t quantile (8.5 at R = 8, 4.6 at R = 32) pays for that exactly for Gaussian
 * fluctuations, which the fluctuations of an outlier's overlap and value are to leading order.
 *
 * <p>Why not a floor: the band used to be 4 SEs with the sd floored at C_sd/sqrt(d), C_sd the largest sd·sqrt(d)
 * measured over a claim's range (1.07 to 1.49, reached near the threshold). Far from the threshold the actual sd is up to
 * ten times smaller (sd·sqrt(p) 0.13 for the BBP overlap at theta = 4, gamma = 0.25; 0.03 for P6 at n/p = 4), so the
 * floor made the band there ten times wider than the noise.
 */
final class RmtTolerance {
    /** Two-sided tail of a 4-SE Gaussian band. */
    static final double TAIL = Erf.erfc(4 / Math.sqrt(2));
    /** Fewest realisations a comparison uses (t quantile 8.5 at 7 degrees of freedom). */
    static final int MIN_REPS = 8;

    private RmtTolerance() {}

    static Tolerance of(double[] sample, int d, double cBias) {
        int r = sample.length;
        if (r < 2) throw new IllegalArgumentException("realisations = " + r + ": allowed >= 2");
        double k = tQuantile(r - 1), sd = SampleStats.sd(sample);
        return Tolerance.clt(k, sd / Math.sqrt(r), r, "realisations; k = " + Num.sig(k, 3) + ", Student's t quantile with " + (r - 1)
                        + " degrees of freedom at the tail 6.3e-5 of 4 Gaussian SEs; measured sd " + Num.sig(sd, 3))
                .plus(Tolerance.derived(cBias / d, "O(1/d) finite-size bias C/d = " + Num.sig(cBias / d, 2) + " with C = " + Num.fmt(cBias)))
                .atLeastRoundOff(d, 1);
    }

    /**
     * Constant C of the O(1/d) bias of an outlier's overlap at distance q = (spike / threshold)^power from the threshold
     * (q = theta^4/c for the rectangular spike, theta^2/gamma for the covariance spike): C = 1 + C_1/(q - 1). The bias grows
     * toward the threshold: measured (mean - limit)·d at d = 200, 96 realisations, rectangular spike, c = 0.5, 1, 2: -3.3 to
     * -5.6 (SE 1.7 to 2.4) at q = 3, within ±1 (SE 0.4 to 1.0) at q = 6 and 20. C_1 = 18 gives 10 at q = 3 (the largest
     * measured plus 2 SE), 4.6 at q = 6, 2 at q = 20.
     */
    static double biasConstant(double q) {
        return 1 + NEAR_THRESHOLD_BIAS / (q - 1);
    }

    /** C_1 of {@link #biasConstant}. */
    static final double NEAR_THRESHOLD_BIAS = 18;

    /** The t quantile with {@code dof} degrees of freedom whose two-sided tail is {@link #TAIL}. */
    static double tQuantile(int dof) {
        return new TDistribution(dof).inverseCumulativeProbability(1 - TAIL / 2);
    }

    /** Realisations for dimension d: {@code atSmallest} at d = smallest, fewer for larger d (d·R fixed keeps the band fixed), at least MIN_REPS. */
    static int reps(int atSmallest, int smallest, int d) {
        return Math.max(MIN_REPS, atSmallest * smallest / d);
    }
}
