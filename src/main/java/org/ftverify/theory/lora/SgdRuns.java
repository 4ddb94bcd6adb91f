package org.ftverify.theory.lora;

import java.util.Arrays;
import java.util.List;
import org.ftverify.core.CheckContext;
import org.ftverify.evidence.RunMemo;
import org.ftverify.evidence.SeedParallel;

/**
 * Memoised LoRA SGD runs and escape times. A run is a deterministic function of its inputs (setup, seed, start,
 * checkpoints, threshold, alphaMax), which the key records name; predictions never enter a key, so a perturbed model
 * is judged on exactly the same simulation data as the exact one. Seed k of an escape-time batch uses
 * ctx.subSeed(stream + k): two batches with the same stream share their random numbers (common random numbers), which
 * is how paired comparisons (ReLU vs linear, μ = 0.9 vs 0.6, one d vs another) cancel most of the ln|m0| spread.
 */
final class SgdRuns {
    private static final double[] NO_CHECKPOINTS = new double[0];

    private record RunKey(SimSetup setup, long seed, SimStart start, int cpsHash, int cpsLength, double threshold, double alphaMax) {}

    private SgdRuns() {}

    /** start.apply(new LoraSgd(setup, seed)).run(checkpoints, threshold, alphaMax), memoised. */
    static SimRun run(SimSetup setup, long seed, SimStart start, double[] checkpoints, double threshold, double alphaMax) {
        return RunMemo.get(new RunKey(setup, seed, start, Arrays.hashCode(checkpoints), checkpoints.length, threshold, alphaMax),
                () -> start.apply(new LoraSgd(setup, seed)).run(checkpoints, threshold, alphaMax));
    }

    /** Escape alphas (first alpha with |m| >= threshold; NaN when none before alphaMax), one per seed. */
    static double[] alphas(CheckContext ctx, long stream, int seeds, SimSetup setup, SimStart start, double threshold, double alphaMax) {
        List<SimRun> runs = SeedParallel.map(seeds, k -> run(setup, ctx.subSeed(stream + k), start, NO_CHECKPOINTS, threshold, alphaMax));
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
        return Arrays.stream(alphas).filter(a -> !Double.isNaN(a)).toArray();
    }
}
