package org.ftverify.theory.lora;

import java.util.List;
import org.ftverify.core.CheckContext;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.evidence.SampleStats;
import org.ftverify.ode.Event;
import org.ftverify.ode.Trajectory;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the measurement behind the decision on finding lora-p5-he3-slope (theory page, anchor lora-p5). The
 * escape alpha of the deterministic-start protocol (u0 = 0, m0 = 4/sqrt(d), |m| = 0.5) from the exact ODE for a d-ladder
 * far beyond the claim's, and SGD means on a ladder to d = 16384. Run by hand: remove @Disabled and
 * {@code mvn -o test -Dtest=He3LadderProbe}.
 */
@Disabled("measurement, run by hand")
class He3LadderProbe {
    static double odeEscape(Activation s, double mu, double gamma, double m0) {
        Trajectory t = LoraTheoryModel.exact().integrate(s, mu, gamma, 0, m0, 5000, List.of(Event.absReaches("esc", 1, 0.5, true)));
        return t.eventTime("esc");
    }

    @Test
    void odeLadder() {
        for (String a : new String[] {"lin", "he3"}) for (double mu : new double[] {0.5, 0.6, 0.7}) {
            Activation s = Activation.parse(a);
            double gamma = 1 / s.lrNormalisation(), tau = SaddleRates.tau(LoraTheoryModel.exact().A(s, mu), LoraTheoryModel.exact().B(s, mu));
            StringBuilder sb = new StringBuilder();
            double prev = Double.NaN;
            for (int k = 9; k <= 24; k++) {
                double d = Math.pow(2, k), esc = odeEscape(s, mu, gamma, 4 / Math.sqrt(d));
                if (!Double.isNaN(prev)) sb.append(String.format(" d=2^%d:%.3f", k, (esc - prev) / Math.log(2) / (tau / 2)));
                prev = esc;
            }
            System.out.printf("ODESLOPE %s mu=%.2f tau=%.4f local slope/(tau/2):%s%n", a, mu, tau, sb);
        }
    }

    @Test
    void sgdLadder() {
        double mu = 0.6;
        Activation s = Activation.HE3;
        double gamma = 1 / s.lrNormalisation();
        int seeds = Integer.getInteger("seeds", 16);
        for (int d : new int[] {512, 2048, 8192, 32768}) {
            if (d > Integer.getInteger("dmax", 32768)) break;
            long t0 = System.nanoTime();
            double[] a = SgdRuns.alphas(new CheckContext(20261202L, EvidenceLevel.QUICK), 0, seeds, new SimSetup(s, mu, gamma, d, 16),
                    SimStart.warm(0, 4 / Math.sqrt(d)), 0.5, 2000);
            System.out.printf("SGDLADDER he3 mu=%.2f d=%d mean=%.4f se=%.4f ode=%.4f (%.1f s) %s%n", mu, d, SampleStats.mean(a), SampleStats.se(a),
                    odeEscape(s, mu, gamma, 4 / Math.sqrt(d)), (System.nanoTime() - t0) / 1e9, java.util.Arrays.toString(a));
        }
    }

    /** The SaddleGrowth protocol (eigenvector start m0 = 0.04, fit of ln|m| on the 400-point grid until |m| = 0.2) on the exact ODE. */
    static double odeGrowthSlope(Activation s, double mu) {
        return odeGrowthSlope(s, mu, SaddleGrowth.M0, SaddleGrowth.TOP);
    }

    static double odeGrowthSlope(Activation s, double mu, double m0, double top) {
        double a = s == Activation.RELU ? (1 - mu) / 2 : 1 - mu, b = s == Activation.RELU ? -0.5 : -1;
        double lp = SaddleRates.lambdaPlus(a, b), u0 = m0 * lp / a;
        double alphaMax = 1.6 * Math.log(top / m0) * (s == Activation.RELU ? 2 : 1) * SaddleRates.tauLinear(mu);
        Trajectory t = LoraTheoryModel.exact().integrate(s, mu, 1, u0, m0, alphaMax, List.of(Event.absReaches("top", 1, top, true)));
        double end = t.eventTime("top");
        double[] cps = SampleStats.grid(0, alphaMax, alphaMax / 400);
        int n = 0;
        while (n < cps.length && cps[n] < end) n++;
        double[] x = java.util.Arrays.copyOf(cps, n), y = new double[n];
        for (int i = 0; i < n; i++) y[i] = Math.log(Math.abs(t.at(x[i])[1]));
        return SampleStats.fit(x, y).slope();
    }

    @Test
    void odeGrowth() {
        for (Activation s : new Activation[] {Activation.LIN, Activation.RELU}) for (double mu = 0.5; mu <= 0.801; mu += 0.05) {
            double tau = SaddleRates.tau(LoraTheoryModel.exact().A(s, mu), LoraTheoryModel.exact().B(s, mu));
            System.out.printf("ODEGROWTH %s mu=%.2f slope*tau-1=%.5f%n", s.id(), mu, odeGrowthSlope(s, mu) * tau - 1);
        }
    }

