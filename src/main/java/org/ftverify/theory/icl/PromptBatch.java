package org.ftverify.theory.icl;

import org.ftverify.simd.GaussianSampler;

/**
 * A batch of prompts, stored as one block of tokens: prompt b occupies rows b·T .. b·T + T - 1 of a (B·T) x D
 * matrix, n demonstrations (1, x_i, y_i) followed by the query (1, x_q, 0); its target y_q is kept apart.
 * Allocated once for a capacity (prompts, context length); {@link #fill} allocates nothing.
 */
public final class PromptBatch {
    final IclSetup setup;
    final int capacity;
    final int maxContext;
    final int dim;
    /** Tokens, (B·T) x D row-major. */
    final double[] z;
    /** Query targets y_q. */
    final double[] target;
    /** Scratch of standard normals for one fill. */
    private final double[] normals;
    private final double[] sqrtLambda;
    private final double[] taskScratch;
    int prompts;
    int context;

    public PromptBatch(IclSetup setup, int capacity, int maxContext) {
        if (capacity < 1) throw new IllegalArgumentException("batch size: must be >= 1, got " + capacity);
        if (maxContext < 0) throw new IllegalArgumentException("context length n: must be >= 0, got " + maxContext);
        this.setup = setup;
        this.capacity = capacity;
        this.maxContext = maxContext;
        this.dim = setup.tokenDim();
        int t = maxContext + 1;
        this.z = new double[capacity * t * dim];
        this.target = new double[capacity];
        this.normals = new double[capacity * (t * (setup.d() + 1) + setup.d())];
        this.sqrtLambda = new double[setup.d()];
        for (int i = 0; i < setup.d(); i++) sqrtLambda[i] = Math.sqrt(setup.lambda()[i]);
        this.taskScratch = new double[setup.d()];
    }

    /** Tokens per prompt, T = n + 1. */
    public int tokens() {
        return context + 1;
    }

    public int prompts() {
        return prompts;
    }

    /**
     * Draws {@code count} prompts with n demonstrations each from task {@code theta} (a fixed task vector), or, when
     * {@code theta} is null, from a fresh task uniform on the unit sphere for every prompt (pretraining, unseen tasks).
     */
    public void fill(GaussianSampler rng, double[] theta, int n, int count) {
        if (n < 0 || n > maxContext)
            throw new IllegalArgumentException("context length n: must be in [0, " + maxContext + "], got " + n);
        if (count < 1 || count > capacity)
            throw new IllegalArgumentException("prompt count: must be in [1, " + capacity + "], got " + count);
        int d = setup.d();
        int t = n + 1;
        int perPrompt = t * (d + 1) + (theta == null ? d : 0);
        rng.fill(normals, count * perPrompt);
        double sigma = Math.sqrt(setup.sigma2());
        int g = 0;
        for (int b = 0; b < count; b++) {
            double[] task = theta;
            if (task == null) {
                double nn = 0;
                for (int i = 0; i < d; i++) {
                    taskScratch[i] = normals[g + i];
                    nn += taskScratch[i] * taskScratch[i];
                }
                double inv = 1 / Math.sqrt(nn);
                for (int i = 0; i < d; i++) taskScratch[i] *= inv;
                g += d;
                task = taskScratch;
            }
            int base = b * t * dim;
            for (int m = 0; m < t; m++) {
                int row = base + m * dim;
                z[row] = 1;
                double y = 0;
                for (int i = 0; i < d; i++) {
                    double x = sqrtLambda[i] * normals[g++];
                    z[row + 1 + i] = x;
                    y += task[i] * x;
                }
                y += sigma * normals[g++];
                if (m < n) z[row + dim - 1] = y;
                else {
                    z[row + dim - 1] = 0; // the query's label entry is 0; its label is the target
                    target[b] = y;
                }
            }
        }
        prompts = count;
        context = n;
    }
}
