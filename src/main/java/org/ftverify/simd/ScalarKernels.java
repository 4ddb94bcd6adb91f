package org.ftverify.simd;

/**
 * Plain-loop kernels: the fallback when the Vector API module is absent, the implementation of the element-wise
 * kernels everywhere (C2 auto-vectorizes them), and the baseline the JMH benchmarks compare against.
 * Arguments are validated by {@link Kernels}.
 */
final class ScalarKernels implements KernelSupport {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    @Override
    public String toString() {
        return name();
    }

    @Override
    public String name() {
        return "scalar (" + VectorApiProbe.reason() + ")";
    }

    @Override
    public double dot(double[] a, double[] b, int n) {
        return dotAt(a, 0, b, 0, n);
    }

    static double dotAt(double[] a, int aOff, double[] b, int bOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += a[aOff + i] * b[bOff + i];
        return s;
    }

    @Override
    public void axpy(double alpha, double[] x, double[] y, int n) {
        axpyLoop(alpha, x, y, n);
    }

    /** The element-wise loops are shared with {@link VectorKernels}: C2 auto-vectorizes them. */
    static void axpyLoop(double alpha, double[] x, double[] y, int n) {
        for (int i = 0; i < n; i++) y[i] += alpha * x[i];
    }

    @Override
    public double axpyThenSquaredNorm(double alpha, double[] x, double[] y, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double yi = y[i] + alpha * x[i];
            y[i] = yi;
            s += yi * yi;
        }
        return s;
    }

    @Override
    public void scale(double alpha, double[] x, int n) {
        scaleLoop(alpha, x, n);
    }

    static void scaleLoop(double alpha, double[] x, int n) {
        for (int i = 0; i < n; i++) x[i] *= alpha;
    }

    @Override
    public double squaredNorm(double[] x, int n) {
        return dotAt(x, 0, x, 0, n);
    }

    @Override
    public void gemv(double[] a, int rows, int cols, double[] x, double[] y) {
        for (int r = 0; r < rows; r++) y[r] = dotAt(a, r * cols, x, 0, cols);
    }

    @Override
    public void gemvTransposed(double[] a, int rows, int cols, double[] x, double[] y) {
        for (int c = 0; c < cols; c++) y[c] = 0;
        for (int r = 0; r < rows; r++) {
            double xr = x[r];
            int off = r * cols;
            for (int c = 0; c < cols; c++) y[c] += xr * a[off + c];
        }
    }

    static void gemvAt(double[] a, int aOff, int rows, int cols, double[] x, int xOff, double[] y, int yOff) {
        for (int r = 0; r < rows; r++) y[yOff + r] = dotAt(a, aOff + r * cols, x, xOff, cols);
    }

    static void gemvTransposedAt(double[] a, int aOff, int rows, int cols, double[] x, int xOff, double[] y, int yOff) {
        for (int c = 0; c < cols; c++) y[yOff + c] = 0;
        for (int r = 0; r < rows; r++) {
            double xr = x[xOff + r];
            int off = aOff + r * cols;
            for (int c = 0; c < cols; c++) y[yOff + c] += xr * a[off + c];
        }
    }
}
