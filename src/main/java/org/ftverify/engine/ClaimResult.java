package org.ftverify.engine;

import java.nio.file.Path;
import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.Verdict;

/**
 * A claim's outcome in one run: verdict, every try (replays, random tries, search moves, shrinking, finite-size
 * ladders), the worst try (the shrunk counterexample when falsified), the archived counterexample file, the command
 * that reproduces it, a note (e.g. why NOT_RUN or INCONCLUSIVE), and how the search, shrinking and scaling went.
 */
public record ClaimResult(Claim claim, String theoryId, Verdict verdict, List<TryRecord> tries, TryRecord worst,
                          Path counterexample, String reproduce, String note, double seconds, RunAnalysis analysis) {

    public ClaimResult {
        if (analysis == null) analysis = RunAnalysis.NONE;
    }

    public ClaimResult(Claim claim, String theoryId, Verdict verdict, List<TryRecord> tries, TryRecord worst,
                       Path counterexample, String reproduce, String note, double seconds) {
        this(claim, theoryId, verdict, tries, worst, counterexample, reproduce, note, seconds, RunAnalysis.NONE);
    }

    public static ClaimResult notRun(Claim claim, String theoryId, String note) {
        return new ClaimResult(claim, theoryId, Verdict.NOT_RUN, List.of(), null, null, null, note, 0);
    }

    public double normalisedGap() {
        return worst == null ? Double.NaN : worst.normalisedGap();
    }

    public long inconclusiveTries() {
        return tries.stream().filter(t -> t.verdict() == Verdict.INCONCLUSIVE).count();
    }
}
