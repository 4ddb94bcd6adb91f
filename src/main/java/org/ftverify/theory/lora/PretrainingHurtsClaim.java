package org.ftverify.theory.lora;

import org.ftverify.core.Num;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.Tolerance;
import org.ftverify.evidence.RunMemo;
import org.ftverify.evidence.SeedParallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ftverify.core.CheckContext;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Params;
import org.ftverify.core.Series;
import org.ftverify.simd.Kernels;

/**
 * P7 (theory page, anchor lora-p7): strong pre-training slows both phases.
 * (a) tau(mu)(1-mu)² -> k!k E[sigma'²]/E[z² sigma'²]² as mu -> 1 (model's tau at mu = 1 - 1e-4 against the constant from
 * this class's own quadrature; 1%). (b) linear, gamma = 1: mean escape alpha at mu = 0.9 over that at 0.6 ~ tau(0.9)/tau(0.6)
 * = 14.2 within a factor 1.5 (common seeds). (c) late loss decays like exp(-kappa_slow alpha), kappa_slow from the model,
 * fitted on L in [1e-5, 1e-2] at d = 4096, within 5% (measured fit error; the notes allow ±10%).
 */
final class PretrainingHurtsClaim {
    static final String ID = "lora.pretraining-hurts";
    /** dimension of the escape-ratio runs (b); the theory page (lora-p7) uses d = 2048 */
    static final org.ftverify.core.LevelSize DIM_B = org.ftverify.core.LevelSize.sgdDimension("d (b)", 512, 2048, 2048).part("(b)");
    /** common seeds of (b) (the theory page: 8) */
    static final org.ftverify.core.LevelSize SEEDS_B = org.ftverify.core.LevelSize.seeds("seeds (b)", 8, 8, 16).part("(b)");
    /** seeds of the late-rate fit (c) at d = 4096 (the theory page: one) */
    static final org.ftverify.core.LevelSize SEEDS_C = org.ftverify.core.LevelSize.seeds("seeds (c)", 1, 2, 4).part("(c)");
    static final double MU_LIMIT = 1 - 1e-4, LOSS_HI = 1e-2, LOSS_LO = 1e-5;
    /** Relative tolerance of the late-rate fit (c): 2x the largest per-seed deviation measured (theory page, lora-p7-calibration). */
    static final double KAPPA_FIT_TOL = 0.05;
    /** (a) runs for every activation of the theory in every try (a loop, not a random pick). */
    static final List<Activation> LIMIT_ACTIVATIONS = List.of(Activation.LIN, Activation.HE2, Activation.HE3, Activation.HE4, Activation.HE5,
            Activation.HE6, Activation.ERF, Activation.TANH, Activation.SIGMOID, Activation.RELU);

    private PretrainingHurtsClaim() {}

    static Claim claim(LoraTheoryModel model) {
        ParameterSpace space = ParameterSpace.of(
                        Parameter.real("muC", 0.3, 0.6, 0.5, "pre-training strength of the late-rate fit (c), linear"),
                        Parameter.real("gammaC", 0.7, 1.5, 1.0, "learning rate of the late-rate fit (c), linear"));
        return Claim.builder(ID)
                .title("P7 — Pre-training hurts: divergence as mu -> 1")
                .statement("As the pre-training strength mu -> 1 the search phase lengthens like (1-mu)^-2 (tau(mu)(1-mu)^2 tends to a constant set by the activation) and the final convergence rate kappa_slow shrinks like (1-mu)^2.")
                .asciidoc("""
                        (a) symja:[Limit(tau(mu)*(1 - mu)^2, mu -> 1) == k!*k*E(sigma1^2)/E(z^2*sigma1^2)^2] with sigma1 = sigma'
                        (1 for lin, 1/(2k-1)^2 for normalised He_k, 125 Pi/(4 Sqrt(5)) for erf), checked with the model's tau at mu = 1 - 1e-4 to 1%.

                        (b) Linear, gamma = 1, random start, 8 common seeds: mean escape alpha(mu = 0.9) / mean escape alpha(mu = 0.6) within a
                        factor 1.5 of tau(0.9)/tau(0.6) = 14.2.

                        (c) Linear, warm start: the population loss of the SGD state decays like exp(-kappaSlow alpha) with
                        symja:[kappaSlow == gamma*(1 - mu)^2*(2 - gamma*(1 - mu)^2)]; fit of ln L on L in [1e-5, 1e-2], d = 4096, within 5%
                        (2x the largest fit error measured on the correct theory; the notes allow ±10%).
                        """)
                .cites("lora-p7")
                .uses("limit-strong-pretraining", "limit-check", "erf-strong-pretraining", "late-rate", "late-rate-check")
                .reads("tau", "kappa_slow")
                .tolerance("(a) measured O(1-mu) correction (Richardson) + quadrature; (b) the notes' factor 1.5 and band [0.6, 1.5]; (c) measured fit error: 2x the largest per-seed deviation, 5% (the notes allow +-10%)")
                .provenance("derived, validated ((a) CAS/quadrature; (b), (c) simulation)")
                .space(space)
                .tries(2, 4, 8)
                .levels(DIM_B, SEEDS_B, SEEDS_C)
                .check((p, ctx) -> check(model, p, ctx))
                .build();
    }

