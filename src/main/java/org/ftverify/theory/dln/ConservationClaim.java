package org.ftverify.theory.dln;

import java.util.Random;
import org.ftverify.core.CheckAbort;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.evidence.Tolerance;

/** P1: one GD step multiplies c_i, λ⁺_i, λ⁻_i by the same factor 1 − η²g_i², so λ±/c are exactly invariant. */
final class ConservationClaim {
    static final String ID = "dln.gd-conservation";

    private ConservationClaim() {}

    static Claim build(DlnModel model) {
        return Claim.builder(ID)
                .title("P1 — GD multiplies the invariants by 1 − η²g²")
                .statement("Under full-batch GD each coordinate's c_i, λ⁺_i and λ⁻_i are multiplied per step by 1 − η²g_i², so "
                        + "log(c_i(T)/c_i(0)) = Σ_t log(1 − η²g_{i,t}²) and λ±_i/c_i is unchanged, up to round-off.")
                .asciidoc("symja:[c(T) == c(0)*Product(1 - eta^2*g(t)^2, {t, 0, T-1})]")
                .provenance("[derived][validated] (exact discrete-time law)")
                .tolerance("round-off: ops·κ·u with κ the largest cancellation ratio of c and λ± met during the run")
                .cites("dln-p1").uses("dln-gd-step-factor", "dln-conserved").reads("gd_factor")
                .space(ParameterSpace.of(
                        Parameter.integer("d", 2, 50, 4, true, "input dimension D"),
                        Parameter.real("n_frac", 0.02, 1, 0.5, "n/D (n = max(1, round(n_frac·D)))"),
                        Parameter.real("eta", 1e-3, 0.05, 0.01, "GD step size"),
                        Parameter.integer("steps", 1, 5000, 10, true, "GD steps T")))
                .tries(4, 12, 40)
                .check((p, ctx) -> {
                    int d = p.integer("d"), n = Math.max(1, (int) Math.round(p.real("n_frac") * d)), steps = p.integer("steps");
                    double eta = p.real("eta");
                    Random r = new Random(ctx.subSeed(0));
                    double[] teacher = new double[d];
                    for (int i = 0; i < d; i++) teacher[i] = r.nextGaussian();
                    Design data = Design.gaussian(n, d, 1 / Math.sqrt(d), teacher, ctx.subSeed(1));
                    double[][] init = new double[4][d];
                    for (double[] a : init) for (int i = 0; i < d; i++) a[i] = 0.05 + 0.95 * r.nextDouble();
                    Network net = new Network(data, init[0], init[1], init[2], init[3]);
                    double[] c0 = new double[d], lp0 = new double[d], lm0 = new double[d], logShrink = new double[d], kappa = new double[d];
                    for (int i = 0; i < d; i++) {
                        c0[i] = net.c(i);
                        lp0[i] = net.lambdaPlus(i);
                        lm0[i] = net.lambdaMinus(i);
                    }
                    for (int t = 0; t < steps; t++) {
                        net.computeGradient();
                        double[] g = net.gradient();
                        for (int i = 0; i < d; i++) {
                            double f = model.gdFactor(eta, g[i]);
                            if (!(f > 0)) throw CheckAbort.outsideDomain("eta·|g| >= 1 at step " + t + ": the invariants would change sign");
                            logShrink[i] += Math.log(f);
                            kappa[i] = Math.max(kappa[i], cancellation(net, i));
                        }
                        net.applyStep(eta);
                    }
                    if (!net.finite()) throw CheckAbort.diverged("GD parameters became non-finite");
                    int ops = 8 * steps + 16;
                    Worst shrink = new Worst(), ratio = new Worst();
                    double minShrink = 0;
                    for (int i = 0; i < d; i++) {
                        kappa[i] = Math.max(kappa[i], cancellation(net, i));
                        double observed = Math.log(net.c(i) / c0[i]);
                        shrink.offer(Tolerance.roundOff(kappa[i], ops, 1), "log c_i(T)/c_i(0) (worst coordinate)", logShrink[i], observed);
                        minShrink = Math.min(minShrink, logShrink[i]);
                        ratio.offer(Tolerance.roundOff(kappa[i], ops, 1 + Math.abs(lp0[i] / c0[i])), "λ⁺_i/c_i after T steps (worst coordinate)",
                                lp0[i] / c0[i], net.lambdaPlus(i) / net.c(i));
                        ratio.offer(Tolerance.roundOff(kappa[i], ops, 1 + Math.abs(lm0[i] / c0[i])), "λ⁻_i/c_i after T steps (worst coordinate)",
                                lm0[i] / c0[i], net.lambdaMinus(i) / net.c(i));
                    }
                    return new Evidence().compare(shrink.get()).compare(ratio.get())
                            .diagnostic("n", n).diagnostic("largest total shrink |Σ log(1 − η²g²)|", -minShrink);
                })
                .build();
    }

    /** Cancellation ratio of the invariants at coordinate i: (|w⁺w⁻| + |v⁺v⁻|)/|c| + (w² + v²)/|c| for both pathways. */
    private static double cancellation(Network net, int i) {
        double c = Math.abs(net.c(i));
        return (Math.abs(net.wp[i] * net.wm[i]) + Math.abs(net.vp[i] * net.vm[i]) + net.a(i)) / c;
    }
}
