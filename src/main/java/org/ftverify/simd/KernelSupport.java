package org.ftverify.simd;

/**
 * The kernel contract: what every implementation of the dense kernels provides. {@link ScalarKernels} (plain loops,
 * works on any JVM) and {@link VectorKernels} (Vector API) implement it; {@link KernelProvider} picks one once, at
 * class initialisation, and {@link Kernels} delegates to it through a static final field, so every call site sees
 * one receiver type and the JIT inlines the call (the pattern of Lucene's VectorUtilSupport and
 * VectorizationProvider).
 *
 * <p>Implementations do not validate arguments ({@link Kernels} does, once, before delegating), work on the first
 * {@code n} entries, and allocate nothing.
 */
interface KernelSupport {
    /** Human-readable name including the vector width, e.g. "Vector API Species[double, 4, S_256_BIT]". */
    String name();

    /** Sum of a[i] * b[i] for i in [0, n). */
    double dot(double[] a, double[] b, int n);

    /** Sum of x[i]^2 for i in [0, n). */
    double squaredNorm(double[] x, int n);

    /** y += alpha * x on [0, n). */
    void axpy(double alpha, double[] x, double[] y, int n);

    /** y += alpha * x, then the squared norm of the new y; y is rounded exactly as by {@link #axpy}. */
    double axpyThenSquaredNorm(double alpha, double[] x, double[] y, int n);

    /** x *= alpha on [0, n). */
    void scale(double alpha, double[] x, int n);

    /** y = A x, A row-major rows x cols. */
    void gemv(double[] a, int rows, int cols, double[] x, double[] y);

    /** y = A^T x, A row-major rows x cols. */
    void gemvTransposed(double[] a, int rows, int cols, double[] x, double[] y);
}
