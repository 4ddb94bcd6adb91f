package org.ftverify.simd;

import static org.ftverify.simd.ExactSums.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel, in both implementations, against exact BigDecimal references with the gamma_n bound of
 * {@link ExactSums}; lengths include 0, 1 and sizes that are not a multiple of any lane count.
 */
class KernelsTest {
    static final int[] LENGTHS = {0, 1, 7, 1023, 4099};

    /** The two implementations of the kernel contract, called directly, plus the public static facade. */
    static final KernelSupport SCALAR = ScalarKernels.INSTANCE;

    static final KernelSupport VECTOR = VectorKernels.INSTANCE;

    static final KernelSupport FACADE = new KernelSupport() {
        public String name() { return "Kernels"; }
        public double dot(double[] a, double[] b, int n) { return Kernels.dot(a, b, n); }
        public double squaredNorm(double[] x, int n) { return Kernels.squaredNorm(x, n); }
        public double axpyThenSquaredNorm(double al, double[] x, double[] y, int n) {
            return Kernels.axpyThenSquaredNorm(al, x, y, n);
        }
        public void axpy(double al, double[] x, double[] y, int n) { Kernels.axpy(al, x, y, n); }
        public void scale(double al, double[] x, int n) { Kernels.scale(al, x, n); }
        public void gemv(double[] a, int r, int c, double[] x, double[] y) { Kernels.gemv(a, r, c, x, y); }
        public void gemvTransposed(double[] a, int r, int c, double[] x, double[] y) {
            Kernels.gemvTransposed(a, r, c, x, y);
        }
        public String toString() { return "Kernels"; }
    };

    static Stream<Arguments> implsAndLengths() {
        return Stream.of(SCALAR, VECTOR, FACADE)
                .flatMap(impl -> java.util.Arrays.stream(LENGTHS).mapToObj(n -> Arguments.of(impl, n)));
    }

    static Stream<KernelSupport> impls() {
        return Stream.of(SCALAR, VECTOR, FACADE);
    }

