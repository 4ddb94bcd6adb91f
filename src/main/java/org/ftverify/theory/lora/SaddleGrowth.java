package org.ftverify.theory.lora;

import java.util.Arrays;
import java.util.List;
import org.ftverify.core.CheckContext;
import org.ftverify.core.Evidence;
import org.ftverify.core.Num;
import org.ftverify.core.Series;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;

/**
 * The growth-rate measurement at the saddle shared by P4 and P6 (theory page, anchors lora-p4, lora-p6): SGD started
 * on the unstable eigenvector of the saddle, (u0, m0) = m0 (λ₊/A, 1) with m0 = {@value #M0}, and ln|m| fitted against α
 * per seed from α = 0 until |m| first reaches {@value #TOP}. The eigenvector comes from the closed forms of A and B
 * for lin and ReLU (the simulation's own input, never the model under test, so a mutant is judged on the same runs).
 * Starting on the eigenvector removes the stable-mode transient; starting at m0 = 0.04 (above the noise width
 * d^-1/2 above zero for d ≥ 1024) removes the Jensen bias that a start at the d^-1/2 scale puts into ln|m|.
 */
final class SaddleGrowth {
    static final double M0 = 0.04, TOP = 0.2;

    private SaddleGrowth() {}

    /** Per-seed fitted slopes of ln|m| vs alpha (NaN for a seed that never reached TOP within alphaMax). */
    static double[] slopes(Activation s, double mu, int d, int seeds, CheckContext ctx, long stream, double alphaMax, Evidence e) {
        double a = s == Activation.RELU ? (1 - mu) / 2 : 1 - mu, b = s == Activation.RELU ? -0.5 : -1;
        if (s != Activation.LIN && s != Activation.RELU) throw new IllegalArgumentException("activation: growth runs use lin or relu, not " + s.id());
        double lp = SaddleRates.lambdaPlus(a, b), u0 = M0 * lp / a;
        double[] cps = SampleStats.grid(0, alphaMax, alphaMax / 400);
        SimSetup setup = new SimSetup(s, mu, 1, d, 32);
        List<SimRun> runs = SeedParallel.map(seeds, k -> SgdRuns.run(setup, ctx.subSeed(stream + k), SimStart.warm(u0, M0), cps, TOP, alphaMax));
        double[] out = new double[seeds];
        for (int k = 0; k < seeds; k++) {
            SimRun r = runs.get(k);
            if (!r.escaped() || r.size() < 8) {
                out[k] = Double.NaN; // no growth to fit: a NaN slope fails every comparison, said plainly
                e.diagnostic(s.id() + " seed " + k, "|m| never reached " + TOP + " within alpha = " + Num.fmt(alphaMax) + ": counted as NaN (fails)");
                continue;
            }
            double[] lnm = Arrays.stream(r.m()).map(m -> Math.log(Math.abs(m))).toArray();
            out[k] = SampleStats.fit(r.alpha(), lnm).slope();
            if (k == 0) e.series(Series.simulation("ln|m|(alpha), " + s.id() + " mu = " + Num.fmt(mu), "SGD seed 0", "alpha", "ln|m|", r.alpha(), lnm, null));
        }
        e.diagnostic(s.id() + " slopes", Arrays.toString(out));
        return out;
    }

    /** Horizon: 1.6x the predicted time to grow from M0 to TOP at the exact rate of the closed forms (model-independent). */
    static double horizon(Activation s, double mu) {
        double tau = s == Activation.RELU ? 2 * SaddleRates.tauLinear(mu) : SaddleRates.tauLinear(mu);
        return 1.6 * Math.log(TOP / M0) * tau;
    }
}
