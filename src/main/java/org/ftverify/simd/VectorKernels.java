package org.ftverify.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels. Loaded only when {@link VectorApiProbe#usable()} is true: every reference to this class sits
 * behind that check, so the scalar fallback works on a JVM without {@code --add-modules jdk.incubator.vector}.
 *
 * <p>Why the shapes below: C2 does not vectorize floating-point reductions (Java fixes the left-to-right order), so
 * reductions are where the Vector API pays. Independent accumulators hide the FMA latency (a single accumulator
 * would serialise on it). Arguments are validated by {@link Kernels}.
 */
final class VectorKernels implements KernelSupport {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final VectorKernels INSTANCE = new VectorKernels();

    private VectorKernels() {}

    @Override
    public String toString() {
        return name();
    }

    @Override
    public String name() {
        return "Vector API " + S;
    }

    @Override
    public double dot(double[] a, double[] b, int n) {
        return dotAt(a, 0, b, 0, n);
    }

    @Override
    public double squaredNorm(double[] x, int n) {
        return dotAt(x, 0, x, 0, n);
    }

    /**
     * HotSpot C2 already auto-vectorizes this element-wise loop; in JMH (docs/performance.adoc) an explicit Vector
     * API version was not faster (from 5 % faster to 21 % slower across runs), so both implementations share it.
     */
    @Override
    public void axpy(double alpha, double[] x, double[] y, int n) {
        ScalarKernels.axpyLoop(alpha, x, y, n);
    }

    /** Element-wise like axpy: C2 auto-vectorizes the plain loop. */
    @Override
    public void scale(double alpha, double[] x, int n) {
        ScalarKernels.scaleLoop(alpha, x, n);
    }

    /**
     * Sum over i in [0, n) of a[aOff + i] * b[bOff + i], with eight accumulators: four were as fast on JDK 17, but on
     * JDK 25 C2 sometimes compiled the four-accumulator loop 1.7x slower at n = 16384 (best-of-N timing, run to run);
     * eight were fast in every run on both.
     */
    static double dotAt(double[] a, int aOff, double[] b, int bOff, int n) {
        DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        int i = 0;
        for (int bound = n - 8 * L; i <= bound; i += 8 * L) {
            int ia = aOff + i, ib = bOff + i;
            s0 = DoubleVector.fromArray(S, a, ia).fma(DoubleVector.fromArray(S, b, ib), s0);
            s1 = DoubleVector.fromArray(S, a, ia + L).fma(DoubleVector.fromArray(S, b, ib + L), s1);
            s2 = DoubleVector.fromArray(S, a, ia + 2 * L).fma(DoubleVector.fromArray(S, b, ib + 2 * L), s2);
            s3 = DoubleVector.fromArray(S, a, ia + 3 * L).fma(DoubleVector.fromArray(S, b, ib + 3 * L), s3);
            s4 = DoubleVector.fromArray(S, a, ia + 4 * L).fma(DoubleVector.fromArray(S, b, ib + 4 * L), s4);
            s5 = DoubleVector.fromArray(S, a, ia + 5 * L).fma(DoubleVector.fromArray(S, b, ib + 5 * L), s5);
            s6 = DoubleVector.fromArray(S, a, ia + 6 * L).fma(DoubleVector.fromArray(S, b, ib + 6 * L), s6);
            s7 = DoubleVector.fromArray(S, a, ia + 7 * L).fma(DoubleVector.fromArray(S, b, ib + 7 * L), s7);
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            s0 = DoubleVector.fromArray(S, a, aOff + i).fma(DoubleVector.fromArray(S, b, bOff + i), s0);
        }
        DoubleVector sum = s0.add(s1).add(s2.add(s3)).add(s4.add(s5).add(s6.add(s7)));
        double s = sum.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) s += a[aOff + i] * b[bOff + i];
        return s;
    }

    /** y += alpha x, then the squared norm of the new y; y is rounded exactly as in the scalar axpy (no fma). */
    @Override
    public double axpyThenSquaredNorm(double alpha, double[] x, double[] y, int n) {
        DoubleVector s0 = DoubleVector.zero(S), s1 = s0;
        int i = 0;
        for (int bound = n - 2 * L; i <= bound; i += 2 * L) {
            DoubleVector y0 = DoubleVector.fromArray(S, x, i).mul(alpha).add(DoubleVector.fromArray(S, y, i));
            DoubleVector y1 = DoubleVector.fromArray(S, x, i + L).mul(alpha)
                    .add(DoubleVector.fromArray(S, y, i + L));
            y0.intoArray(y, i);
            y1.intoArray(y, i + L);
            s0 = y0.fma(y0, s0);
            s1 = y1.fma(y1, s1);
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            DoubleVector y0 = DoubleVector.fromArray(S, x, i).mul(alpha).add(DoubleVector.fromArray(S, y, i));
            y0.intoArray(y, i);
            s0 = y0.fma(y0, s0);
        }
        double s = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double yi = y[i] + alpha * x[i];
            y[i] = yi;
            s += yi * yi;
        }
        return s;
    }

    /**
     * y = A x, four rows at a time: each load of x feeds four FMAs (one per row), which halves the loads per FMA
     * compared with four separate dot products.
     */
    @Override
    public void gemv(double[] a, int rows, int cols, double[] x, double[] y) {
        int r = 0;
        int bound = S.loopBound(cols);
        for (; r + 4 <= rows; r += 4) {
            int o0 = r * cols, o1 = o0 + cols, o2 = o1 + cols, o3 = o2 + cols;
            DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            int c = 0;
            for (; c < bound; c += L) {
                DoubleVector xv = DoubleVector.fromArray(S, x, c);
                s0 = DoubleVector.fromArray(S, a, o0 + c).fma(xv, s0);
                s1 = DoubleVector.fromArray(S, a, o1 + c).fma(xv, s1);
                s2 = DoubleVector.fromArray(S, a, o2 + c).fma(xv, s2);
                s3 = DoubleVector.fromArray(S, a, o3 + c).fma(xv, s3);
            }
            double t0 = s0.reduceLanes(VectorOperators.ADD), t1 = s1.reduceLanes(VectorOperators.ADD);
            double t2 = s2.reduceLanes(VectorOperators.ADD), t3 = s3.reduceLanes(VectorOperators.ADD);
            for (; c < cols; c++) {
                double xc = x[c];
                t0 += a[o0 + c] * xc;
                t1 += a[o1 + c] * xc;
                t2 += a[o2 + c] * xc;
                t3 += a[o3 + c] * xc;
            }
            y[r] = t0;
            y[r + 1] = t1;
            y[r + 2] = t2;
            y[r + 3] = t3;
        }
        for (; r < rows; r++) y[r] = dotAt(a, r * cols, x, 0, cols);
    }

    /**
     * y = A^T x: column blocks of four vectors outside, rows inside, so A is read once, y written once, and the four
     * accumulators are independent FMA chains.
     */
    @Override
    public void gemvTransposed(double[] a, int rows, int cols, double[] x, double[] y) {
        int c = 0;
        for (int bound = cols - 4 * L; c <= bound; c += 4 * L) {
            DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int r = 0, off = c; r < rows; r++, off += cols) {
                DoubleVector xr = DoubleVector.broadcast(S, x[r]);
                s0 = DoubleVector.fromArray(S, a, off).fma(xr, s0);
                s1 = DoubleVector.fromArray(S, a, off + L).fma(xr, s1);
                s2 = DoubleVector.fromArray(S, a, off + 2 * L).fma(xr, s2);
                s3 = DoubleVector.fromArray(S, a, off + 3 * L).fma(xr, s3);
            }
            s0.intoArray(y, c);
            s1.intoArray(y, c + L);
            s2.intoArray(y, c + 2 * L);
            s3.intoArray(y, c + 3 * L);
        }
        for (int bound = S.loopBound(cols); c < bound; c += L) {
            DoubleVector s0 = DoubleVector.zero(S);
            for (int r = 0, off = c; r < rows; r++, off += cols) {
                s0 = DoubleVector.fromArray(S, a, off).fma(DoubleVector.broadcast(S, x[r]), s0);
            }
            s0.intoArray(y, c);
        }
        for (; c < cols; c++) {
            double s = 0;
            for (int r = 0, off = c; r < rows; r++, off += cols) s = Math.fma(a[off], x[r], s);
            y[c] = s;
        }
    }
}
