package org.ftverify.theory.risk;

import org.ftverify.simd.GaussianSampler;

/**
 * Online minibatch SGD on Gaussian linear regression (M2) in H's eigenbasis:
 * delta' = delta - (eta/b) sum_j x_j (x_j'delta - eps_j), x_j = H^1/2 z_j, z_j ~ N(0, I), eps_j ~ N(0, sigma2).
 *
 * <p>Two kernels produce the same Markov chain:
 * <ul>
 * <li>{@link Kernel#LITERAL} draws the b feature vectors: O(b d) per step (the reconstruction's "true Gaussian-feature
 * minibatches"; used at the standard and deep levels).
 * <li>{@link Kernel#PROJECTED} is exact in law at O(b + d): with w = H^1/2 delta and w^ = w/|w|, write
 * z_j = g_j w^ + y_j with g_j = w^'z_j ~ N(0,1) independent of y_j ~ N(0, I - w^w^'). Then x_j'delta = |w| g_j and,
 * with c_j = |w| g_j - eps_j, sum_j z_j c_j = w^ sum_j g_j c_j + sum_j y_j c_j where, given (g, eps), the last sum is
 * N(0, |c|^2 (I - w^w^')) = |c| (n - w^ w^'n) for one n ~ N(0, I). So one d-vector and 2b scalars per step replace
 * b d-vectors. {@code M2SimulatorTest} checks both kernels against each other and against the exact recursion.
 * </ul>
 */
final class M2Simulator {
    enum Kernel { LITERAL, PROJECTED }

    private final M2Task task;
    private final double[] sqrtH;
    private final double sigma, stepOverB;

    M2Simulator(M2Task task) {
        this.task = task;
        sqrtH = new double[task.dimension()];
        for (int i = 0; i < sqrtH.length; i++) sqrtH[i] = Math.sqrt(task.h[i]);
        sigma = Math.sqrt(task.sigma2);
        stepOverB = task.eta / task.batch;
    }

    /** Scratch arrays of one thread: two of length d and one of length 2b. */
    double[][] scratch() {
        return new double[][] {new double[task.dimension()], new double[task.dimension()], new double[2 * task.batch]};
    }

    void start(double[] delta) {
        System.arraycopy(task.delta0, 0, delta, 0, delta.length);
    }

    void advance(double[] delta, int steps, Kernel kernel, double[][] scratch, GaussianSampler g) {
        if (kernel == Kernel.LITERAL) literal(delta, steps, scratch[0], scratch[1], g);
        else projected(delta, steps, scratch[0], scratch[1], scratch[2], g);
    }

    private void literal(double[] delta, int steps, double[] z, double[] grad, GaussianSampler g) {
        int d = delta.length, b = task.batch;
        for (int t = 0; t < steps; t++) {
            java.util.Arrays.fill(grad, 0);
            for (int j = 0; j < b; j++) {
                g.fill(z, d);
                double r = 0;
                for (int i = 0; i < d; i++) r += sqrtH[i] * z[i] * delta[i];
                r -= sigma * g.next();
                for (int i = 0; i < d; i++) grad[i] += sqrtH[i] * z[i] * r;
            }
            for (int i = 0; i < d; i++) delta[i] -= stepOverB * grad[i];
        }
    }

    private void projected(double[] delta, int steps, double[] w, double[] n, double[] ge, GaussianSampler g) {
        int d = delta.length, b = task.batch;
        for (int t = 0; t < steps; t++) {
            double norm2 = 0;
            for (int i = 0; i < d; i++) {
                w[i] = sqrtH[i] * delta[i];
                norm2 += w[i] * w[i];
            }
            double norm = Math.sqrt(norm2), inv = norm > 0 ? 1 / norm : 0;
            g.fill(ge, 2 * b);
            double along = 0, c2 = 0;
            for (int j = 0; j < b; j++) {
                double c = norm * ge[j] - sigma * ge[b + j];
                along += ge[j] * c;
                c2 += c * c;
            }
            g.fill(n, d);
            double proj = 0;
            for (int i = 0; i < d; i++) proj += w[i] * inv * n[i];
            double cn = Math.sqrt(c2);
            for (int i = 0; i < d; i++) {
                double wh = w[i] * inv;
                delta[i] -= stepOverB * sqrtH[i] * (wh * along + cn * (n[i] - wh * proj));
            }
        }
    }

    /** Excess risk 1/2 delta'H delta. */
    double excessRisk(double[] delta) {
        double s = 0;
        for (int i = 0; i < delta.length; i++) s += task.h[i] * delta[i] * delta[i];
        return 0.5 * s;
    }
}
