package org.ftverify.theory.icl;

import org.ftverify.core.CheckAbort;
import org.ftverify.simd.GaussianSampler;
import org.ftverify.simd.Kernels;

/**
 * SGD with heavy-ball momentum and joint gradient-norm clipping on the linear attention model, as in the authors'
 * training code (docs/theory/icl.adoc#icl-training): buf = μ·buf + g, p -= lr·buf; clipping rescales (g_Q, g_v)
 * jointly to norm {@code clip} when larger. Fresh prompts every step (population SGD). Objectives: pretraining on a
 * fresh unit task per prompt with m demonstrations, zero-shot (one-token prompts of the target task), few-shot (N
 * demonstrations), and ZS + λ_t FS with λ_t decaying linearly from 1 to 0. {@link #step} allocates nothing.
 */
public final class AttentionSgd {
    /** Which parameters move. */
    public enum Subset { ALL, VALUE, QUERY_KEY }

    /** The training loss. */
    public enum Objective { PRETRAIN, ZERO_SHOT, FEW_SHOT, ZS_PLUS_FS }

    /** lr, momentum μ (0 = plain SGD), clip threshold (infinite = off), prompts per step. */
    public record Config(double lr, double momentum, double clip, int batch, Subset subset, Objective objective, int context,
                         int totalSteps) {
        public Config {
            if (!(lr > 0)) throw new IllegalArgumentException("lr (learning rate): must be > 0, got " + lr);
            if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum: must be in [0, 1), got " + momentum);
            if (!(clip > 0)) throw new IllegalArgumentException("clip (gradient-norm threshold): must be > 0, got " + clip);
            if (batch < 1) throw new IllegalArgumentException("batch (prompts per step): must be >= 1, got " + batch);
            if (context < 1 && objective != Objective.ZERO_SHOT)
                throw new IllegalArgumentException("context length (demonstrations per prompt): must be >= 1, got " + context);
            if (totalSteps < 1) throw new IllegalArgumentException("totalSteps: must be >= 1, got " + totalSteps);
        }
    }

    private final IclSetup setup;
    private final Config cfg;
    private final double[] theta0;
    private final Weights w;
    private final GaussianSampler rng;
    private final PromptBatch zsBatch, fsBatch;
    private final AttentionPass zsPass, fsPass;
    private final double[] gQ, gv, bufQ, bufV;
    private int step;
    private double lastLoss;

    /** Starts from {@code start} (copied); {@code theta0} is the fine-tuning task (ignored for pretraining). */
    public AttentionSgd(IclSetup setup, Config cfg, Weights start, double[] theta0, long seed) {
        this.setup = setup;
        this.cfg = cfg;
        this.theta0 = theta0 == null ? null : theta0.clone();
        if (cfg.objective() != Objective.PRETRAIN && theta0 == null) throw new IllegalArgumentException("theta0: the fine-tuning task is required");
        this.w = start.copy();
        this.rng = new GaussianSampler(seed);
        boolean zs = cfg.objective() == Objective.ZERO_SHOT || cfg.objective() == Objective.ZS_PLUS_FS;
        boolean fs = cfg.objective() != Objective.ZERO_SHOT;
        zsBatch = zs ? new PromptBatch(setup, cfg.batch(), 0) : null;
        zsPass = zs ? new AttentionPass(zsBatch) : null;
        fsBatch = fs ? new PromptBatch(setup, cfg.batch(), cfg.context()) : null;
        fsPass = fs ? new AttentionPass(fsBatch) : null;
        int n = w.dim * w.dim;
        gQ = new double[n];
        bufQ = new double[n];
        gv = new double[w.dim];
        bufV = new double[w.dim];
    }

    /** Random init of the authors' code: every entry of Q and v is N(0, std²). */
    public static Weights randomInit(int d, double std, long seed) {
        Weights w = new Weights(d);
        GaussianSampler g = new GaussianSampler(seed);
        g.fill(w.q, w.q.length);
        g.fill(w.v, w.v.length);
        Kernels.scale(std, w.q, w.q.length);
        Kernels.scale(std, w.v, w.v.length);
        return w;
    }

    public Weights weights() {
        return w;
    }

    public int steps() {
        return step;
    }

    /** Batch loss of the last step (the ZS part for ZS + FS). */
    public double lastLoss() {
        return lastLoss;
    }

    /** λ_t = (T - 1 - t)/(T - 1): 1 at the first step, 0 at the last. */
    public double lambdaAt(int t) {
        return cfg.totalSteps() == 1 ? 0 : Math.max(0, (double) (cfg.totalSteps() - 1 - t) / (cfg.totalSteps() - 1));
    }

    public void run(int steps) {
        for (int i = 0; i < steps; i++) step();
    }

    public void step() {
        java.util.Arrays.fill(gQ, 0);
        java.util.Arrays.fill(gv, 0);
        double loss;
        switch (cfg.objective()) {
            case PRETRAIN -> loss = gradient(fsBatch, fsPass, null, cfg.context(), 1);
            case FEW_SHOT -> loss = gradient(fsBatch, fsPass, theta0, cfg.context(), 1);
            case ZERO_SHOT -> loss = gradient(zsBatch, zsPass, theta0, 0, 1);
            default -> {
                loss = gradient(zsBatch, zsPass, theta0, 0, 1);
                double lam = lambdaAt(step);
                if (lam > 0) gradient(fsBatch, fsPass, theta0, cfg.context(), lam);
            }
        }
        if (cfg.subset() == Subset.VALUE) java.util.Arrays.fill(gQ, 0);
        if (cfg.subset() == Subset.QUERY_KEY) java.util.Arrays.fill(gv, 0);
        double norm = Math.sqrt(Kernels.squaredNorm(gQ, gQ.length) + Kernels.squaredNorm(gv, gv.length));
        if (!Double.isFinite(norm) || !Double.isFinite(loss))
            throw CheckAbort.diverged("attention SGD diverged at step " + step + ": loss " + loss + ", gradient norm " + norm
                    + ", |Q|² = " + Kernels.squaredNorm(w.q, w.q.length));
        double scale = norm > cfg.clip() ? cfg.clip() / (norm + 1e-6) : 1; // torch.nn.utils.clip_grad_norm_
        Kernels.scale(cfg.momentum(), bufQ, bufQ.length);
        Kernels.axpy(scale, gQ, bufQ, bufQ.length);
        Kernels.scale(cfg.momentum(), bufV, bufV.length);
        Kernels.axpy(scale, gv, bufV, bufV.length);
        Kernels.axpy(-cfg.lr(), bufQ, w.q, w.q.length);
        Kernels.axpy(-cfg.lr(), bufV, w.v, w.v.length);
        lastLoss = loss;
        step++;
    }

    private double gradient(PromptBatch batch, AttentionPass pass, double[] task, int n, double weight) {
        batch.fill(rng, task, n, cfg.batch());
        pass.forward(w, batch);
        return pass.accumulateGradient(w, batch, weight, gQ, gv);
    }
}
