package org.ftverify.theory.lora;

import java.util.Map;
import org.ftverify.core.CheckContext;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Evidence;
import org.ftverify.core.Claim;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the measurements behind the calibrations of the theory page (anchors lora-p1-calibration,
 * lora-p4-calibration). Disabled in the build (minutes of CPU); to reproduce, remove @Disabled and run
 * {@code mvn -o test -Dtest=CalibrationProbe} or {@code -Dtest=GrowthProbe}.
 */
@Disabled("measurement, run by hand")
class CalibrationProbe {
    @Test
    void p1() {
        Claim c = LoraTheory.claimsOf(LoraTheoryModel.exact()).get(0);
        String[][] pts = {
            {"lin", "0.5", "0.5", "16", "1024"}, {"lin", "0.8", "1.0", "1", "1024"}, {"lin", "0.4", "0.2", "16", "4096"},
            {"tanh", "0.6", "1.0", "16", "1024"}, {"tanh", "0.9", "0.5", "1", "1024"},{"tanh", "0.4", "0.3", "16", "4096"},
            {"he2", "0.5", "1.0", "16", "1024"}, {"he2", "0.8", "0.2", "1", "1024"}, {"he2", "0.4", "0.6", "16", "4096"},
            {"he3", "0.5", "0.5", "16", "1024"}, {"he3", "0.7", "0.5", "1", "1024"}, {"he3", "0.9", "0.2", "16", "1024"}};
        for (String[] p : pts) for (long seed = 1; seed <= 3; seed++) {
            Map<String, Object> point = Map.of("activation", p[0], "mu", p[1], "gamma0", p[2], "batch", p[3], "d", p[4]);
            Evidence e = c.check().check(c.space().parse(point), new CheckContext(seed * 7919, EvidenceLevel.QUICK));
            String g = e.diagnostics().get("per-seed max gap at d = " + p[4]);
            double gap = Double.parseDouble(g.replaceAll("[\\[\\]]", ""));
            System.out.printf("P1CAL %s mu=%s g0=%s B=%s d=%s seed=%d C=%.3f%n", p[0], p[1], p[2], p[3], p[4], seed, gap * Math.sqrt(Integer.parseInt(p[4])));
        }
    }
}
@Disabled("measurement, run by hand")
class GrowthProbe {
    @org.junit.jupiter.api.Test
    void p4() {
        for (double mu : new double[] {0.6, 0.8, 0.5}) for (int d : new int[] {2048}) for (double m0 : new double[] {0.02, 0.04}) {
            double a = 1 - mu, lp = (-1 + Math.sqrt(1 + 4 * a * a)) / 2, u0 = m0 * lp / a; // eigenvector (lambda+, A) scaled to m0
            int seeds = 12;
            double top = m0 == 0.02 ? 0.15 : 0.2;
            double pred = 1 / SaddleRates.tauLinear(mu);
            double alphaMax = Math.log(top / m0) / pred * 1.3;
            double[] cps = org.ftverify.evidence.SampleStats.grid(0, alphaMax, alphaMax / 200);
            SimSetup setup = new SimSetup(Activation.LIN, mu, 1, d, 32);
            double[][] ms = new double[seeds][];
            double[] slopes = new double[seeds];
            for (int k = 0; k < seeds; k++) {
                SimRun r = new LoraSgd(setup, 1000 + k).startWarm(u0, m0).run(cps, 2, alphaMax);
                ms[k] = r.m();
            }
            int n = cps.length;
            double[] mean = new double[n], lnm = new double[n];
            for (int i = 0; i < n; i++) { for (int k = 0; k < seeds; k++) mean[i] += ms[k][i] / seeds; lnm[i] = Math.log(mean[i]); }
            int end = 0; while (end < n && mean[end] < top) end++;
            var line = org.ftverify.evidence.SampleStats.fit(cps, lnm, 0, end);
            for (int k = 0; k < seeds; k++) {
                double[] l = new double[n]; for (int i = 0; i < n; i++) l[i] = Math.log(Math.abs(ms[k][i]));
                slopes[k] = org.ftverify.evidence.SampleStats.fit(cps, l, 0, end).slope() / pred - 1;
            }
            System.out.printf("P4CAL mu=%.1f d=%d m0=%.3f meanfit rel err %.4f; per-seed rel err mean %.4f sd %.4f%n", mu, d, m0,
                    line.slope() / pred - 1, org.ftverify.evidence.SampleStats.mean(slopes), org.ftverify.evidence.SampleStats.sd(slopes));
        }
    }
}
class PlateauProbe {
    @org.junit.jupiter.api.Test
    void p9() {
        Claim c = LoraTheory.claimsOf(LoraTheoryModel.exact()).stream().filter(x -> x.id().equals(NoisePlateauClaim.ID)).findFirst().orElseThrow();
        String[][] pts = {{"0.5", "10"}, {"0", "3"}, {"0.3", "7"}, {"0.2", "5"}};
        for (String[] p : pts) for (long seed = 1; seed <= 4; seed++) {
            Evidence e = c.check().check(c.space().parse(Map.of("mu", p[0], "gamma", p[1])), new CheckContext(seed * 104729, EvidenceLevel.QUICK));
            for (var k : e.comparisons()) if (k.quantity().startsWith("plateau m") || k.quantity().startsWith("He2") || k.quantity().startsWith("control"))
                System.out.printf("P9CAL mu=%s gamma=%s seed=%d %s: predicted %.5f observed %.5f diff %.5f%n", p[0], p[1], seed, k.quantity().substring(0, 30), k.predicted(), k.observed(), k.observed() - k.predicted());
        }
    }
}
