package org.ftverify.theory.icl;

import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;
import org.ftverify.simd.GaussianSampler;

/**
 * Monte Carlo n-shot risk E[(ŷ - y_q)²] of several models on the same prompts (common random numbers). The work is
 * split into units of {@code perUnit} prompts, each drawn from its own stream (seed, unit), so the result does not
 * depend on threads; the per-unit means are the samples whose spread gives the standard error (batch means, which
 * tame the heavy tails of products of up to eight Gaussians).
 */
public final class RiskMonteCarlo {
    /** Mean and standard error of one model's risk, and its per-unit means. */
    public record Estimate(double mean, double se, int prompts, double[] unitMeans) {}

    private RiskMonteCarlo() {}

    /** Per-unit mean squared errors: result[model][unit]. {@code theta} null means a fresh unit task per prompt. */
    public static double[][] unitMeans(IclSetup setup, Weights[] models, double[] theta, int n, int units, int perUnit, long seed) {
        if (n < 0) throw new IllegalArgumentException("context length n: must be >= 0, got " + n);
        double[][] out = new double[models.length][units];
        SeedParallel.chunks(units, (from, to) -> {
            PromptBatch batch = new PromptBatch(setup, perUnit, n);
            AttentionPass pass = new AttentionPass(batch);
            for (int u = from; u < to; u++) {
                batch.fill(GaussianSampler.stream(seed, u), theta, n, perUnit);
                for (int m = 0; m < models.length; m++) {
                    pass.forward(models[m], batch);
                    out[m][u] = pass.sumSquaredError(batch) / perUnit;
                }
            }
        });
        return out;
    }

    public static Estimate[] estimate(IclSetup setup, Weights[] models, double[] theta, int n, int units, int perUnit, long seed) {
        double[][] um = unitMeans(setup, models, theta, n, units, perUnit, seed);
        Estimate[] e = new Estimate[models.length];
        for (int m = 0; m < models.length; m++) e[m] = new Estimate(SampleStats.mean(um[m]), SampleStats.se(um[m]), units * perUnit, um[m]);
        return e;
    }

    public static Estimate estimate(IclSetup setup, Weights model, double[] theta, int n, int units, int perUnit, long seed) {
        return estimate(setup, new Weights[] {model}, theta, n, units, perUnit, seed)[0];
    }
}
