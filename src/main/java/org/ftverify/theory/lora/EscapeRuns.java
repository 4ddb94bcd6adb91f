package org.ftverify.theory.lora;

import java.util.List;
import org.ftverify.core.CheckContext;

/**
 * Escape times of independent seeds, run in parallel. Seed k uses ctx.subSeed(stream + k): two calls with the same
 * stream share their random numbers (common random numbers), which is how paired comparisons (ReLU vs linear,
 * mu = 0.9 vs 0.6, one d vs another) cancel most of the seed-to-seed spread of ln|m0|.
 */
final class EscapeRuns {
    private static final double[] NO_CHECKPOINTS = new double[0];

    private EscapeRuns() {}

    /** Escape alphas (first alpha with |m| >= threshold; NaN when none before alphaMax), one per seed. */
    static double[] alphas(CheckContext ctx, long stream, int seeds, SimSetup setup, SimStart start, double threshold, double alphaMax) {
        List<SimRun> runs = SimParallel.map(seeds, k -> SimCache.run(setup, ctx.subSeed(stream + k), start, NO_CHECKPOINTS, threshold, alphaMax));
        double[] out = new double[seeds];
        for (int k = 0; k < seeds; k++) out[k] = runs.get(k).escapeAlpha();
        return out;
    }

    /** Number of NaN (non-escaped) entries. */
    static int notEscaped(double[] alphas) {
        int n = 0;
        for (double a : alphas) if (Double.isNaN(a)) n++;
        return n;
    }

    /** The escaped entries only. */
    static double[] escaped(double[] alphas) {
        return java.util.Arrays.stream(alphas).filter(a -> !Double.isNaN(a)).toArray();
    }
}
