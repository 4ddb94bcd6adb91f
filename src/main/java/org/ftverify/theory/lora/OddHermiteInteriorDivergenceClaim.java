package org.ftverify.theory.lora;

import org.ftverify.core.Num;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.Tolerance;
import org.ftverify.evidence.RunMemo;
import org.ftverify.ode.Event;
import java.util.List;
import java.util.Arrays;
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
 * P8 (theory page, lora-claims, lora-saddle): for He3, A(mu) vanishes at mu* = 0.3207, so tau diverges there and SGD does not escape the
 * pre-trained saddle near mu*, while it escapes quickly at mu = 0.5-0.75. The model decides each category: a point is
 * predicted "no escape" when even the low edge of the spec's band, 0.6 (tau/gamma0)(½ ln d), lies beyond alpha_max = 400.
 * He3, gamma0 = 1, d = 1024, B = 16, random start u0 = 1/d², threshold |m| = 0.5, 6 seeds (12 at DEEP);
 * pass: at least 5/6 of the seeds in each category behave as predicted, and in the escaping category the mean escape
 * alpha from P5's deterministic start matches the exact ODE's escape time scaled by tau_model/tau_exact ({@link #escapeLevel}).
 */
final class OddHermiteInteriorDivergenceClaim {
    static final String ID = "lora.odd-hermite-interior-divergence";
    /** seeds per category at d = 1024 (the theory page, lora-p8: 6) */
    static final org.ftverify.core.LevelSize SEEDS = org.ftverify.core.LevelSize.seeds("seeds", 6, 6, 12);
    static final double GAMMA0 = 1, ALPHA_MAX = 400, THRESHOLD = 0.5;
    static final int D = 1024;
    /** Relative SGD-vs-exact-ODE escape-time difference allowed (theory page, lora-p8). */
    static final double SGD_VS_ODE = 0.15;

    private OddHermiteInteriorDivergenceClaim() {}

    static Claim claim(LoraTheoryModel model) {
        ParameterSpace space = ParameterSpace.of(
                Parameter.real("muNear", 0.31, 0.36, 0.32, "pre-training strength near the root mu* = 0.3207 of A (spec: 0.32, 0.35)"),
                Parameter.real("muFar", 0.5, 0.75, 0.5, "pre-training strength well above mu* (spec: 0.5, 0.7)"));
        return Claim.builder(ID)
                .title("P8 — Interior divergence for odd Hermite targets")
                .statement("For He3, the escape time diverges at the interior root mu* = 0.3207 of A(mu): SGD stays at the pre-trained saddle near mu* but escapes quickly further from it.")
                .asciidoc("""
                        He3 normalised: symja:[A == mu*(1 - mu)*(5*mu^3 + 5*mu^2 + mu - 1)/2] vanishes at mu* = 0.32072, so
                        tau = 1/lambda+ diverges there and the line u = 0 becomes a line of fixed points (theory page, lora-saddle).
                        Predicted escape alpha (tau/gamma0)(½ ln d); "no escape" is predicted when 0.6 times it exceeds alpha_max = 400.
                        gamma0 = 1, d = 1024, B = 16, 6 seeds near mu* and 12 far from it, random start; pass: >= 5/6 seeds per category.
                        Escape level far from mu*: 12 seeds from the deterministic start m0 = 4/sqrt(d), u0 = 0; mean escape alpha against
                        the exact ODE's escape time from that start x tau_model/tau_exact, within 5 SE + 15% (measured SGD vs ODE).
                        """)
                .cites("lora-p8")
                .uses("roots-of-a", "roots-check", "eigenvalues")
                .reads("tau")
                .tolerance("the notes' 5 of 6 seeds per category (integer counts); escape level: 5 SE + measured SGD-vs-ODE difference 15%")
                .provenance("derived, validated")
                .space(space)
                .tries(2, 4, 8)
                .levels(SEEDS)
                .check((p, ctx) -> check(model, p, ctx))
                .build();
    }

    static Evidence check(LoraTheoryModel model, Params p, CheckContext ctx) {
        int seeds = SEEDS.at(ctx.level());
        Evidence e = new Evidence().diagnostic("kernels", Kernels.species()).diagnostic("seeds", seeds);
        category(model, p.real("muNear"), 0, seeds, ctx, e);
        // The escaping category is cheap (escape by alpha ~ 30) and carries the level comparison, whose 6-seed mean
        // spreads by sd ~0.09 around ~0.79 of the prediction (7 run seeds measured): twice the seeds keep it clear of
        // the band's lower edge 0.6 (theory page, lora-p8).
        category(model, p.real("muFar"), 1000, 2 * seeds, ctx, e);
        double[] mus = SampleStats.grid(0.26, 0.8, 0.01), pred = new double[mus.length];
        for (int i = 0; i < mus.length; i++) pred[i] = Math.min(1e5, model.tau(Activation.HE3, mus[i]) / GAMMA0 * 0.5 * Math.log(D));
        e.series(Series.theory("He3 escape alpha vs mu", "(tau/gamma0) ½ ln d (model)", "mu", "escape alpha", mus, pred).withLogAxes(false, true));
        return e;
    }

    /**
     * The escape level of the escaping category. The notes' band [0.6, 1.5] (tau/gamma0)(½ ln d) for a random start
     * does not hold over the whole range: its O(1) constant c grows towards mu = 0.75 (a false alarm at mu = 0.723,
     * mean 1.54 x (tau/gamma0)(½ ln d), alarm-run seed -4157855034794040261). So the level is checked with P5's
     * deterministic start m0 = 4/sqrt(d), u0 = 0, where the constant is computed: the exact ODE's escape alpha from
     * that start, scaled by tau_model/tau_exact (an error of tau scales the escape time). Tolerance: 5 SE of the seeds'
     * mean plus the measured SGD-vs-ODE difference of the escape time (theory page, lora-p8).
     */
    static void escapeLevel(LoraTheoryModel model, double mu, long stream, int seeds, CheckContext ctx, Evidence e) {
        double m0 = 4 / Math.sqrt(D), gamma = GAMMA0 / Activation.HE3.lrNormalisation();
        double[] a = SgdRuns.alphas(ctx, stream, seeds, SimSetup.ofBaseRate(Activation.HE3, mu, GAMMA0, D, 16), SimStart.warm(0, m0), THRESHOLD, ALPHA_MAX);
        LogSearchPhaseClaim.censor(a, D, ALPHA_MAX, e);
        LoraTheoryModel exact = LoraTheoryModel.exact();
        double ode = RunMemo.get(new OdeEscapeKey(mu, m0, gamma), () -> exact.integrate(Activation.HE3, mu, gamma, 0, m0, 5000,
                List.of(Event.absReaches("escape", 1, THRESHOLD, true))).eventTime("escape"));
        double predicted = ode * model.tau(Activation.HE3, mu) / exact.tau(Activation.HE3, mu);
        // A model that predicts escape where the exact ODE never escapes (NaN) fails here: the scale falls back to alpha_max.
        double scale = Double.isFinite(predicted) ? predicted : ALPHA_MAX;
        e.compare(Tolerance.clt(5, SampleStats.se(a), seeds, "seeds").atLeastRoundOff(1, scale)
                .plus(Tolerance.derived(SGD_VS_ODE * scale, "SGD vs exact-ODE escape alpha, relative " + SGD_VS_ODE + ", measured on the correct theory: "
                        + "He3 mu = 0.5, 0.6, 0.7, d = 512..32768, 16 seeds per d, every |difference| + 2 SE <= 14.2% (theory page, lora-p8)"))
                .compare("mean escape alpha, deterministic start m0 = 4/sqrt(d), d = " + D + ", mu = " + Num.fmt(mu) + ", " + seeds
                        + " seeds (prediction: exact ODE's escape " + Num.fmt(ode) + " x tau_model/tau_exact)", predicted, SampleStats.mean(a)));
        e.diagnostic("deterministic-start escape alphas at mu = " + Num.fmt(mu), Arrays.toString(a));
    }

    private record OdeEscapeKey(double mu, double m0, double gamma) {}

    /** The notes' rule "at least 5 of 6 seeds" as a count: half a seed below ceil(5n/6) separates a pass from a miss. */
    static Tolerance countRule(int seeds, String prediction) {
        return Tolerance.derived(0.5, prediction + "; integer count: half a seed below the notes' rule of >= 5/6 of " + seeds
                + " seeds (theory page, lora-p8)");
    }

    private static void category(LoraTheoryModel model, double mu, long stream, int seeds, CheckContext ctx, Evidence e) {
        double tau = model.tau(Activation.HE3, mu);
        double predicted = tau / GAMMA0 * 0.5 * Math.log(D);
        boolean noEscape = 0.6 * predicted > ALPHA_MAX;
        SimSetup setup = SimSetup.ofBaseRate(Activation.HE3, mu, GAMMA0, D, 16);
        double[] a = SgdRuns.alphas(ctx, stream, seeds, setup, SimStart.random(1.0 / ((double) D * D)), THRESHOLD, ALPHA_MAX);
        int stayed = SgdRuns.notEscaped(a), escaped = seeds - stayed, need = (int) Math.ceil(5.0 * seeds / 6);
        String where = "mu = " + Num.fmt(mu) + " (tau = " + Num.fmt(tau) + ", predicted escape alpha " + Num.fmt(predicted) + ")";
        if (noEscape) {
            e.compare(countRule(seeds, "prediction: no escape, since 0.6 x predicted > 400")
                    .atLeast("seeds still at the saddle (|m| < 0.5) at alpha = 400, " + where, stayed, need));
        } else {
            e.compare(countRule(seeds, "prediction: escape").atLeast("seeds escaped by alpha = 400, " + where, escaped, need));
            escapeLevel(model, mu, stream + 500, seeds, ctx, e);
        }
        double[] shown = a.clone();
        for (int k = 0; k < shown.length; k++) if (Double.isNaN(shown[k])) shown[k] = ALPHA_MAX; // plotted at the horizon
        double[] x = new double[seeds];
        Arrays.fill(x, mu);
        e.series(Series.simulation("He3 escape alpha vs mu", "SGD seeds, mu = " + Num.fmt(mu) + " (400 = no escape)", "mu", "escape alpha", x, shown, null).withLogAxes(false, true));
        e.diagnostic("escape alphas at mu = " + Num.fmt(mu), Arrays.toString(a));
    }
}
