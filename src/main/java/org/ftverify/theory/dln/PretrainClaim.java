package org.ftverify.theory.dln;

import java.util.List;
import java.util.Random;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.evidence.RunMemo;
import org.ftverify.evidence.Tolerance;
import org.ftverify.ode.OdeSolver;
import org.ftverify.ode.Trajectory;

/**
 * P4: pretraining from the (c, λ) initialisation follows a β trajectory that does not depend on λ (k = 4c² for every
 * λ), while the layer split it leaves behind does: (w⁺ + w⁻)² = (c + λ)(1 + √(1 + β²/c²)) on every coordinate. Two
 * network flows at λ_n and −λ_n from the same data.
 */
final class PretrainClaim {
    static final String ID = "dln.pretrain-lambda";

    private PretrainClaim() {}

    private record RunKey(int d, double c, double lambdaN, double tEnd, long seed) {}

    private record Run(double[] betaA, double[] betaB, double[] splitA, double[] splitB, double[] errA, double[] errB, double[] errSplitA,
                       double[] errSplitB) {}

    static Claim build(DlnModel model) {
        return Claim.builder(ID)
                .title("P4 — Pretraining is λ-invariant, the layer split it leaves is not")
                .statement("From w± = √((c+λ)/2), v± = √((c−λ)/2) the pretraining trajectory β(t) is the same for every λ, while "
                        + "(w⁺ + w⁻)² = (c + λ)(1 + √(1 + β²/c²)) on every coordinate.")
                .asciidoc("symja:[(wp + wm)^2 == (c + lam)*(1 + Sqrt(1 + b^2/c^2))]")
                .provenance("[paper][code] (PT bias independent of λ) [derived][validated] (layer split)")
                .tolerance("the integrations' error, estimated by re-integrating at 100× tighter tolerance, ×10")
                .cites("dln-p4").uses("dln-layer-split", "dln-conserved").reads("layer_split")
                .space(ParameterSpace.of(
                        Parameter.integer("d", 6, 24, 10, false, "input dimension D"),
                        Parameter.real("c", 0.05, 0.5, 0.1, "absolute scale c"),
                        Parameter.real("lambda_n", 0.1, 0.9, 0.5, "relative scale; runs at +λ_n and −λ_n"),
                        Parameter.real("t_end", 1, 20, 5, "pretraining horizon")))
                .tries(3, 8, 20)
                .check((p, ctx) -> {
                    int d = p.integer("d");
                    double c = p.real("c"), ln = p.real("lambda_n"), tEnd = p.real("t_end");
                    Run r = RunMemo.get(new RunKey(d, c, ln, tEnd, ctx.seed()), () -> simulate(d, c, ln, tEnd, ctx.seed()));
                    Worst inv = new Worst(), split = new Worst();
                    for (int i = 0; i < d; i++) {
                        Tolerance t = Tolerance.derived(10 * (r.errA()[i] + r.errB()[i]) + 1e-300, "10× the integrations' error (rtol 1e-12 re-runs)")
                                .atLeastRoundOff(1000, 1 + Math.abs(r.betaA()[i]));
                        inv.offer(t, "β_i(t_end) at −λ_n vs +λ_n (worst coordinate)", r.betaA()[i], r.betaB()[i]);
                        for (int side = 0; side < 2; side++) {
                            double lam = (side == 0 ? ln : -ln) * c, beta = side == 0 ? r.betaA()[i] : r.betaB()[i];
                            double observed = side == 0 ? r.splitA()[i] : r.splitB()[i];
                            double slope = (c + lam) * Math.abs(beta) / (c * Math.sqrt(c * c + beta * beta)); // d split / dβ
                            // The integrator does not conserve c and λ exactly, so the split carries its own error besides β's.
                            Tolerance ts = Tolerance.derived(10 * (slope * (side == 0 ? r.errA()[i] : r.errB()[i])
                                            + (side == 0 ? r.errSplitA()[i] : r.errSplitB()[i])) + 1e-300,
                                    "10× (β error through d(split)/dβ + the split's own error), both from rtol 1e-12 re-runs")
                                    .atLeastRoundOff(1000, observed);
                            split.offer(ts, "(w⁺ + w⁻)² vs (c + λ)(1 + √(1 + β²/c²)) (worst coordinate, both λ)",
                                    model.layerSplit(c, lam, beta), observed);
                        }
                    }
                    return new Evidence().compare(inv.get()).compare(split.get());
                })
                .build();
    }

    private static Run simulate(int d, double c, double ln, double tEnd, long seed) {
        Random rnd = new Random(seed);
        double[] teacher = new double[d];
        for (int j = 0; j < Math.max(1, d / 5); j++) teacher[rnd.nextInt(d)] = 1 + rnd.nextDouble();
        Design data = Design.gaussian(Math.max(2, (int) Math.round(0.3 * d)), d, 1, teacher, seed + 1);
        double[][] a = flow(data, c, ln * c, tEnd, 1e-10), a2 = flow(data, c, ln * c, tEnd, 1e-12);
        double[][] b = flow(data, c, -ln * c, tEnd, 1e-10), b2 = flow(data, c, -ln * c, tEnd, 1e-12);
        double[] ea = new double[d], eb = new double[d], sa = new double[d], sb = new double[d];
        for (int i = 0; i < d; i++) {
            ea[i] = Math.abs(a[0][i] - a2[0][i]);
            eb[i] = Math.abs(b[0][i] - b2[0][i]);
            sa[i] = Math.abs(a[1][i] - a2[1][i]);
            sb[i] = Math.abs(b[1][i] - b2[1][i]);
        }
        return new Run(a2[0], b2[0], a2[1], b2[1], ea, eb, sa, sb);
    }

    /** β and (w⁺ + w⁻)² at t_end of the pretraining flow from the complex initialisation. */
    private static double[][] flow(Design data, double c, double lambda, double tEnd, double tol) {
        int d = data.d();
        Network start = Network.complexInit(data, c, lambda);
        Trajectory tr = OdeSolver.integrate(new NetworkFlow(data), 0, start.state(), tEnd, OdeSolver.Settings.defaults().withTolerance(tol, tol), List.of());
        double[] y = tr.at(tEnd), beta = new double[d], split = new double[d];
        NetworkFlow.beta(y, d, beta);
        for (int i = 0; i < d; i++) split[i] = (y[i] + y[2 * d + i]) * (y[i] + y[2 * d + i]);
        return new double[][] {beta, split};
    }
}
