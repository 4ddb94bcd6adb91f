package org.ftverify.bench;

/** The plain Java loops every Vector API kernel is measured against (what one writes without the simd package). */
final class ScalarLoops {
    private ScalarLoops() {}

    static double dot(double[] a, double[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += a[i] * b[i];
        return s;
    }

    static void gemv(double[] a, int rows, int cols, double[] x, double[] y) {
        for (int r = 0; r < rows; r++) {
            double s = 0;
            int off = r * cols;
            for (int c = 0; c < cols; c++) s += a[off + c] * x[c];
            y[r] = s;
        }
    }

    static void gemvTransposed(double[] a, int rows, int cols, double[] x, double[] y) {
        for (int c = 0; c < cols; c++) y[c] = 0;
        for (int r = 0; r < rows; r++) {
            double xr = x[r];
            int off = r * cols;
            for (int c = 0; c < cols; c++) y[c] += xr * a[off + c];
        }
    }
}
