package org.ftverify.theory.risk;

import org.ftverify.core.Seeds;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;
import org.ftverify.simd.GaussianSampler;

/**
 * The fork-at-c estimator of docs/theory/risk.adoc#risk-notation, which needs no closed form: run M independent prefixes to depth c, fork B
 * continuations from each with fresh seeds, take the unbiased within-group sample variance s_m^2 of R, and average:
 * U(c) = (1/M) sum_m s_m^2 is unbiased for L(c) = E[Var(R|I_c)]. Its SE is the empirical sd_m(s_m^2)/sqrt(M).
 *
 * <p>Prefix m draws from stream m of one sub-seed, fork k of prefix m from stream m*B + k of another, so the estimate
 * is reproducible and independent of the thread schedule.
 */
final class ForkEstimator {
    /** A simulated training run that can be stopped at the probe depth and continued from a copy of its state. */
    interface Process {
        int stateSize();

        int scratchSize();

        /** Runs from the start to the probe depth, leaving the state in {@code state}. */
        void prefix(GaussianSampler g, double[] state, double[] scratch);

        /** Continues from {@code state} (a private copy that may be overwritten) to the end and returns the outcome R. */
        double finish(GaussianSampler g, double[] state, double[] scratch);
    }

    record Estimate(double value, double se, int prefixes, int branches) {
        double relativeSe() {
            return se / Math.abs(value);
        }
    }

    private ForkEstimator() {}

    static Estimate run(Process p, int prefixes, int branches, long seed) {
        if (prefixes < 2) throw new IllegalArgumentException("prefixes M = " + prefixes + " must be >= 2 (the SE needs two groups)");
        if (branches < 2) throw new IllegalArgumentException("branches B = " + branches + " must be >= 2 (a within-group variance needs two forks)");
        long prefixSeed = Seeds.mix(seed, 1), forkSeed = Seeds.mix(seed, 2);
        double[] s2 = new double[prefixes];
        SeedParallel.chunks(prefixes, (from, to) -> {
            double[] state = new double[p.stateSize()], work = new double[p.stateSize()], scratch = new double[p.scratchSize()];
            double[] r = new double[branches];
            for (int m = from; m < to; m++) {
                p.prefix(GaussianSampler.stream(prefixSeed, m), state, scratch);
                for (int k = 0; k < branches; k++) {
                    System.arraycopy(state, 0, work, 0, state.length);
                    r[k] = p.finish(GaussianSampler.stream(forkSeed, (long) m * branches + k), work, scratch);
                }
                s2[m] = sampleVariance(r);
            }
        });
        return new Estimate(SampleStats.mean(s2), SampleStats.se(s2), prefixes, branches);
    }

    /**
     * Unbiased sample variance, shifted by the first value: forks that must give identical outcomes (e.g. L(T) = 0 when
     * Psi = tau2 = 0) then give exactly 0, instead of the round-off of a mean that is not exactly representable.
     */
    static double sampleVariance(double[] r) {
        double shift = r[0], m = 0;
        for (double x : r) m += x - shift;
        m /= r.length;
        double s = 0;
        for (double x : r) s += (x - shift - m) * (x - shift - m);
        return s / (r.length - 1);
    }
}
