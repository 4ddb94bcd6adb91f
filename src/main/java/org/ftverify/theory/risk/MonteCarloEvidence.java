package org.ftverify.theory.risk;

import org.ftverify.core.Comparison;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.Tolerance;

/**
 * The comparisons every risk Monte Carlo check makes, written once over {@link Tolerance}: a mean of per-unit values
 * against a prediction with 5 standard errors (the measured SE, so the band shrinks as N^-1/2), floored at the round-off
 * of the compared values (a quantity that is deterministic given X_s has SE 0), and the one-sided form for the
 * inequalities "no predictor beats Bayes".
 */
final class MonteCarloEvidence {
    /** Standard errors of every Monte Carlo band: a 5-SE excursion has probability 6e-7 per comparison. */
    static final double K = 5;

    private MonteCarloEvidence() {}

    /**
     * Mean of {@code units} against {@code predicted}; {@code roundOffOps} bounds the rounding steps behind one unit's value
     * (the N additions of the mean are added to it).
     */
    static Comparison mean(String quantity, double predicted, double[] units, String unitName, int roundOffOps) {
        return mean(quantity, predicted, SampleStats.mean(units), SampleStats.se(units), units.length, unitName, roundOffOps);
    }

    static Comparison mean(String quantity, double predicted, double observed, double se, int n, String unitName, int roundOffOps) {
        return Tolerance.clt(K, se, n, unitName).atLeastRoundOff(roundOffOps + n, Math.max(Math.abs(predicted), Math.abs(observed)))
                .compare(quantity, predicted, observed);
    }

    /** observed >= bound - 5 SE. */
    static Comparison atLeast(String quantity, double observed, double bound, double se, int n, String unitName) {
        return atLeast(quantity, observed, bound, se, n, unitName, 16, bound);
    }

    /**
     * observed >= bound - 5 SE, floored at the round-off of values of size {@code scale} after {@code roundOffOps} rounding
     * steps per unit: a difference of two MSEs that are equal in exact arithmetic (the risk has converged between two
     * depths) is made of round-off, which is systematic, so its SE does not bound it.
     */
    static Comparison atLeast(String quantity, double observed, double bound, double se, int n, String unitName, int roundOffOps,
                              double scale) {
        return Tolerance.clt(K, se, n, unitName).atLeastRoundOff(roundOffOps + n, Math.max(Math.abs(bound), Math.abs(scale)))
                .atLeast(quantity, observed, bound);
    }
}
