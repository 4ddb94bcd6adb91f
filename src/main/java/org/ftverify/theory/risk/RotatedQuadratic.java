package org.ftverify.theory.risk;

import java.util.SplittableRandom;
import org.ftverify.core.Num;
import org.ftverify.simd.GaussianSampler;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * M1 with a rotated Hessian H = Q diag(h) Q' and a gradient-noise covariance Sigma that does not commute with H
 * (docs/theory/risk.adoc#risk-p4). The recursion delta_{t+1} = (I - eta H) delta_t - eta xi_t, xi ~ N(0, Sigma), is run in H's
 * eigenbasis y = Q'delta with the cached factor B = Q' chol(Sigma), so a step is one d x d mat-vec (d <= 32).
 */
final class RotatedQuadratic {
    final int d;
    final double[] h;
    final double eta;
    final int horizon;
    final double tau2;
    final RealMatrix q, sigma, sigmaEig, hessian;
    private final double[] b;

    RotatedQuadratic(double[] h, RealMatrix q, RealMatrix sigma, double eta, int horizon, double tau2) {
        this.d = h.length;
        this.h = h.clone();
        this.q = q;
        this.sigma = sigma;
        this.eta = eta;
        this.horizon = horizon;
        this.tau2 = tau2;
        if (eta >= 2 / Checks.max(h)) throw new IllegalArgumentException("eta = " + Num.fmt(eta) + " exceeds the stability limit 2/lambda_max = " + Num.fmt(2 / Checks.max(h)));
        sigmaEig = q.transpose().multiply(sigma).multiply(q);
        hessian = q.multiply(new Array2DRowRealMatrix(diag(h))).multiply(q.transpose());
        RealMatrix factor = q.transpose().multiply(new CholeskyDecomposition(sigma, 1e-12, 1e-14).getL());
        b = new double[d * d];
        for (int i = 0; i < d; i++) for (int k = 0; k < d; k++) b[i * d + k] = factor.getEntry(i, k);
    }

    /**
     * A random instance: h_max = 1, h_min = 1/condition, the other eigenvalues log-uniform between; Q Haar-distributed
     * (QR of a Gaussian matrix with R's diagonal made positive); Sigma = G G'/d + 0.2 I with Gaussian G.
     */
    static RotatedQuadratic random(int d, double condition, double eta, double tau2, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        GaussianSampler g = new GaussianSampler(seed);
        double[] h = new double[d];
        for (int i = 0; i < d; i++) {
            h[i] = i == 0 ? 1 : i == d - 1 ? 1 / condition : Math.exp(-rng.nextDouble() * Math.log(condition));
        }
        double[][] a = new double[d][d], gg = new double[d][d];
        for (double[] row : a) g.fill(row, d);
        for (double[] row : gg) g.fill(row, d);
        QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(a));
        RealMatrix q = qr.getQ().copy();
        RealMatrix r = qr.getR();
        for (int j = 0; j < d; j++) {
            if (r.getEntry(j, j) < 0) for (int i = 0; i < d; i++) q.setEntry(i, j, -q.getEntry(i, j));
        }
        RealMatrix gm = new Array2DRowRealMatrix(gg);
        RealMatrix sigma = gm.multiply(gm.transpose()).scalarMultiply(1.0 / d)
                .add(new Array2DRowRealMatrix(diag(constant(d, 0.2))));
        int horizon = (int) Math.ceil(10 / (eta * Checks.min(h)));
        return new RotatedQuadratic(h, q, sigma, eta, horizon, tau2);
    }

    /** Runs T steps from delta0 = 0 and returns y_T = Q'delta_T in {@code y}; z and acc are scratch of length d. */
    void run(double[] y, double[] z, double[] acc, GaussianSampler g) {
        java.util.Arrays.fill(y, 0);
        for (int t = 0; t < horizon; t++) step(y, z, acc, g);
    }

    /** One SGD step y -> (I - eta diag h) y - eta Q'xi in H's eigenbasis, in place. */
    void step(double[] y, double[] z, double[] acc, GaussianSampler g) {
        g.fill(z, d);
        for (int i = 0; i < d; i++) {
            double s = 0;
            int row = i * d;
            for (int k = 0; k < d; k++) s += b[row + k] * z[k];
            acc[i] = s;
        }
        for (int i = 0; i < d; i++) y[i] = (1 - eta * h[i]) * y[i] - eta * acc[i];
    }

    double[][] sigmaEigArray() {
        return sigmaEig.getData();
    }

    /** Q M Q' for a matrix given in the eigenbasis. */
    double[][] toOriginal(double[][] eig) {
        return q.multiply(new Array2DRowRealMatrix(eig)).multiply(q.transpose()).getData();
    }

    static double[][] diag(double[] v) {
        double[][] m = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) m[i][i] = v[i];
        return m;
    }

    private static double[] constant(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
