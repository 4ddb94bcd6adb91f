package org.ftverify.theory.dln;

import java.util.List;
import java.util.Random;
import org.ftverify.core.CheckAbort;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.evidence.Tolerance;
import org.ftverify.ode.OdeSolver;
import org.ftverify.ode.Trajectory;

/**
 * P2: A² = k + 4β² with k = (λ⁺ − λ⁻)² + 4c², hence dβ_i/dt = √(k_i + 4β_i²)·s_i, and the n-dimensional ν-flow
 * reproduces the network's flow. Three comparisons: the identity at a random state of dimension D (up to 5000), the
 * drift check (one GD increment divided by η against the reduced vector field; the GD bias is exactly ηg²β), and the
 * β trajectories of the 4D network flow against the ν-flow at small D.
 */
final class ReducedFlowClaim {
    static final String ID = "dln.reduced-flow";

    private ReducedFlowClaim() {}

    static Claim build(DlnModel model) {
        return Claim.builder(ID)
                .title("P2 — Identity A² = k + 4β² and the reduced (mirror) flow")
                .statement("At any state, A_i² = (λ⁺_i − λ⁻_i)² + 4c_i² + 4β_i²; one GD increment divided by η equals "
                        + "√(k_i + 4β_i²)·s_i up to the exact bias ηs_i²β_i (drift check); and the n-dimensional ν-flow "
                        + "β_i = (√k_i/2) sinh(2(Xᵀν)_i + φ_i) follows the network's gradient flow.")
                .asciidoc("symja:[A^2 == (lp - lm)^2 + 4*c^2 + 4*b^2]")
                .provenance("[derived][validated]")
                .tolerance("identity and drift: round-off (ops·κ·u); the GD increment's exact O(η) term ηs²β is part of the prediction; trajectories: the two "
                        + "integrations' error estimated by re-integrating at 100× tighter tolerance")
                .cites("dln-p2").uses("dln-identity", "dln-mirror-trajectory", "dln-gd-beta-step").reads("k", "mirror")
                .space(ParameterSpace.of(
                        Parameter.integer("d", 20, 5000, 100, true, "dimension of the identity and drift check"),
                        Parameter.real("alpha", 0.05, 0.9, 0.5, "n/D of the drift check"),
                        Parameter.real("log10_eta", -6, -3, -4, "log10 of the GD step of the drift check"),
                        Parameter.integer("d_flow", 3, 16, 6, false, "dimension of the trajectory comparison"),
                        Parameter.real("t_end", 1, 20, 5, "horizon of the trajectory comparison")))
                .tries(3, 8, 20)
                .check((p, ctx) -> {
                    Evidence e = new Evidence();
                    drift(model, p.integer("d"), p.real("alpha"), Math.pow(10, p.real("log10_eta")), ctx.subSeed(0), e);
                    trajectories(model, p.integer("d_flow"), p.real("t_end"), ctx.subSeed(1), e);
                    return e;
                })
                .build();
    }

    private static Network randomNetwork(Design data, Random r) {
        int d = data.d();
        double[][] a = new double[4][d];
        for (double[] v : a) for (int i = 0; i < d; i++) v[i] = (r.nextBoolean() ? 1 : -1) * (0.05 + 0.95 * r.nextDouble());
        return new Network(data, a[0], a[1], a[2], a[3]);
    }

