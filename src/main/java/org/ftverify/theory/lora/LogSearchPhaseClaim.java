package org.ftverify.theory.lora;

import org.ftverify.core.Num;
import org.ftverify.evidence.SampleStats;
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
 * P5 (theory page, lora-claims, lora-p5): the search phase lasts alpha_esc ~ (tau/gamma0)(½ ln d + c), threshold |m| = 0.5, B = 16.
 *
 * <p>Two protocols. (1) The spec's random start (v0 uniform, u0 = 1/d²): its escape time carries the lottery of
 * ln|initial projection|, whose spread is ~1.1 tau/gamma0 per seed (measured: sd 6-8 for lin mu = 0.6 against a
 * slope of 3.56 per unit ln d). With 8 seeds per d that makes the slope's standard error ~30% of the prediction, the
 * size of the spec's tolerance, so the slope of the random-start means would decide nothing; it is only reported
 * (diagnostic and plot), and the random start is checked on its absolute level (spec: mean alpha_esc in
 * [0.6, 1.5] (tau/gamma0)(½ ln d) at d = 1024-2048). (2) The slope is checked with a deterministic overlap
 * m0 = 4/sqrt(d), u0 = 0 (a fixed typical 4-sigma value of the d^{-1/2} scale): the d-dependence is the same ½ ln d,
 * the lottery is gone (per-seed sd ~0.35 for lin, ~1.8 for He3), and the spec's ±30% becomes a sharp test for lin.
 * Measured for He3 at mu = 0.5 (8 seeds per d): slope 3.64 ± 0.36 over d = 256..4096 and ~4.0 over 512..4096 against
 * tau/2 = 4.52, i.e. a finite-size shortfall of ~12-20% that the ±30% band still covers.
 */
final class LogSearchPhaseClaim {
    static final String ID = "lora.log-search-phase";
    /** seeds per dimension (doubled for He3); the theory page (lora-p5) uses 8 per d */
    static final org.ftverify.core.LevelSize SEEDS = org.ftverify.core.LevelSize.seeds("seeds per d", 4, 8, 16);
    static final double THRESHOLD = 0.5, GAMMA0 = 1;

    private LogSearchPhaseClaim() {}

    static Claim claim(LoraTheoryModel model) {
        ParameterSpace space = ParameterSpace.of(
                        // He3 is left out until its finite-size shortfall is understood: finding lora-p5-he3-slope (open)
                        Parameter.choice("activation", List.of("lin"), "student = teacher activation (He3: see the open finding lora-p5-he3-slope)"),
                        Parameter.real("mu", 0.4, 0.7, 0.6, "pre-training strength (spec: lin 0.6, He3 0.5)"))
                .constrained("He3 needs mu >= 0.5 (A > 0, away from the root mu* = 0.3207 where tau diverges)",
                        p -> !p.choice("activation").equals("he3") || p.real("mu") >= 0.5);
        return Claim.builder(ID)
                .title("P5 — Logarithmic search phase")
                .statement("The time to escape the pre-trained saddle grows like (tau(mu)/gamma0)·½ ln d: the slope of the mean escape alpha against ln d is tau/(2 gamma0).")
                .asciidoc("""
                        Escape alpha = first alpha with |m| >= 0.5, gamma0 = 1, B = 16 (theory page, lora-p5):
                        symja:[alphaEsc == tau/gamma0*(Log(d)/2 + c)].

                        * Slope of the mean escape alpha against ln d, d = 512..4096, deterministic start
                          m0 = 4/sqrt(d), u0 = 0: tau/(2 gamma0) ± 30%.
                        * Random start (v0 uniform, u0 = 1/d^2), d = 1024 (and 2048 above QUICK): mean escape alpha in
                          [0.6, 1.5] (tau/gamma0)(½ ln d).
                        """)
                .cites("lora-p5")
                .uses("eigenvalues", "tau-linear")
                .reads("tau")
                .tolerance("the notes' +-30% on the slope and their band [0.6, 1.5] for the unknown O(1) constant (not derived here)")
                .provenance("code + derived, validated")
                .space(space)
                .tries(2, 3, 6)
                .levels(SEEDS)
                .check((p, ctx) -> check(model, p, ctx))
                .build();
    }

