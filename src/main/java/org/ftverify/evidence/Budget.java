package org.ftverify.evidence;

import org.ftverify.core.EvidenceLevel;

/**
 * How many Monte Carlo units a try can afford at a level: the spec's full count at DEEP; below, as many as a work
 * cap allows (work = Gaussian draws plus O(1) updates, a few ns each), never fewer than a floor that keeps the
 * relative SE of the estimate useful. The evidence states the N used and the SE it achieved.
 */
public final class Budget {
    /** Work per try (≈ ns) at quick and standard; deep takes the full count. */
    public static final double QUICK_WORK = 2.5e8, STANDARD_WORK = 2.5e9;

    private Budget() {}

    public static int units(EvidenceLevel level, int fullCount, double workPerUnit, int floor) {
        if (level == EvidenceLevel.DEEP) return fullCount;
        double cap = level.pick(QUICK_WORK, STANDARD_WORK, Double.POSITIVE_INFINITY);
        long n = (long) Math.floor(cap / Math.max(1, workPerUnit));
        return (int) Math.max(Math.min(floor, fullCount), Math.min(fullCount, n));
    }
}
