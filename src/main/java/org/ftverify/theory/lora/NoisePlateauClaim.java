package org.ftverify.theory.lora;

import org.ftverify.core.Num;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.Tolerance;
import org.ftverify.evidence.SeedParallel;
import java.util.List;
import org.ftverify.core.CheckAbort;
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
 * P9 (theory page, lora-claims, lora-fixed-points): the (gamma²/2) u² m Psi term of dm/dalpha makes the optimum m = 1 unstable when
 * gamma(1-mu)² > 2, and SGD then settles at m_inf = sqrt(2/(gamma(1-mu)²)), u_inf = (1-mu) m_inf, L_inf = ½(1-mu)²(1-m_inf²).
 * Linear, d = 2048, B = 1, warm start (0.05, 0.2), alpha <= 60; the time average over the last 20 alpha must lie within
 * a measured band of (a) the model's closed-form plateau and (b) the model's ODE over the same window (the latter is what a
 * missing noise term breaks). Every try also runs the control (mu = 0.5, gamma = 4: the optimum is stable, m -> 1 within
 * 1e-3) and the He2 plateau (mu = 0.1, gamma0 = 1: the model's ODE fixed point, within a measured band).
 */
final class NoisePlateauClaim {
    static final String ID = "lora.noise-plateau";
    /** seeds of the plateau average at d = 2048 (the theory page, lora-p9) */
    static final org.ftverify.core.LevelSize SEEDS = org.ftverify.core.LevelSize.seeds("seeds", 1, 2, 4);
    static final int D = 2048;
    static final double HORIZON = 60, WINDOW = 20, U0 = 0.05, M0 = 0.2;

    private NoisePlateauClaim() {}

    static Claim claim(LoraTheoryModel model) {
        ParameterSpace space = ParameterSpace.of(
                        Parameter.real("mu", 0, 0.5, 0.5, "pre-training strength"),
                        Parameter.real("gamma", 3, 10, 10, "effective learning rate (linear)"))
                .constrained("plateau well inside its domain: gamma(1-mu)^2 >= 2.5 (m_inf <= 0.894)", p -> p.real("gamma") * sq(1 - p.real("mu")) >= 2.5);
        return Claim.builder(ID)
                .title("P9 — Noise-induced plateau")
                .statement("For gamma(1-mu)^2 > 2 the SGD-noise term destabilises the optimum and linear LoRA SGD settles at the plateau m = sqrt(2/(gamma(1-mu)^2)) with u = (1-mu) m; below the threshold it converges to m = 1.")
                .asciidoc("""
                        Fixed point of du/dalpha = gamma((1-mu)m - u), dm/dalpha = gamma(1-mu)u(1-m^2) - (gamma^2/2)u^2 m (2L) (theory page, lora-loss, lora-fixed-points):
                        symja:[mInf == Sqrt(2/(gamma*(1 - mu)^2))], uInf = (1 - mu) mInf, symja:[LInf == (1 - mu)^2*(1 - mInf^2)/2].
                        d = 2048, B = 1, warm start (0.05, 0.2), alpha <= 60, time average over alpha in [40, 60], tolerance 5 measured seed sds (0.0017 per seed) + 0.15/sqrt(d).
                        Control mu = 0.5, gamma = 4: m -> 1 within 1e-3. He2, mu = 0.1, gamma0 = 1: the ODE fixed point (0.8633, 0.9269), within 5 measured seed sds (0.004 per seed) + 0.15/sqrt(d).
                        """)
                .cites("lora-p9")
                .uses("linear-ode", "noise-plateau", "noise-plateau-check")
                .reads("linear noise plateau", "drift", "noise term", "loss")
                .tolerance("5 measured per-seed sds of the time average / sqrt(seeds) + 0.15/sqrt(d) bias; control 1e-3")
                .provenance("derived, validated")
                .space(space)
                .tries(3, 6, 12)
                .levels(SEEDS)
                .check((p, ctx) -> check(model, p, ctx))
                .build();
    }

    static Evidence check(LoraTheoryModel model, Params p, CheckContext ctx) {
        double mu = p.real("mu"), gamma = p.real("gamma");
        int seeds = SEEDS.at(ctx.level());
        double[] window = SampleStats.grid(HORIZON - WINDOW, HORIZON, 0.05);
        double[] cps = concat(SampleStats.grid(0, HORIZON - WINDOW - 0.5, 0.5), window);
        SimSetup plateau = new SimSetup(Activation.LIN, mu, gamma, D, 1), control = new SimSetup(Activation.LIN, 0.5, 4, D, 1),
                he2 = SimSetup.ofBaseRate(Activation.HE2, 0.1, 1, D, 1);
        // He2's plateau average has a per-seed spread ~0.008 in m, five times the linear one: four seeds per level unit.
        int he2Seeds = 4 * seeds;
        // All runs of the three cases as one parallel batch: [plateau seeds | control seeds | He2 seeds].
        List<SimRun> runs = SeedParallel.map(2 * seeds + he2Seeds, i -> {
            SimSetup s = i < seeds ? plateau : i < 2 * seeds ? control : he2;
            return SgdRuns.run(s, ctx.subSeed(i), SimStart.warm(U0, M0), cps, 2, HORIZON);
        });
        Evidence e = new Evidence().diagnostic("kernels", Kernels.species()).diagnostic("seeds per case", seeds + " (He2: " + he2Seeds + ")").diagnostic("d", D);
        double[] avg = average(runs, 0, seeds, window.length);
        double[] fp = model.linearNoisePlateau(mu, gamma);
        Tolerance tol = plateauTolerance(LIN_SEED_SD, seeds);
        e.compare(tol.compare("plateau m, SGD time average vs sqrt(2/(gamma(1-mu)^2)) (model)", fp[1], avg[1]));
        e.compare(tol.compare("plateau u, SGD time average vs (1-mu) m_inf (model)", fp[0], avg[0]));
        double lInf = model.loss(Activation.LIN, mu, fp[0], fp[1]);
        e.compare(Tolerance.derived(sq(1 - mu) * tol.value(), "|dL/dm| = (1-mu)^2 m_inf <= (1-mu)^2 at the plateau (dL/du = 0 there), times the band on m: "
                + tol.derivation()).compare("plateau loss, SGD time average vs L(u_inf, m_inf) (model)", lInf, avg[2]));
        Trajectory ode = model.integrate(Activation.LIN, mu, gamma, U0, M0, HORIZON, List.of());
        e.compare(tol.compare("plateau m, SGD vs the model's ODE, both averaged over alpha in [40, 60]", meanOf(ode.sample(1, window)), avg[1]));
        plot(e, runs.get(0), ode, "mu = " + Num.fmt(mu) + ", gamma = " + Num.fmt(gamma));

        double[] cAvg = average(runs, seeds, 2 * seeds, window.length);
        Trajectory cOde = model.integrate(Activation.LIN, 0.5, 4, U0, M0, HORIZON, List.of());
        double[] cFixed = model.predictedFixedPoint(cOde.at(HORIZON));
        e.compare(Comparison.absolute("control mu = 0.5, gamma = 4 (gamma(1-mu)^2 = 1 < 2): SGD m time average vs the model's ODE fixed point",
                cFixed[1], cAvg[1], 1e-3, "spec: m -> 1 within 1e-3 (theory page, lora-p9; noise vanishes at the optimum (Psi = 0), so no 1/sqrt(d) floor"));

        double[] hAvg = average(runs, 2 * seeds, 2 * seeds + he2Seeds, window.length);
        Trajectory hOde = model.integrate(Activation.HE2, 0.1, 1.0 / Activation.HE2.lrNormalisation(), U0, M0, 200, List.of());
        double[] hFixed = model.predictedFixedPoint(hOde.at(200));
        requireSettled(model, hFixed, hOde.at(200));
        Tolerance hTol = plateauTolerance(HE2_SEED_SD, he2Seeds);
        e.compare(hTol.compare("He2 mu = 0.1, gamma0 = 1: SGD m time average vs the model's ODE fixed point", hFixed[1], hAvg[1]));
        e.compare(hTol.compare("He2 mu = 0.1, gamma0 = 1: SGD u time average vs the model's ODE fixed point", hFixed[0], hAvg[0]));
        e.diagnostic("He2 loss: SGD time average / model at the fixed point", Num.fmt(hAvg[2]) + " / " + Num.fmt(model.loss(Activation.HE2, 0.1, hFixed[0], Math.max(-1, Math.min(1, hFixed[1])))));
        e.diagnostic("control loss (SGD time average)", cAvg[2]);
        return e;
    }

    /**
     * Per-seed sd of the 20-alpha time average at d = 2048, B = 1 (theory page, lora-p9): measured over 4 seeds at each of
     * (mu, gamma) = (0.5, 10), (0, 3), (0.3, 7), (0.2, 5) (quick level, seeds 104729·{1..4}): linear m 0.0017 (16 runs,
     * range -0.0024..+0.0025); He2 at mu = 0.1, gamma0 = 1: 0.008 per seed (6 seeds, measured for an earlier version of
     * this claim; our 2-seed averages spread 0.0035, i.e. 0.005 per seed, and run seed 33 saw a 2-seed average 0.0146 off).
     */
    static final double LIN_SEED_SD = 0.0017, HE2_SEED_SD = 0.008;

    /**
     * 5 measured per-seed sds over sqrt(seeds) plus the O(d^-1/2) bias of the plateau, C = 0.15: the notes' SGD
     * plateaus at d = 2048 lie 0.0015-0.0028 below the formula (C <= 0.13), ours -0.0007 on average.
     */
    static Tolerance plateauTolerance(double seedSd, int seeds) {
        return Tolerance.derived(5 * seedSd / Math.sqrt(seeds), "5 x the measured per-seed sd " + seedSd + " of the time average / sqrt(" + seeds
                        + " seeds) (theory page, lora-p9)")
                .plus(Tolerance.finiteSize(0.15, D, "plateau bias at d = 2048 measured -0.0015..-0.0028 by the notes, C <= 0.13"));
    }

    /** The He2 prediction is the ODE's end state: make sure it is a fixed point, not a transient. */
    private static void requireSettled(LoraTheoryModel model, double[] fixed, double[] end) {
        double[] dy = new double[2];
        model.drift(Activation.HE2, 0.1, 1.0 / Activation.HE2.lrNormalisation(), end[0], end[1], dy);
        if (Math.abs(dy[0]) + Math.abs(dy[1]) > 1e-6)
            throw CheckAbort.diverged("He2 ODE not settled at alpha = 200: drift " + dy[0] + ", " + dy[1] + " at " + fixed[0] + ", " + fixed[1]);
    }

    /** {u, m, L} averaged over the window checkpoints (the last n of each run) and over runs [from, to). */
    private static double[] average(List<SimRun> runs, int from, int to, int n) {
        double[] s = new double[3];
        for (int k = from; k < to; k++) {
            SimRun r = runs.get(k);
            if (r.size() < n) throw new IllegalStateException("run " + k + " stopped early at alpha " + r.endAlpha());
            for (int i = r.size() - n; i < r.size(); i++) {
                s[0] += r.u()[i];
                s[1] += r.m()[i];
                s[2] += r.loss()[i];
            }
        }
        for (int j = 0; j < 3; j++) s[j] /= (double) n * (to - from);
        return s;
    }

    private static void plot(Evidence e, SimRun r, Trajectory ode, String label) {
        int stride = Math.max(1, r.size() / 120);
        int n = (r.size() + stride - 1) / stride;
        double[] x = new double[n], y = new double[n];
        for (int i = 0, j = 0; i < r.size(); i += stride, j++) {
            x[j] = r.alpha()[i];
            y[j] = r.m()[i];
        }
        double[] fine = SampleStats.grid(0, HORIZON, 0.25);
        e.series(Series.theory("m(alpha), " + label, "ODE (model)", "alpha", "m", fine, ode.sample(1, fine)));
        e.series(Series.simulation("m(alpha), " + label, "SGD d = " + D, "alpha", "m", x, y, null));
    }

    private static double meanOf(double[] x) {
        return SampleStats.mean(x);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double sq(double x) {
        return x * x;
    }
}
