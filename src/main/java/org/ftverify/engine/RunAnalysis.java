package org.ftverify.engine;

import org.ftverify.core.Params;

/**
 * How a claim's verdict was reached beyond the random tries: what the targeted search spent and found, what
 * shrinking cost and where it ended, and the finite-size ladders. Each part is null when that stage did not run.
 */
public record RunAnalysis(Search search, Shrink shrink, ScalingVerdict.Outcome scaling) {
    public static final RunAnalysis NONE = new RunAnalysis(null, null, null);

    /**
     * The targeted search: moves allowed and made, confirmations run, failures that did not repeat at a fresh seed,
     * the highest gap/tol reached by the random tries and by the search, and whether it found a confirmed failure.
     */
    public record Search(int budget, int moves, int confirmations, int unconfirmed, double randomBest, double searchBest,
                         Params bestParams, boolean falsified) {}

    /** Shrinking: evaluations spent, gap/tol before and after, the points. The shrunk point always fails. */
    public record Shrink(int evaluations, double originalGap, double shrunkGap, Params from, Params to) {}

    public RunAnalysis withSearch(Search s) {
        return new RunAnalysis(s, shrink, scaling);
    }

    public RunAnalysis withShrink(Shrink s) {
        return new RunAnalysis(search, s, scaling);
    }

    public RunAnalysis withScaling(ScalingVerdict.Outcome s) {
        return new RunAnalysis(search, shrink, s);
    }
}
