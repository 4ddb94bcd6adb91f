package org.ftverify.theory.icl;

import org.ftverify.ode.OdeSystem;

/**
 * Zero-shot gradient flow of all parameters restricted to the invariant manifold Q = a e0e0ᵀ ⊕ (αI + βθ0θ0ᵀ),
 * v = (0, pθ0, v_y) with Σ = I, ‖θ0‖ = 1 (docs/theory/icl.adoc#icl-dynamics). With c1 = pa - 1, c2 = pα,
 * c3 = p(α + β): L_ZS - σ² = c1² + 2(d-1)c1c2 + (d²-1)c2² + 6c1c3 + 6(d-1)c2c3 + 15c3². The Frobenius metric gives
 * ȧ = -∂_a L, ṗ = -∂_p L and (α̇, β̇) = -G^{-1}(∂_α L, ∂_β L) with G = [[d, 1], [1, 1]]. State y = (a, α, β, p).
 */
public final class ReducedFlow implements OdeSystem {
    private final int d;
    private final boolean frobenius;
    private final double scale;

    ReducedFlow(int d, boolean frobenius, double scale) {
        if (d < 2) throw new IllegalArgumentException("d (covariate dimension): must be >= 2 for the reduced flow, got " + d);
        this.d = d;
        this.frobenius = frobenius;
        this.scale = scale;
    }

    /** Excess zero-shot loss L_ZS - σ² at state y. */
    public double excessLoss(double[] y) {
        double c1 = y[3] * y[0] - 1, c2 = y[3] * y[1], c3 = y[3] * (y[1] + y[2]);
        return c1 * c1 + 2 * (d - 1) * c1 * c2 + (d * d - 1.0) * c2 * c2 + 6 * c1 * c3 + 6 * (d - 1) * c2 * c3 + 15 * c3 * c3;
    }

    /** (∂_a, ∂_α, ∂_β, ∂_p) of the excess loss. */
    public void partials(double[] y, double[] out) {
        double a = y[0], al = y[1], be = y[2], p = y[3];
        double c1 = p * a - 1, c2 = p * al, c3 = p * (al + be);
        double f1 = 2 * c1 + 2 * (d - 1) * c2 + 6 * c3;
        double f2 = 2 * (d - 1) * c1 + 2 * (d * d - 1.0) * c2 + 6 * (d - 1) * c3;
        double f3 = 6 * c1 + 6 * (d - 1) * c2 + 30 * c3;
        out[0] = f1 * p;
        out[1] = (f2 + f3) * p;
        out[2] = f3 * p;
        out[3] = f1 * a + f2 * al + f3 * (al + be);
    }

    @Override
    public void derivatives(double t, double[] y, double[] dy) {
        partials(y, dy);
        double ga = dy[1], gb = dy[2];
        if (frobenius) {
            // G^{-1} = [[1, -1], [-1, d]] / (d - 1)
            dy[1] = (ga - gb) / (d - 1);
            dy[2] = (-ga + d * gb) / (d - 1);
        }
        for (int i = 0; i < 4; i++) dy[i] = -scale * dy[i];
    }
}
