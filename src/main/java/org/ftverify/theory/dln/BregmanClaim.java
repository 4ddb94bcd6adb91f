package org.ftverify.theory.dln;

import java.util.Random;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.evidence.RunMemo;

/**
 * P3: the network's gradient flow, started anywhere (λ⁺ ≠ λ⁻, β(0) ≠ 0), ends at the Bregman projection of β(0)
 * under Q_k with k_i = (λ⁺_i − λ⁻_i)² + 4c_i². Independent sides: the 4D network flow (knows nothing of q) and the
 * dual Newton solve of the min-Q problem (knows nothing of the network).
 */
final class BregmanClaim {
    static final String ID = "dln.implicit-bias";

    private BregmanClaim() {}

    /** Memo key of one network flow run: every input, no prediction. */
    private record RunKey(int d, int n, double scale, int nonzeros, long seed) {}

    record Run(Design data, Network start, FlowLimit.Result limit) {}

    static Claim build(DlnModel model) {
        return Claim.builder(ID)
                .title("P3 — Gradient flow ends at the Bregman projection under Q_k")
                .statement("From any initialisation, gradient flow on the network converges to argmin_{Xβ=y} Σ_i [q_{k_i}(β_i) − "
                        + "q'_{k_i}(β_i(0))β_i] with k_i = (λ⁺_i − λ⁻_i)² + 4c_i² taken from the initial weights; ignoring "
                        + "λ⁺ − λ⁻ (k = 4c²) fails.")
                .asciidoc("symja:[q(k, z) == Sqrt(k)/4*(1 - Sqrt(1 + 4*z^2/k) + 2*z/Sqrt(k)*ArcSinh(2*z/Sqrt(k)))]")
                .provenance("[paper] for β(0) = 0 (Theorem 4.1's form); [derived][validated] for general initialisation")
                .tolerance("remaining distance of the stopped flow (linearised, ×2) + integrator error + min-Q Newton residual")
                .cites("dln-p3").uses("dln-potential", "dln-potential-gradient", "dln-mirror-trajectory").reads("k", "mirror")
                .space(ParameterSpace.of(
                        Parameter.integer("d", 10, 16, 10, false, "input dimension D"),
                        Parameter.real("n_frac", 0.25, 0.35, 0.3, "n/D"),
                        Parameter.real("scale", 0.3, 0.6, 0.4, "initial weights are scale·U[0.5, 1.5]"),
                        Parameter.integer("nonzeros", 1, 3, 1, false, "teacher nonzeros")))
                .tries(3, 8, 20)
                .check((p, ctx) -> {
                    int d = p.integer("d"), n = Math.max(3, (int) Math.round(p.real("n_frac") * d));
                    Run run = RunMemo.get(new RunKey(d, n, p.real("scale"), p.integer("nonzeros"), ctx.seed()),
                            () -> simulate(d, n, p.real("scale"), p.integer("nonzeros"), ctx.seed()));
                    Network start = run.start();
                    double[] k = new double[d], beta0 = new double[d];
                    start.beta(beta0);
                    for (int i = 0; i < d; i++) k[i] = model.k(start.c(i), start.lambdaPlus(i), start.lambdaMinus(i));
                    MinQSolver.Result q = MinQSolver.solve(model, run.data(), k, beta0, 1e-13);
                    Worst w = new Worst();
                    for (int i = 0; i < d; i++)
                        w.offer(run.limit().tolerance(q.beta()[i]).atLeastRoundOff(200, 1 + Math.abs(q.beta()[i])),
                                "β∞_i: network flow vs Bregman min-Q (worst coordinate)", q.beta()[i], run.limit().beta()[i]);
                    double spread = 0;
                    for (int i = 0; i < d; i++) spread = Math.max(spread, Math.abs(start.lambdaPlus(i) - start.lambdaMinus(i)));
                    return new Evidence().compare(w.get()).diagnostic("D, n", d + ", " + n)
                            .diagnostic("max |λ⁺ − λ⁻|", spread).diagnostic("flow time to interpolate", run.limit().time())
                            .diagnostic("min-Q Newton iterations, residual", q.iterations() + ", " + q.relativeResidual());
                })
                .build();
    }

    static Run simulate(int d, int n, double scale, int nonzeros, long seed) {
        Random r = new Random(seed);
        double[] teacher = new double[d];
        for (int j = 0; j < nonzeros; j++) teacher[r.nextInt(d)] = r.nextGaussian();
        Design data = Design.gaussian(n, d, 1, teacher, seed + 1);
        double[][] a = new double[4][d];
        for (double[] v : a) for (int i = 0; i < d; i++) v[i] = scale * (0.5 + r.nextDouble());
        Network start = new Network(data, a[0], a[1], a[2], a[3]);
        return new Run(data, start, FlowLimit.run(start, data, 1e5));
    }
}
