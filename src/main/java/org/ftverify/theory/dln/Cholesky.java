package org.ftverify.theory.dln;

/** In-place Cholesky solve of a small dense symmetric positive-definite system (row-major n × n). */
final class Cholesky {
    private Cholesky() {}

    /** Solves A x = b, overwriting A with its factor and b with x; false when A is not positive definite. */
    static boolean solveInPlace(double[] a, int n, double[] b) {
        for (int j = 0; j < n; j++) {
            double s = a[j * n + j];
            for (int p = 0; p < j; p++) s -= a[j * n + p] * a[j * n + p];
            if (!(s > 0)) return false;
            double l = Math.sqrt(s);
            a[j * n + j] = l;
            for (int i = j + 1; i < n; i++) {
                double t = a[i * n + j];
                for (int p = 0; p < j; p++) t -= a[i * n + p] * a[j * n + p];
                a[i * n + j] = t / l;
            }
        }
        for (int i = 0; i < n; i++) {
            double t = b[i];
            for (int p = 0; p < i; p++) t -= a[i * n + p] * b[p];
            b[i] = t / a[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double t = b[i];
            for (int p = i + 1; p < n; p++) t -= a[p * n + i] * b[p];
            b[i] = t / a[i * n + i];
        }
        return true;
    }
}