    static Evidence check(LoraTheoryModel model, Params p, CheckContext ctx) {
        Activation s = Activation.parse(p.choice("activation"));
        double mu = p.real("mu"), gamma = GAMMA0 / s.lrNormalisation();
        double tau = model.tau(s, mu), slopePred = tau / (2 * GAMMA0);
        boolean quick = ctx.level() == EvidenceLevel.QUICK;
        // d >= 512 keeps m0 = 4/sqrt(d) <= 0.18, well below the threshold 0.5 (at d = 256 it would already be 0.25).
        int[] dims = {512, 1024, 2048, 4096};
        // He3's SGD noise is several times the linear one at the saddle, so its per-seed spread is ~5x larger
        // (measured sd ~1.8 vs ~0.35 per d): twice the seeds.
        int base = SEEDS.at(ctx.level());
        int seeds = s == Activation.HE3 ? 2 * base : base;
        // Generous and model-independent (so a perturbed model is judged on the same runs): >= 20x any predicted escape here.
        double alphaMax = 2000;

        Evidence e = new Evidence().diagnostic("kernels", Kernels.species()).diagnostic("tau (model)", tau);
        double[] lnd = new double[dims.length], means = new double[dims.length], ses = new double[dims.length];
        for (int j = 0; j < dims.length; j++) {
            int d = dims[j];
            // Same stream for every d: seed k at different d shares its random numbers (common random numbers).
            double[] a = SgdRuns.alphas(ctx, 0, seeds, new SimSetup(s, mu, gamma, d, 16), SimStart.warm(0, 4 / Math.sqrt(d)), THRESHOLD, alphaMax);
            censor(a, d, alphaMax, e);
            lnd[j] = Math.log(d);
            means[j] = SampleStats.mean(a);
            ses[j] = SampleStats.se(a);
        }
        SampleStats.Line line = SampleStats.fit(lnd, means);
        e.compare(Comparison.relative("slope of mean escape alpha vs ln d (deterministic start m0 = 4/sqrt(d))", slopePred, line.slope(), 0.30,
                "spec tolerance ±30% (theory page, lora-p5; fitted over d = " + dims[0] + ".." + dims[dims.length - 1] + " with " + seeds
                        + " seeds per d; standard error of the fitted slope " + Num.fmt(line.slopeSe())));
        e.series(Series.simulation("escape alpha vs ln d", "SGD, m0 = 4/sqrt(d)", "ln d", "escape alpha", lnd, means, ses));
        double xm = SampleStats.mean(lnd), ym = SampleStats.mean(means);
        e.series(Series.theory("escape alpha vs ln d", "slope tau/(2 gamma0) (model)", "ln d", "escape alpha",
                new double[] {lnd[0], lnd[lnd.length - 1]}, new double[] {ym + slopePred * (lnd[0] - xm), ym + slopePred * (lnd[lnd.length - 1] - xm)}));

        int[] levelDims = quick ? new int[] {1024} : new int[] {1024, 2048};
        int randomSeeds = Math.max(8, seeds);
        double[] rl = new double[levelDims.length], rm = new double[levelDims.length], rs = new double[levelDims.length], pred = new double[levelDims.length];
        for (int j = 0; j < levelDims.length; j++) {
            int d = levelDims[j];
            double[] a = SgdRuns.alphas(ctx, 10_000, randomSeeds, new SimSetup(s, mu, gamma, d, 16), SimStart.random(1.0 / ((double) d * d)), THRESHOLD, alphaMax);
            censor(a, d, alphaMax, e);
            rl[j] = Math.log(d);
            rm[j] = SampleStats.mean(a);
            rs[j] = SampleStats.se(a);
            pred[j] = tau / GAMMA0 * 0.5 * Math.log(d);
            e.compare(Comparison.interval("random start: mean escape alpha / ((tau/gamma0) ½ ln d), d = " + d + ", " + randomSeeds + " seeds",
                    rm[j] / pred[j], 0.6, 1.5, "spec band [0.6, 1.5] (theory page, lora-p5 for the O(1) constant c; seed spread sd "
                            + Num.fmt(SampleStats.sd(a)) + " gives a standard error " + Num.fmt(rs[j] / pred[j]) + " on this ratio"));
            e.diagnostic("random-start escape alphas d = " + d, Arrays.toString(a));
        }
        e.series(Series.simulation("escape alpha vs ln d", "SGD, random start", "ln d", "escape alpha", rl, rm, rs));
        e.series(Series.theory("escape alpha vs ln d", "(tau/gamma0) ½ ln d (model)", "ln d", "escape alpha",
                new double[] {lnd[0], lnd[lnd.length - 1]}, new double[] {tau / GAMMA0 * 0.5 * lnd[0], tau / GAMMA0 * 0.5 * lnd[lnd.length - 1]}));
        e.diagnostic("deterministic-start means", Arrays.toString(means)).diagnostic("seeds per d", seeds);
        return e;
    }

    /**
     * A seed that never escaped is a lower bound alpha_esc >= alphaMax: it enters the mean as alphaMax (censored), so
     * a far-too-long search phase fails the comparison (alphaMax is ~20x the prediction) instead of hiding as NaN.
     */
    static void censor(double[] alphas, int d, double alphaMax, Evidence e) {
        int n = SgdRuns.notEscaped(alphas);
        if (n == 0) return;
        for (int k = 0; k < alphas.length; k++) if (Double.isNaN(alphas[k])) alphas[k] = alphaMax;
        e.diagnostic("censored at d = " + d, n + " of " + alphas.length + " seeds never escaped within alpha = " + Num.fmt(alphaMax) + " (counted as alphaMax)");
    }
}