    private static void drift(DlnModel model, int d, double alpha, double eta, long seed, Evidence e) {
        Random r = new Random(seed);
        int n = Math.max(1, (int) Math.round(alpha * d));
        double[] teacher = new double[d];
        for (int i = 0; i < d; i++) teacher[i] = r.nextGaussian();
        Design data = Design.gaussian(n, d, 1 / Math.sqrt(d), teacher, seed + 1);
        Network net = randomNetwork(data, r);
        double[] before = new double[d], after = new double[d], k = new double[d], grad = new double[d];
        net.beta(before);
        Worst identity = new Worst(), drift = new Worst();
        for (int i = 0; i < d; i++) {
            k[i] = model.k(net.c(i), net.lambdaPlus(i), net.lambdaMinus(i));
            double a = net.a(i);
            identity.offer(Tolerance.roundOff(1, 40, a * a), "A_i² (worst coordinate)", k[i] + 4 * before[i] * before[i], a * a);
        }
        net.computeGradient();
        System.arraycopy(net.gradient(), 0, grad, 0, d);
        net.applyStep(eta);
        net.beta(after);
        for (int i = 0; i < d; i++) {
            double s = -grad[i];
            // β' = β(1 + η²g²) − ηgA exactly (proof step dln-gd-beta-step): the increment/η is the flow's drift plus the
            // exact discretisation term ηs²β, so what remains is round-off of the difference of two products of size ~A/2,
            // ~u·A/η, plus that of the drift, ~u|s|A.
            double predicted = model.speed(k[i], before[i]) * s + eta * s * s * before[i];
            double observed = (after[i] - before[i]) / eta;
            Tolerance tol = Tolerance.roundOff(4, 32, net.a(i) / eta + Math.abs(s) * net.a(i) + 1e-300);
            drift.offer(tol, "GD increment/η vs √(k+4β²)·s + ηs²β (worst coordinate)", predicted, observed);
        }
        e.compare(identity.get()).compare(drift.get()).diagnostic("drift check D, n, η", d + ", " + n + ", " + eta);
    }

    private static void trajectories(DlnModel model, int d, double tEnd, long seed, Evidence e) {
        Random r = new Random(seed);
        int n = Math.max(1, d / 2);
        double[] teacher = new double[d];
        for (int i = 0; i < d; i++) teacher[i] = r.nextGaussian();
        Design data = Design.gaussian(n, d, 1, teacher, seed + 1);
        Network net = randomNetwork(data, r);
        double[] beta0 = new double[d], k = new double[d];
        net.beta(beta0);
        for (int i = 0; i < d; i++) k[i] = model.k(net.c(i), net.lambdaPlus(i), net.lambdaMinus(i));
        double[][] coarse = run(model, data, net, k, beta0, tEnd, 1e-10), fine = run(model, data, net, k, beta0, tEnd, 1e-12);
        Worst w = new Worst();
        int points = coarse[0].length / d;
        for (int j = 0; j < points; j++) {
            for (int i = 0; i < d; i++) {
                int idx = j * d + i;
                double errNet = Math.abs(coarse[0][idx] - fine[0][idx]), errMirror = Math.abs(coarse[1][idx] - fine[1][idx]);
                Tolerance tol = Tolerance.derived(Math.max(Double.MIN_NORMAL, 10 * (errNet + errMirror)),
                        "10× the two integrations' error estimated against rtol = atol = 1e-12 re-runs")
                        .atLeastRoundOff(1000, 1 + Math.abs(fine[0][idx]));
                w.offer(tol, "β_i(t) of the ν-flow vs the network flow (worst coordinate and time)", fine[1][idx], fine[0][idx]);
            }
        }
        e.compare(w.get()).diagnostic("trajectory D, n, t_end", d + ", " + n + ", " + tEnd);
    }

    /** β at 5 times along the network flow ([0]) and the ν-flow ([1]), integrated at tolerance tol. */
    private static double[][] run(DlnModel model, Design data, Network net, double[] k, double[] beta0, double tEnd, double tol) {
        int d = data.d(), n = data.n();
        OdeSolver.Settings s = OdeSolver.Settings.defaults().withTolerance(tol, tol);
        Trajectory netT = OdeSolver.integrate(new NetworkFlow(data), 0, net.state(), tEnd, s, List.of());
        MirrorFlow mf = new MirrorFlow(model, data, k, beta0);
        Trajectory nuT = OdeSolver.integrate(mf, 0, new double[n], tEnd, s, List.of());
        double[][] out = new double[2][5 * d];
        double[] b = new double[d];
        for (int j = 0; j < 5; j++) {
            double t = tEnd * (j + 1) / 5;
            NetworkFlow.beta(netT.at(t), d, b);
            System.arraycopy(b, 0, out[0], j * d, d);
            mf.beta(nuT.at(t), b);
            System.arraycopy(b, 0, out[1], j * d, d);
        }
        for (double v : out[1]) CheckAbort.requireFinite(v, "ν-flow β");
        return out;
    }
}
