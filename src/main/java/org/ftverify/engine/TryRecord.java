package org.ftverify.engine;

import org.ftverify.core.Evidence;
import org.ftverify.core.Params;
import org.ftverify.core.Verdict;

/** One evaluation of a claim's check at a point and seed. */
public record TryRecord(int index, long seed, Params params, Evidence evidence, double seconds) {
    public Verdict verdict() {
        return evidence.verdict();
    }

    public double normalisedGap() {
        return evidence.normalisedGap();
    }
}
