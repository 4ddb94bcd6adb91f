package org.ftverify.theory.spectral;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ftverify.numeric.ReferenceSvd;
import org.ftverify.numeric.TruncatedSvd;
import org.ftverify.simd.GaussianSampler;

/** Small dense helpers on EJML matrices for the models of docs/theory/spectral.adoc (all sizes <= a few hundred). */
final class Matrices {
    private Matrices() {}

    static DMatrixRMaj gaussian(int rows, int cols, double scale, GaussianSampler g) {
        DMatrixRMaj x = new DMatrixRMaj(rows, cols);
        g.fill(x.data, rows * cols);
        CommonOps_DDRM.scale(scale, x);
        return x;
    }

    /** rows x cols (rows >= cols) with Haar-distributed orthonormal columns (QR of a Gaussian, signs fixed by R). */
    static DMatrixRMaj orthonormalColumns(int rows, int cols, GaussianSampler g) {
        DMatrixRMaj x = gaussian(rows, cols, 1, g);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(rows, cols);
        if (!qr.decompose(x)) throw new IllegalStateException("QR failed");
        DMatrixRMaj q = qr.getQ(null, true), r = qr.getR(null, true);
        for (int j = 0; j < cols; j++)
            if (r.get(j, j) < 0) for (int i = 0; i < rows; i++) q.set(i, j, -q.get(i, j));
        return q;
    }

    /** Q1 diag(sigma) Q2^T with Q1 (m x r) and Q2 (p x r), r = sigma.length. */
    static DMatrixRMaj compose(DMatrixRMaj q1, double[] sigma, DMatrixRMaj q2) {
        DMatrixRMaj scaled = q1.copy();
        for (int i = 0; i < scaled.numRows; i++) for (int j = 0; j < sigma.length; j++) scaled.set(i, j, scaled.get(i, j) * sigma[j]);
        DMatrixRMaj out = new DMatrixRMaj(q1.numRows, q2.numRows);
        CommonOps_DDRM.multTransB(scaled, q2, out);
        return out;
    }

    static double[] column(DMatrixRMaj x, int j) {
        double[] c = new double[x.numRows];
        for (int i = 0; i < c.length; i++) c[i] = x.get(i, j);
        return c;
    }

    static double[][] rows(DMatrixRMaj x) {
        double[][] r = new double[x.numRows][x.numCols];
        for (int i = 0; i < x.numRows; i++) System.arraycopy(x.data, i * x.numCols, r[i], 0, x.numCols);
        return r;
    }

    /** Matrix with the given vectors as columns. */
    static DMatrixRMaj columns(double[][] vectors, int k) {
        DMatrixRMaj x = new DMatrixRMaj(vectors[0].length, k);
        for (int j = 0; j < k; j++) for (int i = 0; i < x.numRows; i++) x.set(i, j, vectors[j][i]);
        return x;
    }

    static double operatorNorm(DMatrixRMaj x) {
        return NormOps_DDRM.normP2(x);
    }

    static double frobenius2(DMatrixRMaj x) {
        double f = NormOps_DDRM.normF(x);
        return f * f;
    }

    static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numCols, b.numCols);
        CommonOps_DDRM.multTransA(a, b, c);
        return c;
    }

    static DMatrixRMaj add(DMatrixRMaj a, double beta, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.add(a, beta, b, c);
        return c;
    }

    /** All singular triplets (descending) of a small matrix. */
    static TruncatedSvd.Result svd(DMatrixRMaj x) {
        return ReferenceSvd.of(x, Math.min(x.numRows, x.numCols));
    }

    /** Singular values of a small matrix, descending. */
    static double[] singularValues(DMatrixRMaj x) {
        return svd(x).sigma();
    }
}