    /** Data padded by 3 entries so the kernels must honour n, not the array length. */
    static double[] data(long seed, int n) {
        return randomVector(new SplittableRandom(seed), n + 3);
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("implsAndLengths")
    void dotIsWithinGammaNOfExact(KernelSupport impl, int n) {
        double[] a = data(1 + n, n), b = data(2 + n, n);
        double exact = exactDot(a, 0, 1, b, n);
        double got = impl.dot(a, b, n);
        assertEquals(exact, got, dotTolerance(n, absDot(a, 0, 1, b, n), exact));
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("implsAndLengths")
    void squaredNormIsWithinGammaNOfExact(KernelSupport impl, int n) {
        double[] x = data(3 + n, n);
        double exact = exactDot(x, 0, 1, x, n);
        assertEquals(exact, impl.squaredNorm(x, n), dotTolerance(n, absDot(x, 0, 1, x, n), exact));
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("implsAndLengths")
    void axpyRoundsEachEntryTwiceAtMost(KernelSupport impl, int n) {
        double[] x = data(4 + n, n), y = data(5 + n, n), y0 = y.clone();
        double alpha = -0.37;
        impl.axpy(alpha, x, y, n);
        for (int i = 0; i < n; i++) {
            // fl(y + fl(alpha x)): two roundings, so |err| <= gamma_2 (|y| + |alpha x|).
            double exact = new java.math.BigDecimal(y0[i])
                    .add(new java.math.BigDecimal(alpha).multiply(new java.math.BigDecimal(x[i]))).doubleValue();
            double tol = gamma(2) * (Math.abs(y0[i]) + Math.abs(alpha * x[i])) * (1 + gamma(2));
            assertEquals(exact, y[i], tol, "entry " + i);
        }
        for (int i = n; i < y.length; i++) assertEquals(y0[i], y[i], 0.0, "entry past n must be untouched");
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("implsAndLengths")
    void fusedAxpyNormEqualsAxpyThenNorm(KernelSupport impl, int n) {
        double[] x = data(6 + n, n), y = data(7 + n, n), reference = y.clone();
        SCALAR.axpy(0.81, x, reference, n);
        double norm2 = impl.axpyThenSquaredNorm(0.81, x, y, n);
        assertArrayEquals(reference, y, 0.0, "the fused update must round exactly like axpy");
        double exact = exactDot(y, 0, 1, y, n);
        assertEquals(exact, norm2, dotTolerance(n, absDot(y, 0, 1, y, n), exact));
    }

    /** scale is the auto-vectorized loop in both implementations: x *= alpha must be one correct rounding. */
    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("implsAndLengths")
    void scaleIsCorrectlyRounded(KernelSupport impl, int n) {
        double[] x = data(8 + n, n), x0 = x.clone();
        impl.scale(1.7, x, n);
        for (int i = 0; i < n; i++) assertEquals(1.7 * x0[i], x[i], 0.0);
        for (int i = n; i < x.length; i++) assertEquals(x0[i], x[i], 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impls")
    void gemvRowsAreDotsWithinGammaN(KernelSupport impl) {
        for (int rows : new int[] {0, 1, 3, 4, 5, 16}) {
            for (int cols : LENGTHS) {
                double[] a = randomVector(new SplittableRandom(rows * 31L + cols), rows * cols);
                double[] x = data(9 + cols, cols);
                double[] y = new double[rows + 2];
                y[rows] = 42; // sentinel past the output
                impl.gemv(a, rows, cols, x, y);
                for (int r = 0; r < rows; r++) {
                    double exact = exactDot(a, r * cols, 1, x, cols);
                    double tol = dotTolerance(cols, absDot(a, r * cols, 1, x, cols), exact);
                    assertEquals(exact, y[r], tol, rows + "x" + cols + " row " + r);
                }
                assertEquals(42, y[rows], 0.0, "gemv wrote past rows");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impls")
    void gemvTransposedColumnsAreDotsWithinGammaN(KernelSupport impl) {
        for (int rows : new int[] {0, 1, 3, 16}) {
            for (int cols : LENGTHS) {
                double[] a = randomVector(new SplittableRandom(rows * 37L + cols), rows * cols);
                double[] x = data(10 + rows, rows);
                double[] y = new double[cols + 2];
                java.util.Arrays.fill(y, 7.0); // must be overwritten, not accumulated into
                impl.gemvTransposed(a, rows, cols, x, y);
                for (int c = 0; c < cols; c++) {
                    double exact = exactDot(a, c, cols, x, rows);
                    double tol = dotTolerance(rows, absDot(a, c, cols, x, rows), exact);
                    assertEquals(exact, y[c], tol, rows + "x" + cols + " column " + c);
                }
                assertEquals(7.0, y[cols], 0.0, "gemvTransposed wrote past cols");
            }
        }
    }

    /** Negative case: the same tolerance rejects a dot product that drops one term or is off by 1e-9 relative. */
    @Test
    void toleranceRejectsWrongDot() {
        int n = 1023;
        double[] a = data(11, n), b = data(12, n);
        double exact = exactDot(a, 0, 1, b, n);
        double tol = dotTolerance(n, absDot(a, 0, 1, b, n), exact);
        double droppedLast = SCALAR.dot(a, b, n - 1);
        assertTrue(Math.abs(droppedLast - exact) > tol, "a dot missing its last term must be rejected");
        double perturbed = exact * (1 + 1e-9) + 1e-9 * absDot(a, 0, 1, b, n);
        assertTrue(Math.abs(perturbed - exact) > tol, "a 1e-9 relative error must be rejected");
    }

    @Test
    void badArgumentsGetOneLineMessagesNamingTheParameter() {
        double[] a = new double[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.dot(a, a, 5));
        assertTrue(e.getMessage().startsWith("n = 5 must be in [0, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kernels.axpy(1, a, new double[2], 3));
        assertThrows(IllegalArgumentException.class, () -> Kernels.scale(1, a, -1));
        assertThrows(IllegalArgumentException.class, () -> Kernels.squaredNorm(null, 0));
        e = assertThrows(IllegalArgumentException.class, () -> Kernels.gemv(a, 2, 3, a, a));
        assertTrue(e.getMessage().contains("rows * cols = 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Kernels.gemv(a, 2, 2, new double[1], a));
        assertEquals("x.length = 1 must be >= cols = 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kernels.gemvTransposed(a, 2, 2, a, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> Kernels.gemv(a, -1, 2, a, a));
    }

    /** The facade adds argument checks only: its results are the chosen implementation's, bit for bit. */
    @Test
    void facadeDelegatesToTheChosenImplementationBitForBit() {
        assertSame(VECTOR, Kernels.IMPL, "surefire loads the incubator module, so the Vector API kernels are chosen");
        int n = 4099;
        double[] a = data(21, n), b = data(22, n);
        assertEquals(Double.doubleToRawLongBits(VECTOR.dot(a, b, n)), Double.doubleToRawLongBits(Kernels.dot(a, b, n)));
        double[] y1 = b.clone(), y2 = b.clone();
        double s1 = VECTOR.axpyThenSquaredNorm(0.3, a, y1, n), s2 = Kernels.axpyThenSquaredNorm(0.3, a, y2, n);
        assertEquals(Double.doubleToRawLongBits(s1), Double.doubleToRawLongBits(s2));
        assertArrayEquals(y1, y2, 0.0);
        double[] g1 = new double[16], g2 = new double[16];
        VECTOR.gemv(a, 16, 200, b, g1);
        Kernels.gemv(a, 16, 200, b, g2);
        assertArrayEquals(g1, g2, 0.0);
    }

    @Test
    void speciesNamesTheVectorApiWhenTheModuleIsLoaded() {
        // Surefire starts the JVM with --add-modules jdk.incubator.vector (pom argLine).
        assertTrue(Kernels.species().startsWith("Vector API Species[double, "), Kernels.species());
        assertTrue(Kernels.VECTORIZED);
    }
}
