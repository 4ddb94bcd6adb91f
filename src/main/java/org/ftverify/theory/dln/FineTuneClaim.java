package org.ftverify.theory.dln;

import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.evidence.RunMemo;
import org.ftverify.evidence.Tolerance;

/**
 * P5 (Theorem 4.1): after the pretrain → merge → readout reset protocol, fine-tuning gradient flow ends at
 * argmin_{Xβ=y} Σ_d q_{k_d}(β_d) with k_d = 4c_FT,d², c_FT = (c + λ)(1 + √(1 + β_PT²/c²)) + γ²/2. Independent
 * sides: the network's fine-tuning flow from the rebuilt pretrained weights, and the dual solve with the model's k_d.
 */
final class FineTuneClaim {
    static final String ID = "dln.fine-tune-bias";

    private FineTuneClaim() {}

    private record RunKey(int d, double alpha, double c, double lambdaN, double gamma, long seed) {}

    private record Run(Design data, FtTask.Instance instance, Network start, FlowLimit.Result limit) {}

    static Claim build(DlnModel model) {
        return Claim.builder(ID)
                .title("P5 — Fine-tuning implicit bias with the pretrained geometry (Theorem 4.1)")
                .statement("Fine-tuning from the merged pretrained first layer and a readout reset to γ/√2 starts at β = 0 with "
                        + "c_FT,d = (w⁺ + w⁻)² + γ²/2 = (c + λ)(1 + √(1 + β_PT,d²/c²)) + γ²/2, and its gradient flow converges to "
                        + "the minimiser of Σ_d q_{k_d}(β_d), k_d = 4c_FT,d², among interpolators.")
                .asciidoc("symja:[kd == (2*c*(1 + lamn)*(1 + Sqrt(1 + (bpt/c)^2)) + gam^2)^2]")
                .provenance("[paper] (Theorem 4.1 as summarised) [code] (re-initialisation) [validated]")
                .tolerance("c_FT and β_FT(0): round-off; limit: remaining distance of the stopped flow + integrator error")
                .cites("dln-p5").uses("dln-layer-split", "dln-kd", "dln-potential").reads("c_ft", "k_d")
                .space(ParameterSpace.of(
                        Parameter.integer("d", 8, 16, 10, false, "input dimension D"),
                        Parameter.real("alpha", 0.25, 0.4, 0.3, "n/D"),
                        Parameter.real("c", 0.2, 1, 0.5, "pretraining absolute scale c"),
                        Parameter.real("lambda_n", -0.5, 0.9, 0, "pretraining relative scale λ/c"),
                        Parameter.real("gamma", 0, 1.5, 0, "readout reset scale γ")))
                .tries(3, 8, 20)
                .check((p, ctx) -> {
                    int d = p.integer("d");
                    double alpha = p.real("alpha"), c = p.real("c"), ln = p.real("lambda_n"), gamma = p.real("gamma");
                    Run run = RunMemo.get(new RunKey(d, alpha, c, ln, gamma, ctx.seed()), () -> simulate(d, alpha, c, ln, gamma, ctx.seed()));
                    double[] betaPt = run.instance().betaPt(), k = new double[d], start = new double[d];
                    run.start().beta(start);
                    Worst scale = new Worst(), origin = new Worst(), limit = new Worst();
                    for (int i = 0; i < d; i++) {
                        double predicted = model.cFt(c, ln * c, betaPt[i], gamma);
                        k[i] = 4 * predicted * predicted;
                        double observed = run.start().c(i);
                        scale.offer(Tolerance.roundOff(4, 40, observed), "c_FT,d of the re-initialised network (worst coordinate)", predicted, observed);
                        origin.offer(Tolerance.roundOff(1, 8, run.start().a(i)), "β_FT,d(0) (worst coordinate)", 0, start[i]);
                    }
                    MinQSolver.Result q = MinQSolver.solve(model, run.data(), k, new double[d], 1e-13);
                    for (int i = 0; i < d; i++)
                        limit.offer(run.limit().tolerance(q.beta()[i]).atLeastRoundOff(200, 1 + Math.abs(q.beta()[i])),
                                "β_FT,d(∞): network flow vs min Σ q_{k_d} (worst coordinate)", q.beta()[i], run.limit().beta()[i]);
                    return new Evidence().compare(scale.get()).compare(origin.get()).compare(limit.get())
                            .diagnostic("D, n", d + ", " + run.data().n()).diagnostic("flow time", run.limit().time());
                })
                .build();
    }

    private static Run simulate(int d, double alpha, double c, double lambdaN, double gamma, long seed) {
        FtTask task = new FtTask(0.3, 0.3, 0.5, c, lambdaN, gamma, 1);
        FtTask.Instance inst = task.sample(d, seed);
        int n = Math.max(3, (int) Math.round(alpha * d));
        Design data = Design.gaussian(n, d, 1, inst.betaFt(), seed + 1);
        Network start = PretrainedState.fineTuneInit(data, inst.betaPt(), c, lambdaN * c, gamma);
        return new Run(data, inst, start, FlowLimit.run(start, data, 1e5));
    }
}
