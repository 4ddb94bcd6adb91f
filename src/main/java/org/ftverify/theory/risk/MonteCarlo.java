package org.ftverify.theory.risk;

import java.util.stream.IntStream;
import org.ftverify.core.EvidenceLevel;

/**
 * Runs independent Monte Carlo units on all cores, deterministically: unit i always draws from its own stream
 * (seeded from the try's sub-seed and i) and writes its results to index i, and every reduction is done afterwards
 * in index order. So the result is the same whatever the thread schedule.
 *
 * <p>Units are grouped in chunks so that each chunk allocates its scratch arrays once; the step loops inside a
 * chunk allocate nothing.
 */
final class MonteCarlo {
    static final int CHUNK = 32;

    interface Chunk {
        void run(int from, int to);
    }

    private MonteCarlo() {}

    static void run(int units, Chunk body) {
        int chunks = (units + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(k -> body.run(k * CHUNK, Math.min(units, (k + 1) * CHUNK)));
    }

    /**
     * Number of runs at a level: the spec's N at DEEP; below, as many as a work cap allows (work = Gaussian draws and
     * O(1) updates, about 2-4 ns each), never fewer than a floor that keeps the relative SE of a variance estimate
     * at a few percent (sqrt(2/N) = 3% at N = 2000). The evidence states the N used and the SE it achieved.
     */
    static int runs(EvidenceLevel level, int specRuns, double workPerRun) {
        double cap;
        int floor;
        switch (level) {
            case QUICK -> { cap = 2.5e8; floor = 2000; }
            case STANDARD -> { cap = 2.5e9; floor = 10000; }
            default -> { return specRuns; }
        }
        long n = (long) Math.floor(cap / Math.max(1, workPerRun));
        return (int) Math.max(Math.min(floor, specRuns), Math.min(specRuns, n));
    }

    /**
     * Number of fork groups (prefixes) at a level: the requested M at DEEP; below, capped by the same work budget as
     * {@link #runs}, never fewer than {@code floor} groups (sqrt(2/(M(B-1))) stays at a few percent).
     */
    static int groups(EvidenceLevel level, int requested, double workPerGroup, int floor) {
        double cap = switch (level) {
            case QUICK -> 2.5e8;
            case STANDARD -> 2.5e9;
            default -> Double.POSITIVE_INFINITY;
        };
        long n = (long) Math.floor(cap / Math.max(1, workPerGroup));
        return (int) Math.max(Math.min(floor, requested), Math.min(requested, n));
    }
}
