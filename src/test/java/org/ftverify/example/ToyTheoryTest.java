package org.ftverify.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.ftverify.core.Claim;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Verdict;
import org.ftverify.engine.ClaimResult;
import org.ftverify.engine.EngineConfig;
import org.ftverify.engine.PropertyEngine;
import org.ftverify.testing.MutantFixture;
import org.junit.jupiter.api.Test;
import java.nio.file.Path;

/** The walk-through's example theory works as the guide says: claims VERIFIED, each mutant FALSIFIED where it should be. */
class ToyTheoryTest {
    private final ToyTheory theory = new ToyTheory();

    @Test
    void claimsHoldAtSeveralRunSeeds() {
        for (long seed : new long[] {1, 2, 3}) {
            EngineConfig config = new EngineConfig(EvidenceLevel.QUICK, seed, Path.of("target/ftverify/toy"), 0, false, "toy-test");
            for (Claim c : theory.claims()) {
                ClaimResult r = new PropertyEngine(config, s -> {}).run(c, theory.id());
                assertEquals(Verdict.VERIFIED, r.verdict(), c.id() + " at run seed " + seed + ": " + r.worst().evidence().summary());
            }
        }
    }

    @Test
    void plateauMutantIsRejected() {
        MutantFixture.assertDiscriminates(theory, ToyTheory.PLATEAU, Map.of("d", 1024, "eta", 0.1), "toy-plateau-x1.1", "q_inf");
    }

    @Test
    void transientOnlyErrorIsRejectedByTheDriftCheckAlone() {
        MutantFixture.assertDiscriminates(theory, ToyTheory.DRIFT, Map.of("d", 1024, "eta", 0.5, "q", 3.0), "toy-transient", "mean increment");
    }

    @Test
    void rateMutantIsRejected() {
        MutantFixture.assertDiscriminates(theory, ToyTheory.RELAXATION, Map.of("d", 1024, "eta", 0.1), "toy-rate-x1.25", "from q_0 = 1");
    }
}
