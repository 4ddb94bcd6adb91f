package org.ftverify.theory.icl;

import java.util.Arrays;

/**
 * Parameters of the one-layer linear attention model (docs/theory/icl.adoc#icl-model): the merged key-query matrix
 * Q (D x D, row-major) and the value row v (the last row of V; the other rows never reach the prediction).
 * Index 0 is the constant feature, 1..d the covariates, D-1 the label. Mutable: the optimiser updates it in place.
 */
public final class Weights {
    public final int d;
    public final int dim;
    public final double[] q;
    public final double[] v;

    public Weights(int d) {
        if (d < 1) throw new IllegalArgumentException("d (covariate dimension): must be >= 1, got " + d);
        this.d = d;
        this.dim = d + 2;
        this.q = new double[dim * dim];
        this.v = new double[dim];
    }

    public Weights copy() {
        Weights w = new Weights(d);
        System.arraycopy(q, 0, w.q, 0, q.length);
        System.arraycopy(v, 0, w.v, 0, v.length);
        return w;
    }

    public double qAt(int i, int j) {
        return q[i * dim + j];
    }

    public void setQ(int i, int j, double value) {
        q[i * dim + j] = value;
    }

    /** Index of the label entry y in a token, D - 1. */
    public int yIndex() {
        return dim - 1;
    }

    /**
     * Family A (ICL-preserving): Q11 = γΣ^{-1}, value row (0, u, w); every other entry 0. Pretrained when u = 0.
     */
    public static Weights familyA(IclSetup s, double gamma, double[] u, double w) {
        Weights p = new Weights(s.d());
        for (int i = 0; i < s.d(); i++) p.setQ(1 + i, 1 + i, gamma / s.lambda()[i]);
        for (int i = 0; i < s.d(); i++) p.v[1 + i] = u[i];
        p.v[p.yIndex()] = w;
        return p;
    }

    /** Family B (after full zero-shot fine-tuning): Q00 = a, v_x = θ0/a, v_y; κ = a·v_y. */
    public static Weights familyB(int d, double a, double[] theta0, double vy) {
        Weights p = new Weights(d);
        p.setQ(0, 0, a);
        for (int i = 0; i < d; i++) p.v[1 + i] = theta0[i] / a;
        p.v[p.yIndex()] = vy;
        return p;
    }

    /** The reduced full-ZS manifold: Q = a e0e0ᵀ ⊕ (αI + βθ0θ0ᵀ), v = (0, pθ0, v_y). */
    public static Weights reduced(int d, double a, double alpha, double beta, double pCoef, double[] theta0, double vy) {
        Weights w = new Weights(d);
        w.setQ(0, 0, a);
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) w.setQ(1 + i, 1 + j, (i == j ? alpha : 0) + beta * theta0[i] * theta0[j]);
        for (int i = 0; i < d; i++) w.v[1 + i] = pCoef * theta0[i];
        w.v[w.yIndex()] = vy;
        return w;
    }

    @Override
    public String toString() {
        return "Weights[d=" + d + ", Q=" + Arrays.toString(q) + ", v=" + Arrays.toString(v) + "]";
    }
}
