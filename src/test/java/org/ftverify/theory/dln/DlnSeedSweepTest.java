package org.ftverify.theory.dln;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.ftverify.core.Claim;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Verdict;
import org.ftverify.engine.ClaimResult;
import org.ftverify.engine.EngineConfig;
import org.ftverify.engine.PropertyEngine;
import org.junit.jupiter.api.Test;

/**
 * No false alarm across 20 fresh quick seeds for every claim but P7 (12-seed simulations at D = 1000 per try, swept with
 * `./ftverify verify --theory dln --seed S`) and P11 (deterministic: no random input).
 */
class DlnSeedSweepTest {
    @Test
    void twentySeedsOfTheFastClaims() {
        Set<String> fast = Set.of(ConservationClaim.ID, ReducedFlowClaim.ID, BregmanClaim.ID, PretrainClaim.ID, FineTuneClaim.ID,
                RegimeDiagnosticsClaim.ID, ReplicaLimitsClaim.ID, TimeScaleClaims.RATE_ID, TimeScaleClaims.ESCAPE_ID);
        List<Claim> claims = new DlnTheory().claims().stream().filter(c -> fast.contains(c.id())).toList();
        for (long seed = 1; seed <= 20; seed++) {
            EngineConfig cfg = EngineConfig.of(EvidenceLevel.QUICK, 7_777_000L + seed, Path.of(".")).withoutArchive();
            PropertyEngine engine = new PropertyEngine(cfg, s -> {});
            for (Claim c : claims) {
                ClaimResult r = engine.run(c, "dln");
                assertEquals(Verdict.VERIFIED, r.verdict(), c.id() + " at run seed " + cfg.runSeed() + ": " + r.worst());
            }
        }
    }
}
