package org.ftverify.engine;

import java.nio.file.Path;
import org.ftverify.core.EvidenceLevel;

/**
 * Settings of one property-engine run. {@code maxShrinkSteps} bounds how many check evaluations shrinking may
 * spend: each can be a full simulation, so shrinking stops early rather than blowing the time budget.
 * {@code searchBudget} is the number of targeted-search moves after the random tries; negative means the level's
 * rule ({@link #searchMoves(int)}).
 */
public record EngineConfig(EvidenceLevel level, long runSeed, Path counterexampleDir, int maxShrinkSteps,
                           boolean archiveCounterexamples, String mutant, int searchBudget) {

    public EngineConfig(EvidenceLevel level, long runSeed, Path counterexampleDir, int maxShrinkSteps,
                        boolean archiveCounterexamples, String mutant) {
        this(level, runSeed, counterexampleDir, maxShrinkSteps, archiveCounterexamples, mutant, -1);
    }

    public static EngineConfig of(EvidenceLevel level, long runSeed, Path repoRoot) {
        int shrink = switch (level) { case QUICK -> 12; case STANDARD -> 30; case DEEP -> 80; };
        return new EngineConfig(level, runSeed, repoRoot.resolve("verification").resolve("counterexamples"), shrink, true, null);
    }

    /**
     * Targeted-search moves for a claim with {@code tries} random tries at this level: one per three tries at the
     * quick level (its time stays that of the random tries within ~10%; claims with one or two expensive tries get
     * none), as many as the tries at standard, twice as many at deep. An explicit {@code searchBudget} overrides it.
     */
    public int searchMoves(int tries) {
        if (searchBudget >= 0) return searchBudget;
        return switch (level) { case QUICK -> tries / 3; case STANDARD -> tries; case DEEP -> 2 * tries; };
    }

    /**
     * Runs of a mutant (a deliberately wrong theory) archive under target/, not in the durable archive: their
     * counterexamples demonstrate the verifier, they are not findings about the theory.
     */
    public EngineConfig forMutant(String name, Path repoRoot) {
        return new EngineConfig(level, runSeed, repoRoot.resolve("target/ftverify/mutant-counterexamples").resolve(name),
                maxShrinkSteps, archiveCounterexamples, name, searchBudget);
    }

    public EngineConfig withoutArchive() {
        return new EngineConfig(level, runSeed, counterexampleDir, maxShrinkSteps, false, mutant, searchBudget);
    }

    /** The same settings with a fixed number of targeted-search moves (0 switches the search off). */
    public EngineConfig withSearchBudget(int moves) {
        if (moves < 0 || moves > 999) throw new IllegalArgumentException("budget: must be in [0, 999] search moves, got " + moves);
        return new EngineConfig(level, runSeed, counterexampleDir, maxShrinkSteps, archiveCounterexamples, mutant, moves);
    }
}
