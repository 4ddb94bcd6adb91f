package org.ftverify.theory.spectral;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ftverify.core.CheckContext;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Num;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Params;
import org.ftverify.evidence.Tolerance;
import org.ftverify.numeric.TruncatedSvd;
import org.ftverify.ode.Event;
import org.ftverify.ode.OdeSolver;
import org.ftverify.ode.Trajectory;
import org.ftverify.simd.GaussianSampler;

/**
 * P9: under gradient flow toward a target with a new direction (coefficient eta) and the pretrained direction re-weighted
 * to theta', the new mode overtakes the pretrained leading mode iff eta > theta', at t_c = ln(1 + theta0/(eta - theta')).
 * The full matrix ODE is integrated by Hipparchus; two events locate the crossing independently: the coefficients
 * meeting, and the per-index overlap of the leading singular vector dropping from 1 to 0.
 */
final class CrossingTimeClaim {
    static final String ID = "spectral.crossing-time";

    private CrossingTimeClaim() {}

    static Claim build(SpectralModel model) {
        return Claim.builder(ID)
                .title("P9 — Intruder direction: crossing time of a new task mode")
                .statement("For W0 = theta0 a b^T + (smaller modes) fine-tuned by gradient flow toward theta' a b^T + eta a2 b2^T, the "
                        + "new mode overtakes the pretrained leading mode at t_c = ln(1 + theta0/(eta - theta')) when eta > theta', never "
                        + "when eta <= theta'; the per-index overlap of u_1 jumps from 1 to 0 at t_c while the 2-dimensional subspace is unchanged.")
                .asciidoc("symja:[tc == Log(1 + theta0/(eta - thetap))]; event detection on the integrated matrix ODE dW/dt = -(W - W*).")
                .provenance("[reconstructed] elementary consequence of the gradient-flow closed form; the paper's per-index plots motivate it")
                .tolerance("event location: DP853 at rtol 1e-10 plus Brent's 1e-12 time accuracy, derived bound 1e-8 on t_c")
                .cites("spectral-p9")
                .uses("crossing-time")
                .reads("crossing-time")
                .space(ParameterSpace.of(
                        Parameter.real("theta0", 1, 5, 2, "pretrained leading coefficient"),
                        Parameter.real("thetap", 0.2, 5, 1, "target coefficient theta' on the pretrained direction"),
                        Parameter.real("excess", 0.05, 2, 0.8, "(eta - theta')/theta0: how far the new mode exceeds theta'"),
                        Parameter.integer("n", 4, 8, 4, false, "matrix dimension (n x n)"))
                        .constrained("theta' <= theta0", p -> p.real("thetap") <= p.real("theta0")))
                .tries(3, 8, 20)
                .check((p, ctx) -> check(model, p, ctx))
                .build();
    }

