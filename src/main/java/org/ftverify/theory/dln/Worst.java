package org.ftverify.theory.dln;

import org.ftverify.core.Comparison;
import org.ftverify.evidence.Tolerance;

/**
 * Keeps, over many per-coordinate comparisons, the one with the largest gap/tolerance: a vector law is reported by its
 * worst coordinate, with that coordinate's own derived tolerance.
 */
final class Worst {
    private Comparison worst;

    void offer(Tolerance tol, String quantity, double predicted, double observed) {
        Comparison c = tol.compare(quantity, predicted, observed);
        if (worst == null || !(c.normalisedGap() <= worst.normalisedGap())) worst = c;
    }

    Comparison get() {
        return worst;
    }
}
