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

    /**
     * Which stage produced this evaluation, from its index: replay (negative), random (0..999), shrink (1000..),
     * search (2000..), confirm (3000..), ladder (4000..), restart (5000.., explore's fresh random points), reseed
     * (6000.., a good point re-run at a fresh seed).
     */
    public String phase() {
        if (index < 0) return "replay";
        if (index < 1000) return "random";
        if (index < TargetedSearch.MOVE_INDEX) return "shrink";
        if (index < TargetedSearch.CONFIRM_INDEX) return "search";
        if (index < ScalingVerdict.LADDER_INDEX) return "confirm";
        if (index < TargetedSearch.RESTART_INDEX) return "ladder";
        if (index < TargetedSearch.RESEED_INDEX) return "restart";
        return "reseed";
    }
}
