package org.ftverify.simd;

/**
 * Dense double kernels used by the high-dimensional simulations.
 *
 * <p>All methods work on the first {@code n} entries and allocate nothing, so they can sit in an SGD step loop.
 * This class is a static facade: it validates the arguments and delegates to one {@link KernelSupport}
 * implementation, chosen once by {@link KernelProvider} when this class is initialised: the Vector API version
 * ({@link VectorKernels}) when the {@code jdk.incubator.vector} module is in the boot layer (JVM started with
 * {@code --add-modules jdk.incubator.vector}), otherwise the portable {@link ScalarKernels}. The system property
 * {@code -Dftverify.simd=scalar} forces the scalar version (used to measure and to test the fallback). The
 * implementation sits in a static final field, so each call site is monomorphic and the JIT inlines it.
 *
 * <p>Reproducibility: reductions ({@link #dot}, {@link #squaredNorm}, {@link #gemv}) sum in an order that depends on
 * the vector width, so results can differ in the last bits between an AVX2 and an AVX-512 machine (relative
 * difference ~ n * 2^-53 at worst). Replays across machines must compare with a tolerance; {@link #species()} is
 * recorded in every evidence so the width is known. Element-wise kernels ({@link #axpy}, {@link #scale}) are
 * bitwise identical everywhere.
 */
public final class Kernels {
    /** Decided once; a static final constant, so the JIT sees a single receiver type and inlines every call. */
    static final KernelSupport IMPL = KernelProvider.choose();
    static final boolean VECTORIZED = VectorApiProbe.usable();

    private Kernels() {}

    /** Sum of a[i] * b[i] for i in [0, n). */
    public static double dot(double[] a, double[] b, int n) {
        Checks.length("n", n, "a", a, "b", b);
        return IMPL.dot(a, b, n);
    }

    /** y += alpha * x on [0, n). Both implementations share the plain loop, which C2 auto-vectorizes. */
    public static void axpy(double alpha, double[] x, double[] y, int n) {
        Checks.length("n", n, "x", x, "y", y);
        IMPL.axpy(alpha, x, y, n);
    }

    /**
     * Fused {@code y += alpha * x; return ||y||^2} over [0, n): one pass instead of two for the SGD update followed
     * by re-normalisation. y ends bitwise identical to {@link #axpy}; the returned sum equals {@link #squaredNorm}
     * of the new y up to summation order.
     */
    public static double axpyThenSquaredNorm(double alpha, double[] x, double[] y, int n) {
        Checks.length("n", n, "x", x, "y", y);
        return IMPL.axpyThenSquaredNorm(alpha, x, y, n);
    }

    /** x *= alpha on [0, n). */
    public static void scale(double alpha, double[] x, int n) {
        Checks.length("n", n, "x", x);
        IMPL.scale(alpha, x, n);
    }

    /** Sum of x[i]^2 for i in [0, n). */
    public static double squaredNorm(double[] x, int n) {
        Checks.length("n", n, "x", x);
        return IMPL.squaredNorm(x, n);
    }

    /** y = A x, with A stored row-major as rows x cols in {@code a}; x has cols entries, y receives rows entries. */
    public static void gemv(double[] a, int rows, int cols, double[] x, double[] y) {
        Checks.matrix(a, rows, cols, x, "cols", cols, y, "rows", rows);
        IMPL.gemv(a, rows, cols, x, y);
    }

    /**
     * y = A^T x, with A stored row-major as rows x cols in {@code a}; x has rows entries, y receives cols entries.
     * In SGD this is the batch gradient sum_i g_i x_i with the samples x_i as the rows of A.
     */
    public static void gemvTransposed(double[] a, int rows, int cols, double[] x, double[] y) {
        Checks.matrix(a, rows, cols, x, "rows", rows, y, "cols", cols);
        IMPL.gemvTransposed(a, rows, cols, x, y);
    }

    /**
     * Segment form of {@link #gemv} for a batch of small blocks stored one after another (e.g. the T x D token
     * matrices of many prompts): y[yOff + r] = sum_c a[aOff + r*cols + c] * x[xOff + c] for r in [0, rows).
     * Plain loops on every platform: the blocks are a few columns wide, below one vector register, so the work is
     * a sequence of short dots that C2 unrolls; the batch as a whole is what the caller streams.
     */
    public static void gemvAt(double[] a, int aOff, int rows, int cols, double[] x, int xOff, double[] y, int yOff) {
        Checks.segment(a, aOff, (long) rows * cols, "a");
        Checks.segment(x, xOff, cols, "x");
        Checks.segment(y, yOff, rows, "y");
        ScalarKernels.gemvAt(a, aOff, rows, cols, x, xOff, y, yOff);
    }

    /**
     * Segment form of {@link #gemvTransposed}: y[yOff + c] = sum_r x[xOff + r] * a[aOff + r*cols + c] for c in
     * [0, cols), the weighted sum of the block's rows (in a prompt: sum over tokens of weight_M * z_M).
     */
    public static void gemvTransposedAt(double[] a, int aOff, int rows, int cols, double[] x, int xOff, double[] y, int yOff) {
        Checks.segment(a, aOff, (long) rows * cols, "a");
        Checks.segment(x, xOff, rows, "x");
        Checks.segment(y, yOff, cols, "y");
        ScalarKernels.gemvTransposedAt(a, aOff, rows, cols, x, xOff, y, yOff);
    }

    /**
     * Human-readable name of the implementation and vector width in use, recorded in every evidence, e.g.
     * {@code "Vector API Species[double, 8, S_512_BIT]"} or {@code "scalar (jdk.incubator.vector absent)"}.
     */
    public static String species() {
        return IMPL.name();
    }
}
