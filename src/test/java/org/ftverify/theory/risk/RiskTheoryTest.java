package org.ftverify.theory.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Mutant;
import org.ftverify.core.Theory;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.core.Verdict;
import org.ftverify.engine.ClaimResult;
import org.ftverify.engine.EngineConfig;
import org.ftverify.engine.PropertyEngine;
import org.junit.jupiter.api.Test;

/** Registration, claim metadata and provenance, and a mutant rejected end to end by the property engine. */
class RiskTheoryTest {

    @Test
    void registeredWithTwelveClaimsInSpecOrder() {
        Theory t = TheoryRegistry.load().theory("risk");
        assertEquals("proofs/risk.adoc", t.proofPage());
        List<Claim> claims = t.claims();
        assertEquals(12, claims.size());
        for (int i = 0; i < claims.size(); i++) {
            Claim c = claims.get(i);
            assertTrue(c.id().startsWith("risk."), c.id());
            assertTrue(c.title().startsWith("P" + (i + 1) + " — "), c.title());
            assertTrue(c.provenance().contains("[R") || c.provenance().contains("[P"), c.id() + ": " + c.provenance());
            assertTrue(!c.tolerance().isBlank() && !c.asciidoc().isBlank(), c.id());
        }
        assertTrue(String.join(" ", t.provenance()).contains("NOT read"));
        assertTrue(t.mutants().stream().map(Mutant::name).anyMatch("risk-alpha+0.1"::equals));
    }

    @Test
    void mutantRejectedByTheEngine() {
        Mutant m = TheoryRegistry.load().mutant("risk-cstar-without-power");
        PropertyEngine engine = new PropertyEngine(EngineConfig.of(EvidenceLevel.QUICK, 1, Path.of("target")).withoutArchive(), s -> {});
        for (Claim c : m.targets()) {
            ClaimResult r = engine.run(c, "risk");
            assertEquals(Verdict.FALSIFIED, r.verdict(), c.id());
        }
    }
}