    static Evidence check(LoraTheoryModel model, Params p, CheckContext ctx) {
        Evidence e = new Evidence().diagnostic("kernels", Kernels.species());
        for (Activation s : LIMIT_ACTIVATIONS) limit(model, s, e);
        escapeRatio(model, ctx, e);
        lateRate(model, p.real("muC"), p.real("gammaC"), ctx, e);
        return e;
    }

    /**
     * (a), theory page lora-p7: A ~ (1-mu) E[z² sigma'²], B(1) = -E[sigma'²] (both / k!k), so tau(1-mu)² -> k!k E[sigma'²]/E[z² sigma'²]².
     * Tolerance: the O(1-mu) correction at eps = 1e-4, measured by Richardson (twice |f(2 eps) - f(eps)|, which is the
     * correction at 2 eps minus that at eps, i.e. the correction at eps to first order), plus the quadrature error of
     * the constant (40-node Gauss–Hermite: 1.5e-7 relative for erf, measured in SimHelpersTest).
     */
    static void limit(LoraTheoryModel model, Activation s, Evidence e) {
        double e2 = SimGauss.expect(z -> sq(s.d1(z))), ez2 = SimGauss.expect(z -> z * z * sq(s.d1(z)));
        double constant = s.lrNormalisation() * e2 / (ez2 * ez2);
        double eps = 1 - MU_LIMIT, observed = model.tau(s, MU_LIMIT) * sq(eps), twice = model.tau(s, 1 - 2 * eps) * sq(2 * eps);
        double correction = 2 * Math.abs(twice - observed);
        e.compare(Tolerance.derived(correction, "O(1-mu) correction at 1 - mu = 1e-4 by Richardson, 2|f(2e-4) - f(1e-4)| = " + Num.sig(correction, 2))
                .plus(Tolerance.derived(1e-6 * Math.abs(constant), "quadrature error of the constant, <= 1e-6 relative (" + SimGauss.NODES
                        + "-node Gauss–Hermite of sigma', 1.5e-7 measured for erf)"))
                .compare("(a) tau(1 - 1e-4)·(1e-4)^2 for " + s.id() + " (model) vs k!k E[sigma'^2]/E[z^2 sigma'^2]^2", constant, observed));
        double[] mus = {0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999};
        double[] y = new double[mus.length], lim = new double[mus.length];
        for (int i = 0; i < mus.length; i++) {
            y[i] = model.tau(s, mus[i]) * sq(1 - mus[i]);
            lim[i] = constant;
        }
        e.series(Series.theory("(a) tau(mu)(1-mu)^2", "model " + s.id(), "mu", "tau (1-mu)^2", mus, y).withLogAxes(false, true));
        e.series(Series.theory("(a) tau(mu)(1-mu)^2", "limit constant", "mu", "tau (1-mu)^2", mus, lim).withLogAxes(false, true));
    }

    /** (b): common seeds at mu = 0.9 and 0.6 (same v0 and samples), so the ln|m0| lottery largely cancels in the ratio. */
    static void escapeRatio(LoraTheoryModel model, CheckContext ctx, Evidence e) {
        boolean quick = ctx.level() == EvidenceLevel.QUICK;
        int d = DIM_B.at(ctx.level()), seeds = SEEDS_B.at(ctx.level());
        double predicted = model.tau(Activation.LIN, 0.9) / model.tau(Activation.LIN, 0.6);
        double alphaMax = 8000; // >= 10x the predicted escape at mu = 0.9; model-independent so mutants see the same runs
        SimStart start = SimStart.random(1.0 / ((double) d * d));
        double[] hi = SgdRuns.alphas(ctx, 0, seeds, new SimSetup(Activation.LIN, 0.9, 1, d, 16), start, 0.5, alphaMax);
        double[] lo = SgdRuns.alphas(ctx, 0, seeds, new SimSetup(Activation.LIN, 0.6, 1, d, 16), start, 0.5, alphaMax);
        LogSearchPhaseClaim.censor(hi, d, alphaMax, e);
        LogSearchPhaseClaim.censor(lo, d, alphaMax, e);
        double ratio = SampleStats.mean(hi) / SampleStats.mean(lo);
        // Finite d enters the ratio through the O(1) constants of alpha ~ tau(½ ln d + c), i.e. ~ c/(½ ln d) in the log of
        // the ratio; at d = 512 that is ln 2048/ln 512 = 1.22 times the spec's d = 2048 effect, so the factor 1.5 becomes 1.5^1.22.
        double factor = quick ? Math.pow(1.5, Math.log(2048) / Math.log(512)) : 1.5;
        e.compare(Comparison.interval("(b) log of [mean escape alpha(0.9)/mean escape alpha(0.6)] / [tau(0.9)/tau(0.6) = " + Num.fmt(predicted) + " (model)]",
                Math.log(ratio / predicted), -Math.log(factor), Math.log(factor),
                "spec: within a factor 1.5 either way (theory page, lora-p7)" + (quick ? ", widened to " + Num.fmt(factor) + " for d = 512 (c/(½ ln d) scaling)" : "")
                        + "; " + seeds + " common seeds, d = " + d + "; observed ratio " + Num.fmt(ratio)));
        // Beside the ratio, which cancels an error common to tau(0.9) and tau(0.6): the level of the escape time at mu = 0.9
        // on its own, in the band [0.6, 1.5] (tau/gamma)(½ ln d) that holds the unknown O(1) constant c (theory page, lora-p5).
        double level = SampleStats.mean(hi) / (model.tau(Activation.LIN, 0.9) * 0.5 * Math.log(d));
        e.compare(Comparison.interval("(b) mean escape alpha(0.9) / ((tau(0.9)/gamma) ½ ln d), " + seeds + " seeds, d = " + d, level, 0.6, 1.5,
                "band [0.6, 1.5] for the O(1) constant c of alpha ~ (tau/gamma)(½ ln d + c) (the notes' band, as in P5)"));
        e.diagnostic("(b) escape alphas mu = 0.9", Arrays.toString(hi)).diagnostic("(b) escape alphas mu = 0.6", Arrays.toString(lo));
    }

