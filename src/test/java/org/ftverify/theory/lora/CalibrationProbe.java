package org.ftverify.theory.lora;

import java.util.Map;
import org.ftverify.core.CheckContext;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Evidence;
import org.ftverify.core.Claim;
import org.junit.jupiter.api.Test;

/** Not a test: measures spreads for the calibrations on the theory page (run by hand with -Dtest=CalibrationProbe). */
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