    /** SGD under the SaddleGrowth protocol (m0, top from -Dm0, -Dtop): per-seed slopes over the ODE-corrected prediction. */
    @Test
    void sgdGrowth() {
        int seeds = Integer.getInteger("seeds", 12);
        double m0 = Double.parseDouble(System.getProperty("m0", "0.04")), top = Double.parseDouble(System.getProperty("top", "0.2"));
        for (String spec : System.getProperty("points", "lin:0.5:2048,lin:0.8:2048,relu:0.6:1024,relu:0.8:1024").split(",")) {
            String[] f = spec.split(":");
            Activation s = Activation.parse(f[0]);
            double mu = Double.parseDouble(f[1]);
            int d = Integer.parseInt(f[2]);
            double tau = SaddleRates.tau(LoraTheoryModel.exact().A(s, mu), LoraTheoryModel.exact().B(s, mu)), ode = odeGrowthSlope(s, mu, m0, top);
            double a = s == Activation.RELU ? (1 - mu) / 2 : 1 - mu, lp = SaddleRates.lambdaPlus(a, s == Activation.RELU ? -0.5 : -1);
            double alphaMax = 1.6 * Math.log(top / m0) * (s == Activation.RELU ? 2 : 1) * SaddleRates.tauLinear(mu);
            double[] cps = SampleStats.grid(0, alphaMax, alphaMax / 400);
            SimSetup setup = new SimSetup(s, mu, 1, d, 32);
            CheckContext ctx = new CheckContext(Long.getLong("seed", 777L), EvidenceLevel.QUICK);
            long t0 = System.nanoTime();
            java.util.List<SimRun> runs = org.ftverify.evidence.SeedParallel.map(seeds, k -> SgdRuns.run(setup, ctx.subSeed(k), SimStart.warm(m0 * lp / a, m0), cps, top, alphaMax));
            double[] per = new double[seeds];
            for (int k = 0; k < seeds; k++) {
                SimRun r = runs.get(k);
                double[] l = java.util.Arrays.stream(r.m()).map(m -> Math.log(Math.abs(m))).toArray();
                per[k] = SampleStats.fit(r.alpha(), l).slope() / ode - 1;
            }
            System.out.printf("SGDGROWTH m0=%.3f top=%.2f %s mu=%.2f d=%d odeCorr=%.4f dev=%.4f se=%.4f sd=%.4f (%.1f s)%n", m0, top, s.id(), mu, d, ode * tau - 1,
                    SampleStats.mean(per), SampleStats.se(per), SampleStats.sd(per), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** P7 (c): fitted late rate over kappa_slow, quick protocol (1 seed at d = 4096), several seeds per point. */
    @Test
    void kappaRatio() {
        int seeds = Integer.getInteger("kseeds", 4);
        for (double[] pt : new double[][] {{0.3, 0.7}, {0.3, 1.5}, {0.6, 0.7}, {0.6, 1.5}, {0.45, 1.0}}) {
            double[] r = new double[seeds];
            for (int k = 0; k < seeds; k++) {
                org.ftverify.core.Evidence e = new org.ftverify.core.Evidence();
                PretrainingHurtsClaim.lateRate(LoraTheoryModel.exact(), pt[0], pt[1], new CheckContext(1000 + 7919L * k, EvidenceLevel.QUICK), e);
                r[k] = Double.parseDouble(e.diagnostics().get("(c) fitted rates").replaceAll("[\\[\\]]", "")) / LoraTheoryModel.exact().kappaSlow(Activation.LIN, pt[0], pt[1]) - 1;
            }
            System.out.printf("KAPPA mu=%.2f gamma=%.2f dev=%.4f sd=%.4f %s%n", pt[0], pt[1], SampleStats.mean(r), SampleStats.sd(r), java.util.Arrays.toString(r));
        }
    }

    @Test
    void spuriousEndPoints() {
        for (double mu : new double[] {0.2, 0.1}) {
            Trajectory t = LoraTheoryModel.exact().integrate(Activation.HE3, mu, 1.0 / Activation.HE3.lrNormalisation(), 0.02, -0.05, 20_000, List.of());
            double[] fp = LoraTheoryModel.exact().predictedFixedPoint(t.at(20_000));
            System.out.printf("SPURIOUS mu=%.1f u=%.7f m=%.7f%n", mu, fp[0], fp[1]);
        }
    }

    /** The claim's deterministic-start protocol (d = 512..4096) at several points: SGD means and the exact ODE escape per d, and both slopes. */
    @Test
    void protocolPoints() {
        int seeds = Integer.getInteger("seeds", 16);
        for (String spec : System.getProperty("points", "lin:0.6,lin:0.4,lin:0.7,he3:0.5,he3:0.7").split(",")) {
            Activation s = Activation.parse(spec.split(":")[0]);
            double mu = Double.parseDouble(spec.split(":")[1]), gamma = 1 / s.lrNormalisation();
            double tau = SaddleRates.tau(LoraTheoryModel.exact().A(s, mu), LoraTheoryModel.exact().B(s, mu));
            int[] dims = {512, 1024, 2048, 4096};
            double[] x = new double[4], sgd = new double[4], ode = new double[4], se = new double[4];
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < 4; j++) {
                int d = dims[j];
                double[] a = SgdRuns.alphas(new CheckContext(Long.getLong("seed", 4242L), EvidenceLevel.QUICK), 0, seeds, new SimSetup(s, mu, gamma, d, 16),
                        SimStart.warm(0, 4 / Math.sqrt(d)), 0.5, 2000);
                x[j] = Math.log(d); sgd[j] = SampleStats.mean(a); se[j] = SampleStats.se(a); ode[j] = odeEscape(s, mu, gamma, 4 / Math.sqrt(d));
                sb.append(String.format(" d=%d sgd=%.3f±%.3f(sd %.3f) ode=%.3f", d, sgd[j], se[j], SampleStats.sd(a), ode[j]));
            }
            System.out.printf("PROTOCOL %s mu=%.2f tau/2=%.4f sgdSlope=%.4f odeSlope=%.4f%s%n", s.id(), mu, tau / 2, SampleStats.fit(x, sgd).slope(),
                    SampleStats.fit(x, ode).slope(), sb);
        }
    }
}
