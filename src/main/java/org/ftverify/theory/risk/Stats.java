package org.ftverify.theory.risk;

/**
 * Sample statistics over per-run values, summed in index order so a Monte Carlo result does not depend on which
 * thread produced which run.
 */
final class Stats {
    private Stats() {}

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    /** Unbiased sample variance. */
    static double variance(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) {
            double e = v - m;
            s += e * e;
        }
        return s / (x.length - 1);
    }

    /** Monte Carlo standard error of the mean: sd / sqrt(N). */
    static double se(double[] x) {
        return Math.sqrt(variance(x) / x.length);
    }

    static double[] difference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
        return d;
    }

    /** Per-run (x_i - mean x)^2: averaging it gives the (biased by (N-1)/N) sample variance, with its SE. */
    static double[] squaredDeviations(double[] x) {
        double m = mean(x);
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = (x[i] - m) * (x[i] - m);
        return d;
    }

    /** Ordinary least squares of y on x: {slope, intercept, residual variance}. */
    static double[] ols(double[] x, double[] y) {
        int n = x.length;
        double mx = mean(x), my = mean(y), sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double slope = sxy / sxx, intercept = my - slope * mx, rss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - intercept - slope * x[i];
            rss += r * r;
        }
        return new double[] {slope, intercept, n > 2 ? rss / (n - 2) : Double.NaN};
    }

    /** Population standard deviation (divide by n), as in the spec's error law sd_j(log c_j). */
    static double populationSd(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return Math.sqrt(s / x.length);
    }
}
