package org.ftverify.theory.risk;

import org.ftverify.evidence.SeedParallel;
import org.ftverify.simd.GaussianSampler;

/**
 * The actual M1 recursion delta_{t+1} = a * delta_t - eta sigma * z_t in H's eigenbasis (O(d) per step), and the
 * outcome R = 1/2 (delta_T - u)'H(delta_T - u) + eps with fresh u ~ N(0, Psi), eps ~ N(0, tau2). Stateless apart
 * from the task's constants, so one instance serves all threads.
 */
final class M1Simulator {
    private final M1Task task;
    private final double[] a, etaSigma, sqrtPsi;
    private final double tau;

    M1Simulator(M1Task task) {
        this.task = task;
        int d = task.dimension();
        a = new double[d];
        etaSigma = new double[d];
        sqrtPsi = new double[d];
        for (int i = 0; i < d; i++) {
            a[i] = 1 - task.eta * task.h[i];
            etaSigma[i] = task.eta * Math.sqrt(task.sigma2[i]);
            sqrtPsi[i] = Math.sqrt(task.psi[i]);
        }
        tau = Math.sqrt(task.tau2);
    }

    M1Task task() {
        return task;
    }

    void start(double[] delta) {
        System.arraycopy(task.delta0, 0, delta, 0, delta.length);
    }

    /** {@code steps} SGD steps in place; z is scratch of length d. */
    void advance(double[] delta, int steps, double[] z, GaussianSampler g) {
        int d = delta.length;
        for (int t = 0; t < steps; t++) {
            g.fill(z, d);
            for (int i = 0; i < d; i++) delta[i] = a[i] * delta[i] - etaSigma[i] * z[i];
        }
    }

    /** R at the end of training, drawing the mismatch u and the evaluation noise. */
    double outcome(double[] delta, double[] z, GaussianSampler g) {
        int d = delta.length;
        g.fill(z, d);
        double r = 0;
        for (int i = 0; i < d; i++) {
            double e = delta[i] - sqrtPsi[i] * z[i];
            r += task.h[i] * e * e;
        }
        return 0.5 * r + tau * g.next();
    }

    /** Records run {@code run}'s state right after reaching {@code depths[depthIndex]}. */
    interface DepthProbe {
        void at(int run, int depthIndex, double[] delta);
    }

    /** Sees run {@code run}'s state after the last depth, with its scratch and stream (e.g. to draw the outcome). */
    interface RunEnd {
        void after(int run, double[] delta, double[] z, GaussianSampler g);
    }

    /**
     * Runs n independent trajectories through the ascending {@code depths} on all cores (run i draws from stream
     * (seed, i), so results do not depend on the schedule), calling {@code probe} at every depth and then {@code end}
     * (nullable). The one sweep every M1 Monte-Carlo claim uses.
     */
    void sweep(int n, long seed, int[] depths, DepthProbe probe, RunEnd end) {
        int d = task.dimension();
        SeedParallel.chunks(n, (from, to) -> {
            double[] delta = new double[d], z = new double[d];
            for (int i = from; i < to; i++) {
                GaussianSampler g = GaussianSampler.stream(seed, i);
                start(delta);
                int t = 0;
                for (int j = 0; j < depths.length; j++) {
                    advance(delta, depths[j] - t, z, g);
                    t = depths[j];
                    probe.at(i, j, delta);
                }
                if (end != null) end.after(i, delta, z, g);
            }
        });
    }

    /** Loss 1/2 delta'H delta (a coarse probe feature). */
    double loss(double[] delta) {
        double r = 0;
        for (int i = 0; i < delta.length; i++) r += task.h[i] * delta[i] * delta[i];
        return 0.5 * r;
    }

    /** The fork-at-c process: prefix to depth c, continuation to T, outcome. */
    ForkEstimator.Process forkAt(int c) {
        return new ForkEstimator.Process() {
            public int stateSize() { return task.dimension(); }
            public int scratchSize() { return task.dimension(); }
            public void prefix(GaussianSampler g, double[] state, double[] scratch) {
                start(state);
                advance(state, c, scratch, g);
            }
            public double finish(GaussianSampler g, double[] state, double[] scratch) {
                advance(state, task.horizon - c, scratch, g);
                return outcome(state, scratch, g);
            }
        };
    }
}
