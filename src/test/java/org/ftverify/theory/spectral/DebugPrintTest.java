package org.ftverify.theory.spectral;

import java.util.Map;

import org.ftverify.core.Evidence;
import org.ftverify.testing.MutantFixture;
import org.junit.jupiter.api.Test;

class DebugPrintTest {
    @Test
    void print() {
        SpectralTheory t = new SpectralTheory();
        String id = System.getProperty("claim");
        for (long seed = 1; seed <= Long.getLong("seeds", 2); seed++) {
            Evidence e = MutantFixture.check(MutantFixture.claim(t, id), parse(System.getProperty("point")), seed, org.ftverify.core.EvidenceLevel.QUICK);
            System.out.println("seed " + seed + " gap " + e.normalisedGap() + "\n" + e.summary() + "\n" + e.diagnostics());
        }
    }

    static Map<String, Object> parse(String s) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (String kv : s.split(",")) {
            String[] p = kv.split("=");
            m.put(p[0], p[1]);
        }
        return m;
    }
}
