package org.ftverify.theory.risk;

import java.util.Arrays;
import org.ftverify.core.Num;
import org.ftverify.evidence.SampleStats;

/**
 * Algorithm 1 of the paper [PS] (offline calibration), with the reconstruction's error law and identifiability rule
 * (docs/theory/risk.adoc#risk-p9):
 * <ol>
 * <li>light probes at depths c_j give uncertainty estimates U(c_j) with standard errors SE_j;
 * <li>only depths whose reducible part V(c_j) = U(c_j) - L_int is at least 10 SE_j are used (identifiability);
 * <li>log(U - L_int) is fitted against log(c + offset) by least squares: slope -alpha, intercept log K. For decaying
 * steps eta_t = eta0 (t + t0)^-rho the offset t0 - 1/2 (midpoint rule) removes the discreteness bias;
 * <li>the fit is plugged into Thm. 6.1's c* = (alpha K/(gamma lambda))^(1/(alpha+1)).
 * </ol>
 * Error law: with Var(log U_j) ~ (SE_j/V_j)^2, the OLS slope has sd_alpha = rms_j(SE_j/V_j)/(sqrt(n) sd_j(x_j)); for
 * fork estimates SE_j = L(c_j) sqrt(2/(M(B-1))) this is the reconstruction's
 * sd_alpha = sqrt(2/(M(B-1))) rms_j(1 + L_int/V(c_j))/(sqrt(n) sd_j(log c_j)).
 */
public final class Calibration {
    /** A depth is used only if its reducible risk is at least this many standard errors (the identifiability rule). */
    public static final double IDENTIFIABILITY_FACTOR = 10;
    /** Fewest usable depths for a slope with an error estimate. */
    public static final int MIN_DEPTHS = 3;

    /**
     * The calibrated envelope. When fewer than {@link #MIN_DEPTHS} depths pass the identifiability rule,
     * {@code identifiable} is false and alpha, K and their errors are NaN: the data cannot tell alpha.
     */
    public record Fit(double lInt, double k, double alpha, double sdAlpha, double sdLogK, int[] used, boolean identifiable, String note) {
        /** Step 4: the budget-optimal depth of Thm. 6.1 under the given theory; NaN when not identifiable. */
        public double budgetOptimalDepth(RiskTheoryModel model, double gammaLambda) {
            if (!(gammaLambda > 0)) throw new IllegalArgumentException("gamma lambda = " + gammaLambda + " must be > 0 (cost per probe step)");
            return identifiable ? model.budget().cStar(alpha, k, gammaLambda) : Double.NaN;
        }

        @Override
        public String toString() {
            return identifiable
                    ? "alpha = " + Num.fmt(alpha) + " +- " + Num.sig(sdAlpha, 2) + ", K = " + Num.fmt(k) + ", L_int = " + Num.fmt(lInt) + " (" + used.length + " depths)"
                    : "not identifiable: " + note;
        }
    }

    private Calibration() {}

    /**
     * @param depths      probe depths c_j, strictly increasing, with c_j + depthOffset > 0
     * @param estimates   U(c_j), unbiased estimates of L(c_j) (variances, so >= 0)
     * @param standardErrors SE of each estimate (> 0)
     * @param lInt        the intrinsic limit L_int (known, or estimated e.g. by re-evaluating final states), >= 0
     * @param depthOffset added to c_j before the log (t0 - 1/2 for eta_t = eta0 (t + t0)^-rho; 0 if unknown)
     * @throws IllegalArgumentException naming the offending input and its allowed range
     */
    public static Fit calibrate(double[] depths, double[] estimates, double[] standardErrors, double lInt, double depthOffset) {
        int n = depths.length;
        if (n < MIN_DEPTHS) throw new IllegalArgumentException("at least " + MIN_DEPTHS + " probe depths are needed, got " + n);
        Checks.sameLength("depths", depths, "estimates", estimates);
        Checks.sameLength("depths", depths, "standardErrors", standardErrors);
        Checks.variance("L_int", lInt);
        if (!Double.isFinite(depthOffset)) throw new IllegalArgumentException("depthOffset = " + depthOffset + " must be finite");
        for (int j = 0; j < n; j++) {
            if (!(depths[j] + depthOffset > 0) || Double.isInfinite(depths[j])) {
                throw new IllegalArgumentException("depths[" + j + "] + depthOffset = " + Num.fmt(depths[j] + depthOffset) + " must be finite and > 0 (it is logged)");
            }
            if (j > 0 && !(depths[j] > depths[j - 1])) throw new IllegalArgumentException("depths must be strictly increasing: depths[" + j + "] = "
                    + Num.fmt(depths[j]) + " <= depths[" + (j - 1) + "] = " + Num.fmt(depths[j - 1]));
            Checks.variance("estimates[" + j + "]", estimates[j]);
            Checks.positive("standardErrors[" + j + "]", standardErrors[j], "standard error of the estimate");
        }
        int[] used = Arrays.stream(indices(n)).filter(j -> estimates[j] - lInt >= IDENTIFIABILITY_FACTOR * standardErrors[j]).toArray();
        if (used.length < MIN_DEPTHS) {
            String note = used.length + " of " + n + " depths have U - L_int >= " + (int) IDENTIFIABILITY_FACTOR + " SE (need " + MIN_DEPTHS + ")";
            return new Fit(lInt, Double.NaN, Double.NaN, Double.NaN, Double.NaN, used, false, note);
        }
        double[] x = new double[used.length], y = new double[used.length], rel = new double[used.length];
        for (int k = 0; k < used.length; k++) {
            int j = used[k];
            double v = estimates[j] - lInt;
            x[k] = Math.log(depths[j] + depthOffset);
            y[k] = Math.log(v);
            rel[k] = standardErrors[j] / v;
        }
        SampleStats.Line line = SampleStats.fit(x, y);
        double sdX = SampleStats.populationSd(x), m = used.length, xBar = SampleStats.mean(x);
        double sigmaY = rms(rel);
        double sdAlpha = sigmaY / (Math.sqrt(m) * sdX);
        double sdLogK = sigmaY * Math.sqrt(1 / m + xBar * xBar / (m * sdX * sdX));
        return new Fit(lInt, Math.exp(line.intercept()), -line.slope(), sdAlpha, sdLogK, used, true, "");
    }

    /** the reconstruction's error law for fork estimates with M prefixes and B branches at reducible risks V(c_j) and regressors x_j. */
    public static double errorLaw(int prefixes, int branches, double lInt, double[] reducible, double[] x) {
        double[] ratio = new double[reducible.length];
        for (int j = 0; j < ratio.length; j++) ratio[j] = 1 + lInt / reducible[j];
        return Math.sqrt(2.0 / (prefixes * (branches - 1.0))) * rms(ratio) / (Math.sqrt(x.length) * SampleStats.populationSd(x));
    }

    static double rms(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s / v.length);
    }

    private static int[] indices(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }
}
