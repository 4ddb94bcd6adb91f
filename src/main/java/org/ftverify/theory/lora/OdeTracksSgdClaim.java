package org.ftverify.theory.lora;

import org.ftverify.core.Num;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;
import java.util.ArrayList;
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
import org.ftverify.ode.Trajectory;
import org.ftverify.simd.Kernels;

/**
 * P1 (lora.md §3): from the warm start (u0, m0) = (0.05, 0.2) the SGD summary statistics stay within C/sqrt(d) of the
 * model's ODE (§2.1) over the whole horizon (law of large numbers), C = 3 (lin, tanh, He2) or 6 (He3).
 * QUICK: one seed at the point's d. STANDARD/DEEP: 8/16 seeds, every seed held to C/sqrt(d), plus the same seeds at
 * d/4 and the scaling check mean gap(d) <= 0.7 mean gap(d/4) (fluctuations ~ d^{-1/2} predict 0.5; the spec averages
 * 4 seeds, too few for a ratio of extreme values, see check()).
 */
final class OdeTracksSgdClaim {
    static final String ID = "lora.ode-tracks-sgd";
    static final double U0 = 0.05, M0 = 0.2;

    private OdeTracksSgdClaim() {}

    static Claim claim(LoraTheoryModel model) {
        ParameterSpace space = ParameterSpace.of(
                        Parameter.choice("activation", List.of("lin", "tanh", "he2", "he3"), "student = teacher activation"),
                        Parameter.real("mu", 0.4, 0.9, 0.5, "pre-training strength (avoids He3's root mu* = 0.3207)"),
                        Parameter.real("gamma0", 0.2, 1.0, 0.5, "base learning rate; He_k runs at gamma0/(k!k)"),
                        Parameter.choice("batch", List.of("16", "1"), "mini-batch size B"),
                        Parameter.choice("d", List.of("1024", "4096"), "input dimension"))
                .constrained("He3 needs gamma0 <= 0.5 (lora.md §3 P1)", p -> !isHe3(p) || p.real("gamma0") <= 0.5)
                .constrained("He3 (horizon alpha = 200) runs at d = 1024: at d = 4096 one seed costs ~30 s", p -> !isHe3(p) || p.choice("d").equals("1024"));
        return Claim.builder(ID)
                .title("P1 — ODE tracks SGD")
                .statement("From a warm start, the SGD order parameters (u, m) stay within C/sqrt(d) of the solution of the summary-statistics ODE of lora.md §2.1 over the whole horizon.")
                .asciidoc("""
                        The ODE of lora.md §2.1, with rho = v·x, nu = w*·x, lambda = mu nu + u rho and g = (sigma(lambda) - sigma(nu)) sigma'(lambda):

                        * du/dalpha = -gamma E[g rho]
                        * dm/dalpha = -gamma u (E[g nu] - m E[g rho]) - (gamma^2/2) u^2 m E[g^2]

                        Warm start (u0, m0) = (0.05, 0.2) with v0 = m0 e1 + sqrt(1 - m0^2) e2; horizon alpha <= 20 (He3: 200).
                        Pass: symja:[Max(Abs(uSGD - uODE), Abs(mSGD - mODE)) <= c/Sqrt(d)] with c = 3 (6 for He3) for every seed;
                        at STANDARD/DEEP also gap(d) <= 0.7 gap(d/4).
                        """)
                .cites("lora-p1")
                .uses("two-gaussians", "gradients", "gradient-identities", "psi", "linear-ode")
                .reads("drift")
                .provenance("derived, validated")
                .space(space)
                .tries(3, 6, 12)
                .check((p, ctx) -> check(model, p, ctx))
                .build();
    }

    private static boolean isHe3(Params p) {
        return p.choice("activation").equals("he3");
    }

