package org.ftverify.theory.dln;

import java.util.List;
import org.ftverify.core.CheckAbort;
import org.ftverify.evidence.Tolerance;
import org.ftverify.ode.Event;
import org.ftverify.ode.OdeSolver;
import org.ftverify.ode.Trajectory;

/**
 * Where the network's gradient flow ends: the 4D flow integrated (DP853, rtol = atol = 1e-12) until ||Xβ − y||/||y||
 * reaches {@link #RESIDUAL}. Its tolerance against an exact interpolator has two derived parts: the distance still to
 * go, bounded by the linearised remainder ||M Xᵀ(X M Xᵀ)⁻¹ r|| (M = diag √(k_i + 4β_i²), the flow's metric, the
 * same tangent map that carries the residual to zero), doubled; and the integrator's accumulated local error,
 * steps·tol·(1 + |β|).
 */
final class FlowLimit {
    static final double RESIDUAL = 1e-8, ODE_TOL = 1e-12;

    /** Final β, the remaining-distance bound, the integrator steps and the time reached. */
    record Result(double[] beta, double remainder, int steps, double time) {
        Tolerance tolerance(double scale) {
            return Tolerance.derived(Math.max(Double.MIN_NORMAL, 2 * remainder),
                            "2× the linearised remaining distance ||M Xᵀ(X M Xᵀ)⁻¹ r|| at ||r||/||y|| ≤ " + RESIDUAL)
                    .plus(Tolerance.derived(Math.max(Double.MIN_NORMAL, steps * ODE_TOL * (1 + Math.abs(scale))),
                            "integrator: " + steps + " steps × tol " + ODE_TOL + " × (1 + |β|)"));
        }
    }

    private FlowLimit() {}

    static Result run(Network start, Design data, double tMax) {
        NetworkFlow flow = new NetworkFlow(data);
        NetworkFlow probe = new NetworkFlow(data);
        Event done = new Event("interpolates", (t, y) -> probe.relativeResidual(y) - RESIDUAL, true);
        OdeSolver.Settings d0 = OdeSolver.Settings.defaults().withTolerance(ODE_TOL, ODE_TOL);
        OdeSolver.Settings s = new OdeSolver.Settings(d0.relTol(), d0.absTol(), d0.maxStep(), d0.minStep(), 8_000_000);
        Trajectory tr = OdeSolver.integrate(flow, 0, start.state(), tMax, s, List.of(done));
        if (Double.isNaN(tr.eventTime("interpolates")))
            throw CheckAbort.diverged("network flow did not interpolate (||r||/||y|| ≤ " + RESIDUAL + ") by t = " + tMax);
        double[] state = tr.at(tr.endTime());
        int d = data.d(), n = data.n();
        double[] beta = new double[d];
        NetworkFlow.beta(state, d, beta);
        // Linearised remaining distance: Δβ = M Xᵀ (X M Xᵀ)⁻¹ r with M_i = A_i = Σ of the squared weights.
        double[] r = new double[n], mdiag = new double[d];
        data.residualSquared(beta, r);
        for (int i = 0; i < d; i++) {
            double a = state[i], b = state[d + i], c = state[2 * d + i], e = state[3 * d + i];
            mdiag[i] = a * a + b * b + c * c + e * e;
        }
        double[] h = new double[n * n], x = data.x();
        for (int p = 0; p < n; p++)
            for (int q = 0; q <= p; q++) {
                double sum = 0;
                for (int i = 0; i < d; i++) sum += x[p * d + i] * mdiag[i] * x[q * d + i];
                h[p * n + q] = sum;
                h[q * n + p] = sum;
            }
        double[] lam = r.clone();
        if (!Cholesky.solveInPlace(h, n, lam)) throw CheckAbort.diverged("X M Xᵀ not positive definite at the flow's end");
        double rem = 0;
        for (int i = 0; i < d; i++) {
            double sum = 0;
            for (int p = 0; p < n; p++) sum += x[p * d + i] * lam[p];
            rem = Math.max(rem, Math.abs(mdiag[i] * sum));
        }
        int steps = Math.max(1, tr.evaluations() / 12);
        return new Result(beta, rem, steps, tr.endTime());
    }
}
