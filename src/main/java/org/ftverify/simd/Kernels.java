package org.ftverify.simd;

/**
 * Dense double kernels used by the high-dimensional simulations.
 *
 * <p>All methods work on the first {@code n} entries and allocate nothing, so they can sit in an SGD step loop.
 * This is the portable scalar implementation; the Vector API implementation is selected at class-load time when the
 * {@code jdk.incubator.vector} module is present.
 */
public final class Kernels {
    private Kernels() {}

    /** Sum of a[i] * b[i]. */
    public static double dot(double[] a, double[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += a[i] * b[i];
        return s;
    }

    /** y += alpha * x. */
    public static void axpy(double alpha, double[] x, double[] y, int n) {
        for (int i = 0; i < n; i++) y[i] += alpha * x[i];
    }

    /** x *= alpha. */
    public static void scale(double alpha, double[] x, int n) {
        for (int i = 0; i < n; i++) x[i] *= alpha;
    }

    /** Sum of x[i]^2. */
    public static double squaredNorm(double[] x, int n) {
        return dot(x, x, n);
    }

    /** y = A x, with A stored row-major as rows x cols in {@code a}. */
    public static void gemv(double[] a, int rows, int cols, double[] x, double[] y) {
        for (int r = 0; r < rows; r++) {
            double s = 0;
            int off = r * cols;
            for (int c = 0; c < cols; c++) s += a[off + c] * x[c];
            y[r] = s;
        }
    }

    /** Human-readable name of the implementation and vector width in use, recorded in every evidence. */
    public static String species() {
        return "scalar";
    }
}