    static Evidence check(LoraTheoryModel model, Params p, CheckContext ctx) {
        Activation s = Activation.parse(p.choice("activation"));
        double mu = p.real("mu"), gamma0 = p.real("gamma0"), gamma = gamma0 / s.lrNormalisation();
        int batch = Integer.parseInt(p.choice("batch")), d = Integer.parseInt(p.choice("d"));
        boolean he3 = s == Activation.HE3;
        double horizon = he3 ? 200 : 20, c = he3 ? 6 : 3;
        int seeds = switch (ctx.level()) { case QUICK -> 1; case STANDARD -> 8; case DEEP -> 16; };
        Trajectory ode = model.integrate(s, mu, gamma, U0, M0, horizon, List.of());
        double[] cps = SampleStats.grid(0, horizon, horizon / 200);

        Evidence e = new Evidence().diagnostic("kernels", Kernels.species()).diagnostic("seeds", seeds)
                .diagnostic("gamma (effective)", gamma).diagnostic("ODE right-hand-side evaluations", ode.evaluations());
        double[][] gaps = gaps(s, mu, gamma, d, batch, cps, ode, seeds, ctx, 0, e, true);
        e.compare(Comparison.absolute(String.format("max over alpha <= %s of |SGD - ODE| in u and m, worst of %d seed(s), d = %d", Num.fmt(horizon), seeds, d),
                0, max(gaps[0]), c / Math.sqrt(d),
                "LLN fluctuations C/sqrt(d), C = " + Num.fmt(c) + " (lora.md §3 P1; the spec measured C ~ 0.5 for lin, ~3 for He3)"));
        if (ctx.level() != EvidenceLevel.QUICK) {
            int dSmall = d / 4;
            double[][] small = gaps(s, mu, gamma, dSmall, batch, cps, ode, seeds, ctx, 1000, e, false);
            e.compare(Comparison.absolute(String.format("max |SGD - ODE|, worst of %d seeds, d = %d", seeds, dSmall),
                    0, max(small[0]), c / Math.sqrt(dSmall), "LLN fluctuations C/sqrt(d) at d/4 (lora.md §3 P1)"));
            // Per-seed max gaps vary by 10-35% (measured, lin at d = 1024/4096), so a 4-seed ratio would exceed 0.7 in ~5-8%
            // of runs with an exact theory; 8 seeds (STANDARD) and 16 (DEEP) bring that to ~2% and well below.
            e.compare(Comparison.interval(String.format("mean max gap(d = %d) / mean max gap(d = %d)", d, dSmall),
                    SampleStats.mean(gaps[0]) / SampleStats.mean(small[0]), 0, 0.7,
                    "gap ~ d^{-1/2} predicts 0.5 for a 4x larger d; spec bound 0.7 (lora.md §3 P1, there with 4 seeds), averaged over " + seeds + " seeds"));
        }
        return e;
    }

    /** {per-seed max gap, per-seed RMS gap over alpha}; the first seed's trajectory goes into the plot. */
    private static double[][] gaps(Activation s, double mu, double gamma, int d, int batch, double[] cps,
                                 Trajectory ode, int seeds, CheckContext ctx, long stream, Evidence e, boolean withTheory) {
        SimSetup setup = new SimSetup(s, mu, gamma, d, batch);
        List<SimRun> runs = SeedParallel.map(seeds, k -> SgdRuns.run(setup, ctx.subSeed(stream + k), SimStart.warm(U0, M0), cps, 2, cps[cps.length - 1]));
        double[] gaps = new double[seeds], rms = new double[seeds];
        for (int k = 0; k < seeds; k++) {
            SimRun r = runs.get(k);
            double g = 0, ss = 0;
            for (int i = 0; i < r.size(); i++) {
                double[] y = ode.at(r.alpha()[i]);
                double du = y[0] - r.u()[i], dm = y[1] - r.m()[i];
                g = Math.max(g, Math.max(Math.abs(du), Math.abs(dm)));
                ss += du * du + dm * dm;
            }
            gaps[k] = g;
            rms[k] = Math.sqrt(ss / Math.max(1, r.size()));
        }
        e.diagnostic("per-seed max gap at d = " + d, java.util.Arrays.toString(gaps));
        e.diagnostic("per-seed RMS gap at d = " + d, java.util.Arrays.toString(rms));
        SimRun r0 = runs.get(0);
        int stride = Math.max(1, r0.size() / 40);
        List<Double> xa = new ArrayList<>(), um = new ArrayList<>(), mm = new ArrayList<>();
        for (int i = 0; i < r0.size(); i += stride) {
            xa.add(r0.alpha()[i]);
            um.add(r0.u()[i]);
            mm.add(r0.m()[i]);
        }
        double[] x = xa.stream().mapToDouble(Double::doubleValue).toArray();
        if (withTheory) {
            double[] fine = SampleStats.grid(0, cps[cps.length - 1], cps[cps.length - 1] / 400);
            e.series(Series.theory("m(alpha)", "ODE", "alpha", "m", fine, ode.sample(1, fine)));
            e.series(Series.theory("u(alpha)", "ODE", "alpha", "u", fine, ode.sample(0, fine)));
        }
        e.series(Series.simulation("m(alpha)", "SGD d = " + d, "alpha", "m", x, mm.stream().mapToDouble(Double::doubleValue).toArray(), null));
        e.series(Series.simulation("u(alpha)", "SGD d = " + d, "alpha", "u", x, um.stream().mapToDouble(Double::doubleValue).toArray(), null));
        return new double[][] {gaps, rms};
    }

    private static double max(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) m = Math.max(m, v);
        return m;
    }
}
