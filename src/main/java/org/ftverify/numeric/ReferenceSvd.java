package org.ftverify.numeric;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * EJML's full SVD (Golub–Kahan bidiagonalisation and implicit QR) in the same form as {@link TruncatedSvd.Result}:
 * the reference the truncated SVD is tested against, and the decomposition of the small matrices (up to ~100 x 200)
 * where computing every triplet costs a millisecond.
 */
public final class ReferenceSvd {
    private ReferenceSvd() {}

    /** The k leading triplets of the full SVD of {@code a} (rows), singular values descending; residual 0. */
    public static TruncatedSvd.Result compute(double[][] a, int k) {
        int m = TruncatedSvd.rows(a), p = a[0].length;
        TruncatedSvd.checkInputs(a, m, p, k);
        DMatrixRMaj x = new DMatrixRMaj(m, p);
        for (int r = 0; r < m; r++) System.arraycopy(a[r], 0, x.data, r * p, p);
        return of(x, k);
    }

    /** The k leading triplets of an EJML matrix (not modified). */
    public static TruncatedSvd.Result of(DMatrixRMaj x, int k) {
        int m = x.numRows, p = x.numCols;
        if (m == 0 || p == 0) throw new IllegalArgumentException("a: the matrix is " + m + " x " + p + "; allowed: at least 1 row and 1 column");
        if (k < 1 || k > Math.min(m, p)) throw new IllegalArgumentException("k = " + k + " must be in [1, " + Math.min(m, p) + "]");
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, p, true, true, true);
        if (!svd.decompose(x.copy())) throw new IllegalStateException("EJML SVD of a " + m + " x " + p + " matrix failed");
        DMatrixRMaj ut = svd.getU(null, true), w = svd.getW(null), vt = svd.getV(null, true);
        SingularOps_DDRM.descendingOrder(ut, true, w, vt, true);
        double[] sigma = new double[k];
        double[][] u = new double[k][m], v = new double[k][p];
        for (int i = 0; i < k; i++) {
            sigma[i] = w.get(i, i);
            System.arraycopy(ut.data, i * m, u[i], 0, m);
            System.arraycopy(vt.data, i * p, v[i], 0, p);
        }
        return new TruncatedSvd.Result(sigma, u, v, 0, 0);
    }
}
