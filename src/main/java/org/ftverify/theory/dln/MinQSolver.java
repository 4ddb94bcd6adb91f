package org.ftverify.theory.dln;

import org.ftverify.core.CheckAbort;

/**
 * Where gradient flow ends: the Bregman projection β∞ = argmin_{Xβ=y} Σ_i [q_{k_i}(β_i) − q'_{k_i}(β_i(0))β_i]
 * (β(0) = 0 gives min Q_k), computed by Newton's method on the convex dual
 * f(ν) = Σ_i Q*_i((Xᵀν)_i + φ_i) − νᵀy, whose gradient is Xβ(ν) − y and Hessian X diag(dβ/dm) Xᵀ, with Armijo
 * backtracking (docs/theory/dln.adoc#dln-bias). The dual variable ν is the t → ∞ limit of the reduced flow.
 */
public final class MinQSolver {
    /** The solution, its final relative residual ||Xβ − y||/||y|| and the Newton iterations used. */
    public record Result(double[] beta, double[] nu, double relativeResidual, int iterations) {}

    private MinQSolver() {}

    public static Result solve(DlnModel model, Design data, double[] k, double[] beta0, double residualTol) {
        int n = data.n(), d = data.d();
        if (n > d) throw new IllegalArgumentException("n: samples must be in [1, D = " + d + "] for an interpolator to exist, got " + n);
        double[] x = data.x(), y = data.y();
        double[] phi = new double[d];
        for (int i = 0; i < d; i++) phi[i] = model.mirror(k[i], beta0[i]);
        double yNorm = Math.sqrt(dot(y, y, n));
        double[] nu = new double[n], m = new double[d], beta = new double[d], grad = new double[n], step = new double[n];
        double[] trial = new double[n], step2 = new double[n], h = new double[n * n], wrow = new double[d];
        double f = objective(model, data, k, phi, nu, m);
        for (int it = 0; it < 200; it++) {
            gradient(model, data, k, phi, nu, m, beta, grad);
            double res = Math.sqrt(dot(grad, grad, n)) / yNorm;
            if (res <= residualTol) return new Result(beta, nu, res, it);
            // Hessian X diag(dβ/dm) Xᵀ: O(n² D), symmetric.
            for (int a = 0; a < n; a++) {
                for (int i = 0; i < d; i++) wrow[i] = x[a * d + i] * model.inverseMirrorSlope(k[i], m[i]);
                for (int b = 0; b <= a; b++) {
                    double s = 0;
                    int off = b * d;
                    for (int i = 0; i < d; i++) s += wrow[i] * x[off + i];
                    h[a * n + b] = s;
                    h[b * n + a] = s;
                }
            }
            for (int a = 0; a < n; a++) step[a] = -grad[a];
            if (!Cholesky.solveInPlace(h, n, step)) throw CheckAbort.diverged("min-Q dual Hessian not positive definite at Newton iteration " + it);
            double slope = dot(grad, step, n), t = 1, gradNorm = Math.sqrt(dot(grad, grad, n));
            double ft;
            while (true) {
                for (int a = 0; a < n; a++) trial[a] = nu[a] + t * step[a];
                ft = objective(model, data, k, phi, trial, m);
                if (ft <= f + 1e-4 * t * slope) break;
                // Near the optimum f changes below its round-off: accept a step that shrinks the residual instead.
                if (ft <= f + 1e-13 * (1 + Math.abs(f))) {
                    gradient(model, data, k, phi, trial, m, beta, step2);
                    if (Math.sqrt(dot(step2, step2, n)) < (1 - 1e-4 * t) * gradNorm) break;
                }
                if (t < 1e-12) throw CheckAbort.diverged("min-Q Newton line search failed at iteration " + it + ", residual " + res);
                t /= 2;
            }
            if (!Double.isFinite(ft)) throw CheckAbort.diverged("min-Q dual objective became " + ft);
            System.arraycopy(trial, 0, nu, 0, n);
            f = ft;
        }
        gradient(model, data, k, phi, nu, m, beta, grad);
        return new Result(beta, nu, Math.sqrt(dot(grad, grad, n)) / yNorm, 200);
    }

    private static double objective(DlnModel model, Design data, double[] k, double[] phi, double[] nu, double[] m) {
        int n = data.n(), d = data.d();
        org.ftverify.simd.Kernels.gemvTransposed(data.x(), n, d, nu, m);
        double f = -dot(nu, data.y(), n);
        for (int i = 0; i < d; i++) {
            m[i] += phi[i];
            // Q*(m) − Q*(φ): ∫_φ^m β dm'; the constant keeps f of order one (cosh 2m can be ~1e7 at tiny k).
            f += model.dualPotential(k[i], m[i]) - model.dualPotential(k[i], phi[i]);
        }
        return f;
    }

    private static void gradient(DlnModel model, Design data, double[] k, double[] phi, double[] nu, double[] m, double[] beta, double[] grad) {
        int n = data.n(), d = data.d();
        org.ftverify.simd.Kernels.gemvTransposed(data.x(), n, d, nu, m);
        for (int i = 0; i < d; i++) {
            m[i] += phi[i];
            beta[i] = model.inverseMirror(k[i], m[i]);
        }
        org.ftverify.simd.Kernels.gemv(data.x(), n, d, beta, grad);
        for (int a = 0; a < n; a++) grad[a] -= data.y()[a];
    }

    static double dot(double[] a, double[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += a[i] * b[i];
        return s;
    }
}
