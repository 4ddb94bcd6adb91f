package org.ftverify.theory.lora;

import org.ftverify.core.Num;
import org.ftverify.evidence.SeedParallel;
import org.ftverify.evidence.Tolerance;
import java.util.Arrays;
import java.util.List;
import org.ftverify.core.CheckContext;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Params;
import org.ftverify.core.Series;
import org.ftverify.ode.Trajectory;
import org.ftverify.simd.Kernels;

/**
 * P11 (theory page, lora-claims, lora-fixed-points, lora-saddle): the escape direction and the end point.
 * (1) On the unstable eigenvector (lambda+, A) of the saddle, sign(u·m) = sign(A(mu)): at |m| = 0.3 this holds in
 * >= 90% of seeds (random start). (2) After escape each seed ends where the model's ODE, started from that seed's own
 * escape state, ends (the global minimum (±(1-mu), ±1) with u·m > 0 when A > 0; the He3 "un-learning" point with
 * u·m < 0, R = mu + u m < mu, when A < 0), within C/sqrt(d), C = 3 (6 for He3). (3) The model's He3 ODE end points at
 * mu = 0.2 and 0.1 (gamma0 = 1) match the spec's (0.1833, -0.9252) and (0.0922, -0.9257) to 1e-3.
 */
final class FixedPointSymmetryClaim {
    static final String ID = "lora.fixed-point-symmetry";
    /** dimension of the runs from random start */
    static final org.ftverify.core.LevelSize DIM = org.ftverify.core.LevelSize.sgdDimension("d", 512, 1024, 2048);
    /** seeds (in mirror pairs) */
    static final org.ftverify.core.LevelSize SEEDS = org.ftverify.core.LevelSize.seeds("seeds", 10, 10, 20);
    static final double SIGN_AT = 0.3;

    private FixedPointSymmetryClaim() {}

    static Claim claim(LoraTheoryModel model) {
        ParameterSpace space = ParameterSpace.of(
                        Parameter.choice("activation", List.of("lin", "he2", "he3"), "student = teacher activation"),
                        Parameter.real("mu", 0.1, 0.8, 0.5, "pre-training strength"))
                .constrained("He2 at mu >= 0.3 (theory page, lora-p11", p -> !p.choice("activation").equals("he2") || p.real("mu") >= 0.3)
                .constrained("He3 at mu >= 0.5 (A > 0) or mu <= 0.25 (A < 0, away from mu* = 0.3207)",
                        p -> !p.choice("activation").equals("he3") || p.real("mu") >= 0.5 || p.real("mu") <= 0.25);
        return Claim.builder(ID)
                .title("P11 — Fixed point and symmetry")
                .statement("SGD leaves the pre-trained saddle with sign(u·m) = sign(A(mu)) and ends at the ODE's fixed point: the global minimum (±(1-mu), ±1) when A > 0, the He3 un-learning point with u·m < 0 when A < 0.")
                .asciidoc("""
                        Linearised at (0, 0): d/dalpha (u, m) = gamma [[B, A], [A, 0]] (u, m); the unstable eigenvector is (lambda+, A), so
                        symja:[Sign(u*m) == Sign(A)] along the escape. The vector field is odd under (u, m) -> (-u, -m), so the end points come
                        in mirror pairs. Random start (u0 = 1/d^2), d = 512 (QUICK), 1024, 2048 (DEEP); gamma0 = 1 (He3 with A > 0: 0.5).
                        Pass: the sign rule in >= 90% of seeds; each seed's end state within c/sqrt(d) (c = 3, He3 6) of the model's ODE run
                        from its escape state; the He3 ODE end points at mu = 0.2, 0.1 equal to (0.1833, -0.9252), (0.0922, -0.9257) within 1e-3.
                        """)
                .cites("lora-p11")
                .uses("saddle-jacobian", "eigenvalues")
                .reads("A", "tau", "kappa_slow", "drift", "fixed point")
                .tolerance("sign rule >= 90% of seeds (the notes); end states C/sqrt(d), C = 3 (6 for He3); published end points to 1e-3 (4 printed digits)")
                .provenance("derived (sign rule not run by the spec author; He3 end points validated against the ODE)")
                .space(space)
                .tries(2, 4, 8)
                .levels(DIM, SEEDS)
                .check((p, ctx) -> check(model, p, ctx))
                .build();
    }

    /** Per seed: {escape alpha, u, m at escape, u, m, loss at the end}. */
    private record SeedResult(double escape, double uEsc, double mEsc, double uEnd, double mEnd, double lossEnd) {}