    /** (c): run from the warm start in chunks until the loss is below 1e-5, then fit ln L on [1e-5, 1e-2]. */
    static void lateRate(LoraTheoryModel model, double mu, double gamma, CheckContext ctx, Evidence e) {
        int d = 4096, seeds = SEEDS_C.at(ctx.level());
        double predicted = model.kappaSlow(Activation.LIN, mu, gamma);
        SimSetup setup = new SimSetup(Activation.LIN, mu, gamma, d, 16);
        List<double[][]> runs = SeedParallel.map(seeds, k -> {
            long seed = ctx.subSeed(100 + k);
            return RunMemo.get(new CurveKey(setup, seed), () -> lossCurve(new LoraSgd(setup, seed).startWarm(0.05, 0.2), 400));
        });
        double[] rates = new double[seeds];
        for (int k = 0; k < seeds; k++) {
            double[] a = runs.get(k)[0], l = runs.get(k)[1];
            List<Integer> in = new ArrayList<>();
            for (int i = 0; i < l.length; i++) if (l[i] <= LOSS_HI && l[i] >= LOSS_LO) in.add(i);
            if (in.size() < 10) {
                rates[k] = Double.NaN; // the loss never crossed the fit band: no late exponential to fit (counts as a failure)
                continue;
            }
            double[] x = in.stream().mapToDouble(i -> a[i]).toArray(), y = in.stream().mapToDouble(i -> -Math.log(l[i])).toArray();
            rates[k] = SampleStats.fit(x, y).slope();
            if (k == 0) {
                e.series(Series.simulation("(c) loss vs alpha", "SGD population loss", "alpha", "L", a, l, null).withLogAxes(false, true));
                double a0 = x[0], l0 = l[in.get(0)];
                double[] xs = {a0, x[x.length - 1]};
                e.series(Series.theory("(c) loss vs alpha", "exp(-kappa_slow alpha) (model)", "alpha", "L", xs,
                        new double[] {l0, l0 * Math.exp(-predicted * (xs[1] - a0))}).withLogAxes(false, true));
            }
        }
        e.compare(Tolerance.derived(KAPPA_FIT_TOL * Math.abs(predicted), "relative " + KAPPA_FIT_TOL + " of kappa_slow, measured on the correct theory: "
                        + "per-seed fitted rate / kappa_slow - 1 over 20 runs (4 seeds at each of (mu, gamma) = (0.3, 0.7), (0.3, 1.5), (0.6, 0.7), "
                        + "(0.6, 1.5), (0.45, 1), d = 4096, quick protocol) lay in [-2.5%, +0.8%] (sd <= 1% per point); 2x the largest "
                        + "|deviation| (theory page, lora-p7-calibration; the notes allow +-10%)")
                .compare("(c) late loss decay rate, mean of " + seeds + " seed(s), mu = " + Num.fmt(mu) + ", gamma = " + Num.fmt(gamma)
                        + ", fit of ln L on L in [1e-5, 1e-2]", predicted, SampleStats.mean(rates)));
        e.diagnostic("(c) fitted rates", Arrays.toString(rates));
    }

    /** Inputs of one loss curve (for {@link SimCache}). */
    private record CurveKey(SimSetup setup, long seed) {}

    /** {alpha[], loss[]} every 0.1 alpha until the loss drops below LOSS_LO/3 or alpha reaches alphaMax. */
    private static double[][] lossCurve(LoraSgd sim, double alphaMax) {
        List<double[]> pts = new ArrayList<>();
        double chunk = 5;
        for (double from = 0; from < alphaMax; from += chunk) {
            SimRun r = sim.run(SampleStats.grid(from == 0 ? 0 : from + 0.1, from + chunk, 0.1), 2, from + chunk);
            for (int i = 0; i < r.size(); i++) pts.add(new double[] {r.alpha()[i], r.loss()[i]});
            if (r.size() > 0 && r.loss()[r.size() - 1] < LOSS_LO / 3) break;
        }
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }

    private static double sq(double x) {
        return x * x;
    }
}
