package org.ftverify.theory.risk;

import java.math.BigDecimal;
import java.util.Locale;
import org.ftverify.core.Comparison;

/**
 * Comparisons with the spec's tolerances (risk.md §3), each carrying the sentence that derives it:
 * Monte Carlo quantities get 5 standard errors (SE = sd/sqrt(N), so the tolerance shrinks as N^-1/2), exact
 * identities get a round-off tolerance, and the spec's printed reference numbers get half a unit of their last
 * printed digit.
 */
final class Tol {
    /** Standard errors allowed for a Monte Carlo comparison (risk.md §3, "default tolerance is 5 SE"). */
    static final double SIGMAS = 5;
    /**
     * Floor of every Monte Carlo tolerance: a quantity that is deterministic given X_s (e.g. Var(R|I_0) when delta0 is
     * fixed) has SE 0, and the per-run closed form and L(c) differ by summation order, exp/log round-off over up to
     * d = 256 terms: about 1e-13 relative, floored at 1e-11.
     */
    static final double ROUND_OFF = 1e-11;

    private Tol() {}

    /** Monte Carlo mean of per-unit values against a prediction, 5 SE. */
    static Comparison mc(String quantity, double predicted, double[] units, String unitName, String source) {
        return mc(quantity, predicted, Stats.mean(units), Stats.se(units), units.length, unitName, source);
    }

    static Comparison mc(String quantity, double predicted, double observed, double se, int n, String unitName, String source) {
        double floor = roundOff(predicted, observed), tol = Math.max(SIGMAS * se, floor);
        String relative = predicted == 0 ? "predicted 0, so the SE is absolute"
                : String.format(Locale.ROOT, "relative SE %.2g%%", 100 * se / Math.abs(predicted));
        String derivation = String.format(Locale.ROOT, "5 MC standard errors, %s = %d: SE = sd/sqrt(N) ∝ N^-1/2 = %.3g (%s)%s (%s)",
                unitName, n, se, relative,
                tol == floor ? "; the quantity is deterministic here, so the round-off floor 1e-11 relative applies" : "", source);
        return Comparison.absolute(quantity, predicted, observed, tol, derivation);
    }

    /** observed >= bound - 5 SE (one-sided Monte Carlo inequality). */
    static Comparison mcAtLeast(String quantity, double observed, double bound, double se, int n, String unitName, String source) {
        double tol = Math.max(SIGMAS * se, roundOff(bound, observed));
        String derivation = String.format(Locale.ROOT, "one-sided, 5 MC standard errors, %s = %d: must be >= %.6g - 5 SE (SE = %.3g ∝ N^-1/2) (%s)",
                unitName, n, bound, se, source);
        return Comparison.atLeast(quantity, observed, bound - tol, tol, derivation);
    }

    /** An identity that holds exactly: relative round-off tolerance {@code rel} (absolute when the prediction is 0). */
    static Comparison exact(String quantity, double predicted, double observed, double rel, String why) {
        double tol = Math.max(rel * Math.max(Math.abs(predicted), Math.abs(observed)), Double.MIN_NORMAL);
        return Comparison.absolute(quantity, predicted, observed, tol,
                String.format(Locale.ROOT, "exact identity: relative round-off %.0e (%s)", rel, why));
    }

    /** An inequality that holds exactly: observed >= bound up to relative round-off {@code rel}. */
    static Comparison exactAtLeast(String quantity, double observed, double bound, double rel, String why) {
        double tol = Math.max(rel * Math.abs(bound), Double.MIN_NORMAL);
        return Comparison.atLeast(quantity, observed, bound - tol, tol,
                String.format(Locale.ROOT, "exact inequality, relative round-off %.0e (%s)", rel, why));
    }

    /** The spec's printed number (e.g. "6.346e-4") against a computed value: half a unit of the last printed digit. */
    static Comparison printed(String quantity, String printed, double computed, String source) {
        BigDecimal p = new BigDecimal(printed.replace('−', '-'));
        double ulp = Math.pow(10, -p.scale());
        double tol = 0.5 * ulp * (1 + 1e-9);
        return Comparison.absolute(quantity, p.doubleValue(), computed, tol,
                "printed value " + printed + ": half a unit of its last digit, " + String.format(Locale.ROOT, "%.1g", 0.5 * ulp) + " (" + source + ")");
    }

    private static double roundOff(double a, double b) {
        return Math.max(ROUND_OFF * Math.max(Math.abs(a), Math.abs(b)), Double.MIN_NORMAL);
    }
}
