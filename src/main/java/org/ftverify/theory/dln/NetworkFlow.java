package org.ftverify.theory.dln;

import org.ftverify.ode.OdeSystem;
import org.ftverify.simd.Kernels;

/**
 * Gradient flow of the network's 4D parameters (state [w⁺, v⁺, w⁻, v⁻]): ẇ⁺ = −g v⁺, v̇⁺ = −g w⁺, ẇ⁻ = g v⁻,
 * v̇⁻ = g w⁻ with g = (2/n)Xᵀ(Xβ − y). The independent side of the implicit-bias claims: it knows nothing of k or q.
 * One instance per integration (scratch buffers).
 */
final class NetworkFlow implements OdeSystem {
    private final Design data;
    private final int d, n;
    private final double[] beta, residual, grad;

    NetworkFlow(Design data) {
        this.data = data;
        this.d = data.d();
        this.n = data.n();
        beta = new double[d];
        residual = new double[n];
        grad = new double[d];
    }

    static void beta(double[] state, int d, double[] out) {
        for (int i = 0; i < d; i++) out[i] = state[i] * state[d + i] - state[2 * d + i] * state[3 * d + i];
    }

    @Override
    public void derivatives(double t, double[] y, double[] dydt) {
        beta(y, d, beta);
        Kernels.gemv(data.x(), n, d, beta, residual);
        for (int i = 0; i < n; i++) residual[i] = (residual[i] - data.y()[i]) * (2.0 / n);
        Kernels.gemvTransposed(data.x(), n, d, residual, grad);
        for (int i = 0; i < d; i++) {
            double g = grad[i];
            dydt[i] = -g * y[d + i];
            dydt[d + i] = -g * y[i];
            dydt[2 * d + i] = g * y[3 * d + i];
            dydt[3 * d + i] = g * y[2 * d + i];
        }
    }

    /** Relative residual ||Xβ − y|| / ||y|| of a state. */
    double relativeResidual(double[] state) {
        beta(state, d, beta);
        double r = data.residualSquared(beta, residual);
        return Math.sqrt(r / Math.max(Double.MIN_NORMAL, Kernels.squaredNorm(data.y(), n)));
    }
}
