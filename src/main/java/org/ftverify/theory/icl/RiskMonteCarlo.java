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

    /**
     * Mean squared difference E[(ŷ_a − ŷ_b)²] of two models' predictions on the same prompts (per-unit means as samples):
     * how far model a is from model b as a predictor. By Cauchy–Schwarz their risks differ by at most 2√(R_b·D) + D.
     */
    public static Estimate squaredDifference(IclSetup setup, Weights a, Weights b, double[] theta, int n, int units, int perUnit, long seed) {
        double[] out = new double[units];
        SeedParallel.chunks(units, (from, to) -> {
            PromptBatch batch = new PromptBatch(setup, perUnit, n);
            AttentionPass pa = new AttentionPass(batch), pb = new AttentionPass(batch);
            for (int u = from; u < to; u++) {
                batch.fill(GaussianSampler.stream(seed, u), theta, n, perUnit);
                pa.forward(a, batch);
                pb.forward(b, batch);
                double acc = 0;
                for (int p = 0; p < perUnit; p++) {
                    double e = pa.prediction(p) - pb.prediction(p);
                    acc += e * e;
                }
                out[u] = acc / perUnit;
            }
        });
        return new Estimate(SampleStats.mean(out), SampleStats.se(out), units * perUnit, out);
    }
}
