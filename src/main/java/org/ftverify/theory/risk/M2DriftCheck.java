package org.ftverify.theory.risk;

import org.ftverify.core.CheckContext;
import org.ftverify.core.Evidence;
import org.ftverify.evidence.Budget;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;
import org.ftverify.simd.GaussianSampler;

/**
 * The drift check of M2's second-moment dynamics (docs/theory/risk.adoc#risk-dynamics): from random states delta (H's
 * eigenbasis, |delta|_H^2 well above the label noise so that the fourth-moment terms matter), the Monte Carlo mean of
 * single minibatch-SGD increments (delta'_i^2 - delta_i^2)/eta of the actual recursion (Gaussian features) against the
 * theory's drift at m = delta^2, per component and for the excess risk 1/2 h'm. One step's expectation is exact for
 * Gaussian features, so the tolerance is the CLT band alone.
 */
final class M2DriftCheck {
    static final int STATES = 2;

    private M2DriftCheck() {}

    static void run(RiskTheoryModel model, M2Task task, M2Simulator.Kernel kernel, CheckContext ctx, Evidence e) {
        int d = task.dimension();
        double work = kernel == M2Simulator.Kernel.PROJECTED ? 1.5 * (d + 2.0 * task.batch) : 2.0 * task.batch * d;
        int n = Budget.units(ctx.level(), ctx.level().pick(20_000, 100_000, 400_000), work, 2000);
        M2Simulator sim = new M2Simulator(task);
        for (int st = 0; st < STATES; st++) {
            double[] d0 = new double[d], m0 = new double[d];
            new GaussianSampler(ctx.subSeed(60 + st)).fill(d0, d);
            for (int i = 0; i < d; i++) m0[i] = d0[i] * d0[i];
            double[][] inc = new double[d][n];
            double[] risk = new double[n];
            long seed = ctx.subSeed(70 + st);
            SeedParallel.chunks(n, (from, to) -> {
                double[] delta = new double[d];
                double[][] s = sim.scratch();
                GaussianSampler g = GaussianSampler.stream(seed, from); // one stream per fixed chunk of units: deterministic
                for (int k = from; k < to; k++) {
                    System.arraycopy(d0, 0, delta, 0, d);
                    sim.advance(delta, 1, kernel, s, g);
                    double r = 0;
                    for (int i = 0; i < d; i++) {
                        inc[i][k] = (delta[i] * delta[i] - m0[i]) / task.eta;
                        r += task.h[i] * inc[i][k];
                    }
                    risk[k] = 0.5 * r;
                }
            });
            double[] drift = model.m2().drift(task, m0);
            double worstZ = -1, pred = 0, obs = 0, se = 0;
            int at = 0;
            for (int i = 0; i < d; i++) {
                double m = SampleStats.mean(inc[i]), s = SampleStats.se(inc[i]), z = Math.abs(m - drift[i]) / s;
                if (z > worstZ) { worstZ = z; pred = drift[i]; obs = m; se = s; at = i; }
            }
            e.compare(MonteCarloEvidence.mean("drift of E delta_i^2, state " + st + ": component " + at + " vs the theory's drift at m = delta^2 "
                    + "(largest |z| of " + d + ")", pred, obs, se, n, "single SGD steps", 16 * d));
            e.compare(MonteCarloEvidence.mean("drift of the excess risk 1/2 h'm, state " + st, M2Theory.halfDot(task.h, drift), risk,
                    "single SGD steps", 16 * d));
        }
        e.diagnostic("drift check", STATES + " start states delta ~ N(0, I) per try, " + n + " single steps each, kernel " + kernel);
    }
}
