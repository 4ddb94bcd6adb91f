package org.ftverify.theory.lora;

/** Small statistics used by the simulation claims: means, spreads, least-squares lines. NaN entries are errors. */
final class SimStats {
    private SimStats() {}

    /** Least-squares line y = intercept + slope x with the slope's standard error (NaN with fewer than 3 points). */
    record Line(double slope, double intercept, double slopeSe, int n) {}

    static double mean(double[] x) {
        if (x.length == 0) throw new IllegalArgumentException("mean of an empty sample");
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    /** Sample standard deviation (n - 1); 0 for a single value. */
    static double sd(double[] x) {
        if (x.length < 2) return 0;
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return Math.sqrt(s / (x.length - 1));
    }

    /** Standard error of the mean. */
    static double se(double[] x) {
        return sd(x) / Math.sqrt(x.length);
    }

    static Line fit(double[] x, double[] y, int from, int to) {
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
        double se = Double.NaN;
        if (n > 2) {
            double ss = 0;
            for (int i = from; i < to; i++) {
                double r = y[i] - intercept - slope * x[i];
                ss += r * r;
            }
            se = Math.sqrt(ss / (n - 2) / sxx);
        }
        return new Line(slope, intercept, se, n);
    }

    static Line fit(double[] x, double[] y) {
        return fit(x, y, 0, x.length);
    }

    /** Values of a at the given indices (for series of a subset). */
    static double[] column(double[][] rows, int j) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = rows[i][j];
        return out;
    }

    /** Compact number for texts: 20 rather than 20.0000, 0.0469 rather than 0.046875000. */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return String.valueOf((long) v);
        return String.format(java.util.Locale.ROOT, "%.4g", v).replaceAll("\\.?0+(?=$|e)", "");
    }

    /** Evenly spaced grid from 'from' to 'to' inclusive with step h. */
    static double[] grid(double from, double to, double h) {
        int n = (int) Math.floor((to - from) / h + 1e-9) + 1;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) g[i] = from + i * h;
        return g;
    }
}
