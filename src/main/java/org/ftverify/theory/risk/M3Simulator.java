package org.ftverify.theory.risk;

import org.ftverify.core.Seeds;
import org.ftverify.simd.GaussianSampler;

/**
 * The actual M3 flat-block recursion v_{t+1} = v_t - eta_t sqrt(q) z_t with eta_t = eta0 (t + t0)^-rho, outcome
 * R = v_T + eps. The per-step noise scales are precomputed once (shared read-only by all threads). For T = infinity
 * the recursion runs to a finite {@code simulatedSteps} and the remaining noise, exactly N(0, q eta0^2
 * zeta(2 rho, T_sim + t0)) because the increments are independent Gaussians, is added in one draw.
 */
final class M3Simulator {
    /** Fork depth meaning "after the whole run": forks then differ only in the evaluation noise (estimates L_int). */
    static final int END = -1;

    private final M3Task task;
    private final double[] scale;
    private final int steps;
    private final double tailSd, tau;

    M3Simulator(M3Task task, int simulatedSteps) {
        this.task = task;
        this.steps = Double.isInfinite(task.horizon) ? simulatedSteps : (int) task.horizon;
        if (Double.isInfinite(task.horizon) && simulatedSteps < 1) throw new IllegalArgumentException("simulatedSteps must be >= 1 for T = infinity");
        scale = new double[steps];
        double sq = Math.sqrt(task.q);
        for (int t = 0; t < steps; t++) scale[t] = sq * task.stepSize(t);
        tailSd = Double.isInfinite(task.horizon) ? Math.sqrt(task.q * task.eta0 * task.eta0 * HurwitzZeta.zeta(2 * task.rho, steps + task.t0)) : 0;
        tau = Math.sqrt(task.tau2);
    }

    int simulatedSteps() {
        return steps;
    }

    /** Advances v from step {@code from} to step {@code to} (exclusive); z is scratch of length >= to - from. */
    double advance(double v, int from, int to, double[] z, GaussianSampler g) {
        int n = to - from;
        if (n <= 0) return v;
        g.fill(z, n);
        for (int k = 0; k < n; k++) v -= scale[from + k] * z[k];
        return v;
    }

    /** From step {@code from} to the end of the run (including the exact Gaussian tail when T = infinity). */
    double toEnd(double v, int from, double[] z, GaussianSampler g) {
        v = advance(v, from, steps, z, g);
        return tailSd > 0 ? v - tailSd * g.next() : v;
    }

    double outcome(double vEnd, GaussianSampler g) {
        return vEnd + tau * g.next();
    }

    /** Fork process at depth c (0 <= c <= simulated steps) or at {@link #END}. */
    ForkEstimator.Process forkAt(int c) {
        if (c != END && (c < 0 || c > steps)) throw new IllegalArgumentException("fork depth c = " + c + " must lie in [0, " + steps + "]");
        return new ForkEstimator.Process() {
            public int stateSize() { return 1; }
            public int scratchSize() { return steps; }
            public void prefix(GaussianSampler g, double[] state, double[] scratch) {
                state[0] = c == END ? toEnd(0, 0, scratch, g) : advance(0, 0, c, scratch, g);
            }
            public double finish(GaussianSampler g, double[] state, double[] scratch) {
                double v = c == END ? state[0] : toEnd(state[0], c, scratch, g);
                return outcome(v, g);
            }
        };
    }

    /** Fork estimates U(c_j) at each depth, each depth with its own prefixes and forks (independent light probes). */
    ForkEstimator.Estimate[] profile(int[] depths, int prefixes, int branches, long seed) {
        ForkEstimator.Estimate[] out = new ForkEstimator.Estimate[depths.length];
        for (int j = 0; j < depths.length; j++) {
            out[j] = ForkEstimator.run(forkAt(depths[j]), prefixes, branches, org.ftverify.core.Seeds.mix(seed, 1000 + j));
        }
        return out;
    }
}
