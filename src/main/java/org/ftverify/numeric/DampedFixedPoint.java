package org.ftverify.numeric;

import java.util.function.UnaryOperator;

/**
 * Damped fixed-point iteration x ← (1 − d) x + d F(x), stopped when the largest componentwise change
 * |F(x) − x| (relative to max(1, |x|)) falls below a tolerance. The result carries the final residual, so a caller
 * can put the solver's own error into its tolerance, and says whether it converged.
 */
public final class DampedFixedPoint {
    /** The last iterate, the residual max_j |F(x)_j − x_j| / max(1, |x_j|) there, and the iteration count. */
    public record Result(double[] x, double residual, int iterations, boolean converged) {}

    private DampedFixedPoint() {}

    /**
     * Damped iteration until the residual falls below {@code switchAt}, then Newton's method on G(x) = F(x) − x with a
     * forward-difference Jacobian and step halving on ||G|| (for small systems whose damped iteration is slow near a
     * critical point). The residual is that of the damped iteration's definition, evaluated at the returned point.
     */
    public static Result solveNewton(UnaryOperator<double[]> map, double[] start, double damping, double switchAt, double tol,
                                     int maxIterations) {
        Result warm = solve(map, start, damping, switchAt, maxIterations);
        if (!warm.converged()) return warm;
        double[] x = warm.x().clone();
        int m = x.length, used = warm.iterations();
        double[] gx = residualVector(map, x);
        for (int it = 0; it < 60 && used < maxIterations; it++) {
            double res = scaledMax(gx, x);
            if (res < tol) return new Result(x, res, used, true);
            double[][] jac = new double[m][m];
            for (int j = 0; j < m; j++) {
                double h = 1e-7 * Math.max(1e-8, Math.abs(x[j]));
                double[] xp = x.clone();
                xp[j] += h;
                double[] gp = residualVector(map, xp);
                used++;
                for (int i = 0; i < m; i++) jac[i][j] = (gp[i] - gx[i]) / h;
            }
            double[] step = solveSmall(jac, gx);
            if (step == null) break;
            double t = 1, norm = norm(gx);
            double[] xt = null, gt = null;
            for (int ls = 0; ls < 30; ls++) {
                xt = x.clone();
                for (int j = 0; j < m; j++) xt[j] -= t * step[j];
                gt = residualVector(map, xt);
                used++;
                if (norm(gt) < norm) break;
                t /= 2;
            }
            if (!(norm(gt) < norm)) break;
            x = xt;
            gx = gt;
        }
        double res = scaledMax(gx, x);
        return new Result(x, res, used, res < tol);
    }

    private static double[] residualVector(UnaryOperator<double[]> map, double[] x) {
        double[] fx = map.apply(x);
        double[] g = new double[x.length];
        for (int j = 0; j < x.length; j++) g[j] = fx[j] - x[j];
        return g;
    }

    private static double scaledMax(double[] g, double[] x) {
        double r = 0;
        for (int j = 0; j < x.length; j++) {
            double v = Math.abs(g[j]) / Math.max(1, Math.abs(x[j]));
            r = Double.isNaN(v) ? Double.POSITIVE_INFINITY : Math.max(r, v);
        }
        return r;
    }

    private static double norm(double[] g) {
        double s = 0;
        for (double v : g) s += v * v;
        return Double.isNaN(s) ? Double.POSITIVE_INFINITY : Math.sqrt(s);
    }

    /** Gaussian elimination with partial pivoting; null when singular. */
    private static double[] solveSmall(double[][] a, double[] b) {
        int m = b.length;
        double[][] A = new double[m][];
        for (int i = 0; i < m; i++) A[i] = a[i].clone();
        double[] x = b.clone();
        for (int c = 0; c < m; c++) {
            int piv = c;
            for (int r = c + 1; r < m; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
            if (A[piv][c] == 0 || !Double.isFinite(A[piv][c])) return null;
            double[] tr = A[c]; A[c] = A[piv]; A[piv] = tr;
            double tb = x[c]; x[c] = x[piv]; x[piv] = tb;
            for (int r = c + 1; r < m; r++) {
                double f = A[r][c] / A[c][c];
                for (int k = c; k < m; k++) A[r][k] -= f * A[c][k];
                x[r] -= f * x[c];
            }
        }
        for (int r = m - 1; r >= 0; r--) {
            double s = x[r];
            for (int k = r + 1; k < m; k++) s -= A[r][k] * x[k];
            x[r] = s / A[r][r];
        }
        return x;
    }

    public static Result solve(UnaryOperator<double[]> map, double[] start, double damping, double tol, int maxIterations) {
        if (!(damping > 0 && damping <= 1)) throw new IllegalArgumentException("damping: must be in (0, 1], got " + damping);
        if (!(tol > 0)) throw new IllegalArgumentException("tol: must be > 0, got " + tol);
        double[] x = start.clone();
        double residual = Double.POSITIVE_INFINITY;
        for (int it = 1; it <= maxIterations; it++) {
            double[] fx = map.apply(x);
            residual = 0;
            for (int j = 0; j < x.length; j++) {
                double r = Math.abs(fx[j] - x[j]) / Math.max(1, Math.abs(x[j]));
                if (!(r <= Double.MAX_VALUE)) residual = Double.POSITIVE_INFINITY;
                else residual = Math.max(residual, r);
                x[j] = (1 - damping) * x[j] + damping * fx[j];
            }
            if (residual < tol) return new Result(x, residual, it, true);
            if (Double.isInfinite(residual)) return new Result(x, residual, it, false);
        }
        return new Result(x, residual, maxIterations, false);
    }
}