    static Evidence check(SpectralModel model, Params params, CheckContext ctx) {
        double theta0 = params.real("theta0"), thetap = params.real("thetap"), eta = thetap + params.real("excess") * theta0;
        int n = params.integer("n");
        GaussianSampler g = GaussianSampler.stream(ctx.seed(), 9);
        DMatrixRMaj q1 = Matrices.orthonormalColumns(n, n, g), q2 = Matrices.orthonormalColumns(n, n, g);
        double small = 0.05 * Math.min(thetap, theta0); // smaller pretrained modes, below both crossing modes near t_c
        double[] s0 = new double[n], sStar = new double[n];
        s0[0] = theta0;
        for (int i = 2; i < n; i++) s0[i] = small * (n - i) / n;
        sStar[0] = thetap;
        sStar[1] = eta;
        DMatrixRMaj w0 = Matrices.compose(q1, s0, q2), target = Matrices.compose(q1, sStar, q2);
        double[] a = Matrices.column(q1, 0), b = Matrices.column(q2, 0), a2 = Matrices.column(q1, 1), b2 = Matrices.column(q2, 1);
        double predicted = model.crossingTime(theta0, thetap, eta);
        double tEnd = Math.log1p(theta0 / (eta - thetap)) + 1;
        Event coefficients = new Event("coefficients meet", (t, y) -> bilinear(y, n, a, b) - bilinear(y, n, a2, b2), false);
        double[] u1 = a.clone();
        Event overlap = new Event("u_1 overlap crosses 1/sqrt 2", (t, y) -> Math.abs(dot(u1, leftTop(y, n))) - Math.sqrt(0.5), false);
        Trajectory tr = OdeSolver.integrate((t, y, dy) -> { for (int i = 0; i < y.length; i++) dy[i] = -(y[i] - target.data[i]); },
                0, w0.data.clone(), tEnd, OdeSolver.Settings.defaults(), List.of(coefficients, overlap));
        Tolerance ode = Tolerance.derived(1e-8, "event time error of DP853 (rtol 1e-10, atol 1e-10) with Brent's time accuracy 1e-12, "
                + "bounded by the state error 1e-9 divided by the slope of g at the crossing (>= 0.1 here)");
        Evidence e = new Evidence();
        e.compare(ode.compare("crossing time t_c (coefficient event)", predicted, tr.eventTime("coefficients meet")));
        e.compare(ode.compare("crossing time t_c (per-index overlap event)", predicted, tr.eventTime("u_1 overlap crosses 1/sqrt 2")));
        double before = Math.abs(dot(u1, leftTop(tr.at(predicted - 0.05), n))), after = Math.abs(dot(u1, leftTop(tr.at(predicted + 0.05), n)));
        double gapNear = Math.min(Math.abs(coefficientGap(tr.at(predicted - 0.05), n, a, b, a2, b2)),
                Math.abs(coefficientGap(tr.at(predicted + 0.05), n, a, b, a2, b2)));
        // singular vectors are accurate to ~ n u sigma_1 / gap (the two crossing modes are the closest pair here)
        Tolerance svd = Tolerance.roundOff(Math.max(theta0, eta) / gapNear, 50 * n, 1);
        e.compare(svd.compare("per-index overlap |<u_1(0), u_1(t)>| at t_c - 0.05 (model's t_c)", 1, before));
        e.compare(svd.compare("per-index overlap at t_c + 0.05 (model's t_c)", 0, after));
        double[][] early = top2(tr.at(predicted - 0.05), n), late = top2(tr.at(predicted + 0.05), n);
        e.compare(svd.compare("2-subspace overlap S_2 across t_c", 1, StabilityMetrics.subspaceOverlap(early, late, 2)));
        // eta <= theta': the new mode never overtakes (integrate to t = 10)
        double[] sNo = sStar.clone();
        sNo[1] = thetap * 0.9;
        DMatrixRMaj targetNo = Matrices.compose(q1, sNo, q2);
        Event noCross = new Event("no crossing", (t, y) -> bilinear(y, n, a, b) - bilinear(y, n, a2, b2), false);
        Trajectory none = OdeSolver.integrate((t, y, dy) -> { for (int i = 0; i < y.length; i++) dy[i] = -(y[i] - targetNo.data[i]); },
                0, w0.data.clone(), 10, OdeSolver.Settings.defaults(), List.of(noCross));
        e.compare(Tolerance.derived(0.5, "an event count is an integer").compare("crossings when eta = 0.9 theta' (none predicted)", 0,
                Double.isNaN(none.eventTime("no crossing")) ? 0 : 1));
        e.diagnostic("eta", Num.sig(eta, 6));
        e.diagnostic("ODE evaluations", tr.evaluations());
        return e;
    }

    static double coefficientGap(double[] w, int n, double[] a, double[] b, double[] a2, double[] b2) {
        return bilinear(w, n, a, b) - bilinear(w, n, a2, b2);
    }

    static double bilinear(double[] w, int n, double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) s += a[i] * w[i * n + j] * b[j];
        return s;
    }

    static double[] leftTop(double[] w, int n) {
        return svd(w, n).u()[0];
    }

    static double[][] top2(double[] w, int n) {
        TruncatedSvd.Result r = svd(w, n);
        return new double[][] {r.u()[0], r.u()[1]};
    }

    private static TruncatedSvd.Result svd(double[] w, int n) {
        DMatrixRMaj x = new DMatrixRMaj(n, n);
        System.arraycopy(w, 0, x.data, 0, n * n);
        return Matrices.svd(x);
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }
}
