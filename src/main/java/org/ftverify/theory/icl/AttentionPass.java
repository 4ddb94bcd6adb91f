package org.ftverify.theory.icl;

import org.ftverify.simd.Kernels;

/**
 * Forward and backward pass of the linear attention model over a {@link PromptBatch}
 * (docs/theory/icl.adoc#icl-model): ŷ = (1/T) Σ_{M=1..T} (z_qᵀ Q z_M)(vᵀ z_M), the sum including the query token,
 * T = n + 1. With r_M = vᵀz_M and s_M = (Qᵀz_q)ᵀz_M: ∂ŷ/∂Q = z_q hᵀ/T with h = Σ r_M z_M, and ∂ŷ/∂v = Σ s_M z_M/T.
 * Scratch is allocated once for the batch's capacity; the passes allocate nothing.
 */
public final class AttentionPass {
    private final int dim;
    private final double[] r;
    private final double[] s;
    private final double[] pred;
    private final double[] qz;
    private final double[] h;
    private final double[] k;

    public AttentionPass(PromptBatch batch) {
        this.dim = batch.dim;
        int rows = batch.capacity * (batch.maxContext + 1);
        r = new double[rows];
        s = new double[rows];
        pred = new double[batch.capacity];
        qz = new double[dim];
        h = new double[dim];
        k = new double[dim];
    }

    /** Predictions ŷ_b into the internal buffer (read with {@link #prediction}); r and s stay for the backward pass. */
    public void forward(Weights w, PromptBatch b) {
        int t = b.tokens();
        int rows = b.prompts * t;
        Kernels.gemv(b.z, rows, dim, w.v, r); // r_M = vᵀ z_M for every token of the batch at once
        for (int p = 0; p < b.prompts; p++) {
            int base = p * t * dim;
            int query = base + (t - 1) * dim;
            Kernels.gemvTransposedAt(w.q, 0, dim, dim, b.z, query, qz, 0); // Qᵀ z_q
            Kernels.gemvAt(b.z, base, t, dim, qz, 0, s, p * t); // s_M = z_qᵀ Q z_M
            double acc = 0;
            for (int m = 0; m < t; m++) acc += s[p * t + m] * r[p * t + m];
            pred[p] = acc / t;
        }
    }

    public double prediction(int p) {
        return pred[p];
    }

    /** Squared errors (ŷ_b - y_q)² of the last forward pass, summed. */
    public double sumSquaredError(PromptBatch b) {
        double sum = 0;
        for (int p = 0; p < b.prompts; p++) {
            double e = pred[p] - b.target[p];
            sum += e * e;
        }
        return sum;
    }

    /**
     * Adds {@code weight} times the gradient of the batch-mean squared error to (gQ, gv), after {@link #forward};
     * returns the batch-mean squared error.
     */
    public double accumulateGradient(Weights w, PromptBatch b, double weight, double[] gQ, double[] gv) {
        double loss = 0;
        for (int p = 0; p < b.prompts; p++) {
            double e = pred[p] - b.target[p];
            loss += e * e;
            promptGradient(b, p, 2 * e * weight / b.prompts, gQ, gv);
        }
        return loss / b.prompts;
    }

    /** Adds c · ∂ŷ_p/∂(Q, v) to (gQ, gv) for prompt p of the last forward pass. */
    public void promptGradient(PromptBatch b, int p, double c, double[] gQ, double[] gv) {
        int t = b.tokens();
        int base = p * t * dim;
        int query = base + (t - 1) * dim;
        double ct = c / t;
        Kernels.gemvTransposedAt(b.z, base, t, dim, r, p * t, h, 0); // h = Σ r_M z_M
        Kernels.gemvTransposedAt(b.z, base, t, dim, s, p * t, k, 0); // k = Σ s_M z_M
        for (int i = 0; i < dim; i++) {
            double a = ct * b.z[query + i]; // 0 for the query's label entry: row D-1 of ∂ŷ/∂Q vanishes
            int row = i * dim;
            for (int j = 0; j < dim; j++) gQ[row + j] += a * h[j];
        }
        for (int j = 0; j < dim; j++) gv[j] += ct * k[j];
    }

    /** Residual ŷ_p - y_q of the last forward pass. */
    public double residual(PromptBatch b, int p) {
        return pred[p] - b.target[p];
    }
}
