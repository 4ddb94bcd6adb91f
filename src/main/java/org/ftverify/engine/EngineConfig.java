package org.ftverify.engine;

import java.nio.file.Path;
import org.ftverify.core.EvidenceLevel;

/**
 * Settings of one property-engine run. {@code maxShrinkSteps} bounds how many check evaluations shrinking may
 * spend: each can be a full simulation, so shrinking stops early rather than blowing the time budget.
 */
public record EngineConfig(EvidenceLevel level, long runSeed, Path counterexampleDir, int maxShrinkSteps,
                           boolean archiveCounterexamples, String mutant) {

    public static EngineConfig of(EvidenceLevel level, long runSeed, Path repoRoot) {
        int shrink = switch (level) { case QUICK -> 12; case STANDARD -> 30; case DEEP -> 80; };
        return new EngineConfig(level, runSeed, repoRoot.resolve("verification").resolve("counterexamples"), shrink, true, null);
    }

    /**
     * Runs of a mutant (a deliberately wrong theory) archive under target/, not in the durable archive: their
     * counterexamples demonstrate the verifier, they are not findings about the theory.
     */
    public EngineConfig forMutant(String name, Path repoRoot) {
        return new EngineConfig(level, runSeed, repoRoot.resolve("target/ftverify/mutant-counterexamples").resolve(name),
                maxShrinkSteps, archiveCounterexamples, name);
    }

    public EngineConfig withoutArchive() {
        return new EngineConfig(level, runSeed, counterexampleDir, maxShrinkSteps, false, mutant);
    }
}
