package org.ftverify.theory.icl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.testing.MutantFixture;
import org.junit.jupiter.api.Test;

/** Prints one try's comparisons: -Dicl.claim=ID -Dicl.seed=S -Dicl.point=k=v,k=v (a diagnostic, silent otherwise). */
class IclEvidenceDump {
    @Test
    void dump() {
        String id = System.getProperty("icl.claim");
        if (id == null) return;
        Map<String, Object> point = new LinkedHashMap<>();
        String raw = System.getProperty("icl.point", "");
        for (String kv : raw.split(",")) if (kv.contains("=")) point.put(kv.split("=")[0], kv.split("=")[1]);
        long seed = Long.parseLong(System.getProperty("icl.seed", String.valueOf(MutantFixture.SEED)));
        System.out.println(MutantFixture.check(MutantFixture.claim(new IclTheory(), id), point, seed, EvidenceLevel.QUICK).summary());
    }
}