    static Evidence check(LoraTheoryModel model, Params p, CheckContext ctx) {
        Activation s = Activation.parse(p.choice("activation"));
        double mu = p.real("mu");
        double a = model.A(s, mu);
        double gamma0 = s == Activation.HE3 && mu >= 0.5 ? 0.5 : 1, gamma = gamma0 / s.lrNormalisation();
        int d = DIM.at(ctx.level());
        int seeds = SEEDS.at(ctx.level());
        double c = s == Activation.HE3 ? 6 : 3;
        double tau = model.tau(s, mu);
        // Escape budget: 10x the predicted escape alpha, capped so that a wrong theory cannot stall the run.
        double escapeMax = Math.min(3000, Math.max(100, 10 * tau / gamma0 * 0.5 * Math.log(d)));
        double kappa = model.kappaSlow(s, mu, gamma);
        double after = a > 0 && kappa > 0 ? Math.min(200, Math.max(20, 8 / kappa)) : 300;
        SimSetup setup = new SimSetup(s, mu, gamma, d, 16);
        List<SeedResult> res = SeedParallel.map(seeds, k -> {
            LoraSgd sim = new LoraSgd(setup, ctx.subSeed(k)).startRandom(1.0 / ((double) d * d));
            SimRun r = sim.run(new double[0], SIGN_AT, escapeMax);
            if (!r.escaped()) return new SeedResult(Double.NaN, sim.u(), sim.m(), Double.NaN, Double.NaN, Double.NaN);
            double uEsc = sim.u(), mEsc = sim.m();
            sim.run(new double[0], 2, r.escapeAlpha() + after);
            return new SeedResult(r.escapeAlpha(), uEsc, mEsc, sim.u(), sim.m(), SimPopulationLoss.of(s, mu, sim.u(), sim.m()));
        });

        Evidence e = new Evidence().diagnostic("kernels", Kernels.species()).diagnostic("d", d).diagnostic("seeds", seeds)
                .diagnostic("A(mu) (model)", a).diagnostic("gamma0", gamma0).diagnostic("alpha after escape", after);
        int agree = 0, escaped = 0;
        double worst = 0;
        double[] mEnd = new double[seeds], uEnd = new double[seeds], mPred = new double[seeds], uPred = new double[seeds];
        for (int k = 0; k < seeds; k++) {
            SeedResult r = res.get(k);
            if (Double.isNaN(r.escape())) {
                mEnd[k] = uEnd[k] = mPred[k] = uPred[k] = Double.NaN;
                continue;
            }
            escaped++;
            if (Math.signum(r.uEsc() * r.mEsc()) == Math.signum(a)) agree++;
            Trajectory ode = model.integrate(s, mu, gamma, r.uEsc(), clampM(r.mEsc()), after, List.of());
            double[] fp = model.predictedFixedPoint(ode.at(after));
            worst = Math.max(worst, Math.max(Math.abs(fp[0] - r.uEnd()), Math.abs(fp[1] - r.mEnd())));
            mEnd[k] = r.mEnd();
            uEnd[k] = r.uEnd();
            mPred[k] = fp[1];
            uPred[k] = fp[0];
        }
        // The notes' rule "at least 90% of the seeds" is a count: with integer counts, half a seed below ceil(0.9 n)
        // separates a pass from a miss (a seed that never escaped counts as a miss).
        int need = (int) Math.ceil(0.9 * seeds - 1e-9);
        e.compare(Tolerance.derived(0.5, "integer count: half a seed below the notes' rule of >= 90% of " + seeds + " seeds (theory page, lora-p11)")
                .atLeast("seeds with sign(u m) = sign(A(mu)) = " + (int) Math.signum(a) + " at |m| = " + SIGN_AT
                        + " (" + escaped + " of " + seeds + " escaped within alpha = " + Num.fmt(escapeMax) + ")", agree, need));
        e.compare(Tolerance.finiteSize(c, d, "LLN fluctuations of the order parameters after escape; C = " + Num.fmt(c)
                        + " is the notes' trajectory constant (3, He3 6; theory page lora-p1-calibration: measured C after escape <= 2.5 except He3's escape window)")
                .compare("worst over seeds of max(|u - u_ODE|, |m - m_ODE|) after alpha_esc + " + Num.fmt(after)
                        + " (model ODE from each seed's escape state, through its fixed-point prediction)", 0, escaped == 0 ? Double.NaN : worst));
        spuriousReference(model, e);
        e.diagnostic("end states (u, m, L)", Arrays.toString(res.stream().map(r -> String.format("(%.4f, %.4f, %.2g)", r.uEnd(), r.mEnd(), r.lossEnd())).toArray()));
        e.diagnostic("escape alphas (|m| = 0.3)", Arrays.toString(res.stream().mapToDouble(SeedResult::escape).toArray()));
        e.series(Series.simulation("end states", "SGD seeds", "m", "u", mEnd, uEnd, null));
        e.series(Series.theory("end states", "model ODE end points", "m", "u", sortedBy(mPred, mPred), sortedBy(mPred, uPred)));
        return e;
    }

    /** theory page, lora-fixed-points: He3, gamma0 = 1, the ODE's un-learning end points at mu = 0.2 and 0.1. */
    private static void spuriousReference(LoraTheoryModel model, Evidence e) {
        String[][] printed = {{"0.2", "0.1833", "-0.9252"}, {"0.1", "0.0922", "-0.9257"}};
        for (String[] q : printed) {
            double[] r = {Double.parseDouble(q[0]), Double.parseDouble(q[1]), Double.parseDouble(q[2])};
            Trajectory ode = model.integrate(Activation.HE3, r[0], 1.0 / Activation.HE3.lrNormalisation(), 0.02, -0.05, 20_000, List.of());
            double[] fp = model.predictedFixedPoint(ode.at(20_000));
            e.compare(Tolerance.printed(q[2]).compare("He3 ODE end point m at mu = " + r[0] + " (model, from (0.02, -0.05), alpha = 2e4), "
                    + "theory page lora-fixed-points", r[2], fp[1]));
            e.compare(Tolerance.printed(q[1]).compare("He3 ODE end point u at mu = " + r[0] + " (model), theory page lora-fixed-points", r[1], fp[0]));
        }
    }

    private static double clampM(double m) {
        return Math.max(-1, Math.min(1, m));
    }

    /** Values of y ordered by key, NaNs dropped (a plot line through the predicted points). */
    private static double[] sortedBy(double[] key, double[] y) {
        Integer[] idx = new Integer[key.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (i, j) -> Double.compare(key[i], key[j]));
        return Arrays.stream(idx).filter(i -> !Double.isNaN(key[i])).mapToDouble(i -> y[i]).toArray();
    }
}
