package org.ftverify.theory.spectral;

import org.ftverify.core.Num;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.Tolerance;

/**
 * Tolerance of a random-matrix limit compared with the mean of R independent realisations at dimension d: 4 standard
 * errors of the mean plus the O(1/d) finite-size bias. The standard deviation is the measured one, floored at
 * C_sd/sqrt(d), where C_sd is the largest sd·sqrt(d) measured over the claim's range (the fluctuation of an outlier's
 * overlap or value is O(d^-1/2)): with R as small as 8 the sample sd alone is too noisy to bound a tail.
 */
final class RmtTolerance {
    private RmtTolerance() {}

    static Tolerance of(double[] sample, int d, double cSd, double cBias, String measuredWhere) {
        int r = sample.length;
        double floor = cSd / Math.sqrt(d), sd = Math.max(SampleStats.sd(sample), floor);
        return Tolerance.clt(4, sd / Math.sqrt(r), r, "realisations; sd = max(measured " + Num.sig(SampleStats.sd(sample), 3) + ", C_sd/√d = "
                        + Num.sig(floor, 3) + ") with C_sd = " + Num.fmt(cSd) + " (" + measuredWhere + ")")
                .plus(Tolerance.derived(cBias / d, "O(1/d) finite-size bias C/d = " + Num.sig(cBias / d, 2) + " with C = " + Num.fmt(cBias)));
    }

    /** Realisations for dimension d: {@code atSmallest} at d = smallest, fewer for larger d (d·R fixed keeps the band fixed). */
    static int reps(int atSmallest, int smallest, int d) {
        return Math.max(4, atSmallest * smallest / d);
    }
}
