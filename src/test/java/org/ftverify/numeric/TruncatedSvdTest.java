package org.ftverify.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ftverify.simd.GaussianSampler;
import org.ftverify.simd.Kernels;
import org.junit.jupiter.api.Test;

class TruncatedSvdTest {
    /** Spiked matrix: sum_i theta_i e_{2i} e_{3i}^T plus N(0, 1/p) noise (the rectangular spiked model). */
    static double[][] spiked(int m, int p, double[] theta, long seed) {
        GaussianSampler g = new GaussianSampler(seed);
        double[][] a = new double[m][p];
        for (double[] row : a) {
            g.fill(row, p);
            Kernels.scale(1 / Math.sqrt(p), row, p);
        }
        for (int i = 0; i < theta.length; i++) a[2 * i][3 * i] += theta[i];
        return a;
    }

    @Test
    void agreesWithEjmlFullSvdOnASpikedMatrix() {
        for (int[] dims : new int[][] {{300, 200}, {150, 400}}) {
            double[][] a = spiked(dims[0], dims[1], new double[] {4, 3, 2.2}, 11);
            TruncatedSvd.Result t = TruncatedSvd.compute(a, 3, 5);
            TruncatedSvd.Result f = ReferenceSvd.compute(a, 3);
            assertTrue(t.relativeResidual() <= TruncatedSvd.DEFAULT_RELATIVE_RESIDUAL, "residual " + t.relativeResidual());
            for (int i = 0; i < 3; i++) {
                assertEquals(f.sigma()[i], t.sigma()[i], 1e-9 * f.sigma()[0], "sigma_" + (i + 1));
                double cu = Math.abs(Kernels.dot(f.u()[i], t.u()[i], dims[0])), cv = Math.abs(Kernels.dot(f.v()[i], t.v()[i], dims[1]));
                // angle error <= residual / gap (Wedin); the gaps here are > 0.3
                assertEquals(1, cu, 1e-12, "u_" + (i + 1));
                assertEquals(1, cv, 1e-12, "v_" + (i + 1));
            }
        }
    }

    @Test
    void badInputsGetOneLineErrorsNamingTheParameter() {
        double[][] a = spiked(20, 10, new double[] {3}, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TruncatedSvd.compute(a, 11, 1)).getMessage().startsWith("k = 11 must be in [1, min(m, p)] = [1, 10]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TruncatedSvd.compute(a, 0, 1)).getMessage().startsWith("k = 0"));
        double[][] nan = spiked(20, 10, new double[] {3}, 1);
        nan[3][4] = Double.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TruncatedSvd.compute(nan, 1, 1)).getMessage().contains("entry (3, 4) is NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TruncatedSvd.compute(new double[0][], 1, 1)).getMessage().contains("0 rows"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TruncatedSvd.compute(new double[][] {{}}, 1, 1)).getMessage().contains("0 columns"));
        double[][] rank1 = new double[20][10];
        for (int r = 0; r < 20; r++) for (int c = 0; c < 10; c++) rank1[r][c] = (r + 1) * (c + 1.0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TruncatedSvd.compute(rank1, 2, 1)).getMessage().contains("exceeds the numerical rank"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReferenceSvd.compute(nan, 1)).getMessage().contains("is NaN"));
    }

    /** Not a benchmark (JMH measures speed): prints one timing of each on the largest matrix the claims use. */
    public static void main(String[] args) {
        double[][] a = spiked(1600, 800, new double[] {3, 2.5, 2}, 3);
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            TruncatedSvd.Result t = TruncatedSvd.compute(a, 3, rep);
            long t1 = System.nanoTime();
            System.out.printf("truncated k=3: %.1f ms, %d iterations, residual %.2e%n", (t1 - t0) / 1e6, t.iterations(), t.relativeResidual());
        }
        long t0 = System.nanoTime();
        ReferenceSvd.compute(a, 3);
        System.out.printf("EJML full: %.1f ms%n", (System.nanoTime() - t0) / 1e6);
    }
}
