package org.ftverify.engine;

import java.nio.file.Path;
import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.Verdict;

/**
 * A claim's outcome in one run: verdict, every try, the worst try (the shrunk counterexample when falsified),
 * the archived counterexample file, the command that reproduces it, and a note (e.g. why NOT_RUN).
 */
public record ClaimResult(Claim claim, String theoryId, Verdict verdict, List<TryRecord> tries, TryRecord worst,
                          Path counterexample, String reproduce, String note, double seconds) {

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
