package org.ftverify.theory.dln;

import org.ftverify.ode.OdeSystem;
import org.ftverify.simd.Kernels;

/**
 * The reduced flow: the n-dimensional ODE dν/dt = (2/n)(y − Xβ(ν)) with β_i(ν) = (√k_i/2) sinh(2(Xᵀν)_i + φ_i),
 * φ_i = asinh(2β_i(0)/√k_i), ν(0) = 0 (docs/theory/dln.adoc#dln-dynamics). All of k, φ and the mirror map come from
 * the model, so a wrong potential changes this flow.
 */
final class MirrorFlow implements OdeSystem {
    private final DlnModel model;
    private final Design data;
    private final int d, n;
    private final double[] k, phi, s, beta, fitted;

    MirrorFlow(DlnModel model, Design data, double[] k, double[] beta0) {
        this.model = model;
        this.data = data;
        this.d = data.d();
        this.n = data.n();
        this.k = k.clone();
        this.phi = new double[d];
        for (int i = 0; i < d; i++) phi[i] = model.mirror(k[i], beta0[i]);
        s = new double[d];
        beta = new double[d];
        fitted = new double[n];
    }

    /** β(ν) into out. */
    void beta(double[] nu, double[] out) {
        Kernels.gemvTransposed(data.x(), n, d, nu, s);
        for (int i = 0; i < d; i++) out[i] = model.inverseMirror(k[i], s[i] + phi[i]);
    }

    @Override
    public void derivatives(double t, double[] nu, double[] dnu) {
        beta(nu, beta);
        Kernels.gemv(data.x(), n, d, beta, fitted);
        for (int i = 0; i < n; i++) dnu[i] = (2.0 / n) * (data.y()[i] - fitted[i]);
    }
}
