package org.ftverify.evidence;

/**
 * Sample statistics over per-unit values, summed in index order so a Monte Carlo result does not depend on which
 * thread produced which unit. NaN entries propagate (a diverged unit is never averaged away).
 */
public final class SampleStats {
    private SampleStats() {}

    /** Least-squares line y = intercept + slope x, the slope's standard error and the residual variance (NaN below 3 points). */
    public record Line(double slope, double intercept, double slopeSe, double residualVariance, int n) {}

    public static double mean(double[] x) {
        if (x.length == 0) throw new IllegalArgumentException("mean of an empty sample");
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    /** Unbiased sample variance (n - 1); 0 for a single value. */
    public static double variance(double[] x) {
        if (x.length < 2) return 0;
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s / (x.length - 1);
    }

    /** Sample standard deviation (n - 1). */
    public static double sd(double[] x) {
        return Math.sqrt(variance(x));
    }

    /** Population standard deviation (divide by n). */
    public static double populationSd(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return Math.sqrt(s / x.length);
    }

    /** Standard error of the mean, sd / sqrt(n). */
    public static double se(double[] x) {
        return Math.sqrt(variance(x) / x.length);
    }

    /** a[i] - b[i]: paired differences (common random numbers cancel in their SE). */
    public static double[] difference(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("paired samples differ in length: " + a.length + " vs " + b.length);
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
        return d;
    }

    /** Per-unit (x_i - mean x)^2: averaging gives the (biased by (n-1)/n) sample variance, with its SE. */
    public static double[] squaredDeviations(double[] x) {
        double m = mean(x);
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = (x[i] - m) * (x[i] - m);
        return d;
    }

    /** Column j of a row-major table. */
    public static double[] column(double[][] rows, int j) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = rows[i][j];
        return out;
    }

    /** Ordinary least squares of y on x over indices [from, to). */
    public static Line fit(double[] x, double[] y, int from, int to) {
        int n = to - from;
        if (n < 2) throw new IllegalArgumentException("line fit needs at least 2 points, got " + n);
        double mx = 0, my = 0;
        for (int i = from; i < to; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0;
        for (int i = from; i < to; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double slope = sxy / sxx, intercept = my - slope * mx;
        double se = Double.NaN, rv = Double.NaN;
        if (n > 2) {
            double ss = 0;
            for (int i = from; i < to; i++) {
                double r = y[i] - intercept - slope * x[i];
                ss += r * r;
            }
            rv = ss / (n - 2);
            se = Math.sqrt(rv / sxx);
        }
        return new Line(slope, intercept, se, rv, n);
    }

    public static Line fit(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("line fit: x and y differ in length: " + x.length + " vs " + y.length);
        return fit(x, y, 0, x.length);
    }

    /** Evenly spaced grid from {@code from} to {@code to} inclusive with step h. */
    public static double[] grid(double from, double to, double h) {
        int n = (int) Math.floor((to - from) / h + 1e-9) + 1;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) g[i] = from + i * h;
        return g;
    }
}
