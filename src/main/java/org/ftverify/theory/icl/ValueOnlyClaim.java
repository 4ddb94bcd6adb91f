package org.ftverify.theory.icl;

import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.evidence.RunMemo;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;
import org.ftverify.evidence.Tolerance;

/** P5: value-only zero-shot fine-tuning: limit, exponential rate, ZS floor, label weight untouched. */
final class ValueOnlyClaim {
    static final String ID = "icl.p5-value-only-zero-shot";
    /** independent SGD runs of 256 prompts per step */
    static final org.ftverify.core.LevelSize RUNS = org.ftverify.core.LevelSize.seeds("runs", 48, 160, 480).part("SGD");
    /** Monte Carlo batches of 2048 prompts */
    static final org.ftverify.core.LevelSize UNITS = org.ftverify.core.LevelSize.of("batches", "Monte Carlo batches of 2048 prompts", 64, 256, 1024, 1).part("risk Monte Carlo");

    private ValueOnlyClaim() {}

    /** Simulation inputs (never predictions): the SGD runs of one try. */
    private record Key(IclSetup setup, double gamma, double vy, long seed, int runs, int batch, int steps, double eta) {}

    static Claim build(IclModel model) {
        return Claim.builder(ID).title("P5 — value-only zero-shot fine-tuning")
                .statement("With Q11 = γΣ^{-1} frozen, ZS training of the value row drives v_x to θ0/(γ(d+4)) (independent of Σ) with rate "
                        + "2γ²(d+2)(d+4)λ_i(Σ) per eigendirection, leaves v_y unchanged and lowers the ZS risk to σ² + 2‖θ0‖²_Σ/(d+4).")
                .asciidoc("Plain SGD on the value row of the attention model, averaged over independent runs, against the gradient-descent "
                        + "solution e_k = (1 − ηH_i)^k e_0 (exact in the mean: the loss is quadratic in v); Monte Carlo ZS risk at the limit; "
                        + "xref:../docs/theory/icl.adoc#icl-p5[P5].")
                .provenance("paper (value-only tuning improves ZS and keeps ICL); reconstructed (limit, floor, rate)")
                .tolerance("4.5 standard errors over independent SGD runs; 4.5 Monte Carlo SE for the ZS risk")
                .cites("icl-p5").uses("value-only-optimum", "value-only-rate")
                .reads(IclModel.U_STAR, IclModel.VALUE_RATE)
                .space(ParameterSpace.of(
                        Parameter.integer("d", 2, 10, 5, true, "covariate dimension"),
                        Parameter.real("gamma", 0.3, 1.2, 1, "key-query scale γ of the frozen Q11 = γΣ^{-1}"),
                        Parameter.real("sigma2", 0, 0.5, 0.1, "label noise variance σ²"),
                        Parameter.real("vy", -2, 2, 1, "pretrained label weight v_y"),
                        Parameter.choice("sigma", List.of("identity", "anisotropic"), "covariance Σ")))
                .tries(3, 8, 20)
                .levels(RUNS, UNITS)
                .check((p, ctx) -> {
                    int d = p.integer("d");
                    double gamma = p.real("gamma"), vy = p.real("vy");
                    IclSetup s = Draws.setup(d, p.real("sigma2"), p.choice("sigma"), ctx.subSeed(1));
                    double[] theta0 = Draws.unit(d, ctx.subSeed(2));
                    // Protocol (not a prediction): step 0.5/H_max of the exact curvature, enough steps for 3 e-folds of the slowest mode.
                    IclModel ref = IclModel.exact();
                    double hMax = 0, hMin = Double.POSITIVE_INFINITY;
                    for (int i = 0; i < d; i++) {
                        hMax = Math.max(hMax, ref.valueOnlyRate(s, gamma, i));
                        hMin = Math.min(hMin, ref.valueOnlyRate(s, gamma, i));
                    }
                    double eta = 0.5 / hMax;
                    int steps = (int) Math.min(400, Math.ceil(3 / (eta * hMin)));
                    int[] checkpoints = {Math.max(1, steps / 8), Math.max(2, steps / 3), steps};
                    int runs = RUNS.at(ctx.level()), batch = 256;
                    double[][][] traj = RunMemo.get(new Key(s, gamma, vy, ctx.subSeed(3), runs, batch, steps, eta),
                            () -> simulate(s, gamma, vy, theta0, ctx.subSeed(3), runs, batch, steps, eta, checkpoints));
                    Evidence ev = new Evidence();
                    double[] uStar = model.valueOnlyLimit(d, gamma, theta0);
                    for (int c = 0; c < checkpoints.length; c++) {
                        int k = checkpoints[c];
                        for (int i = 0; i < d; i++) {
                            double[] xs = new double[runs];
                            for (int r = 0; r < runs; r++) xs[r] = traj[r][c][i];
                            double predicted = uStar[i] * (1 - Math.pow(1 - eta * model.valueOnlyRate(s, gamma, i), k));
                            ev.compare(Tolerance.clt(4.5, SampleStats.se(xs), runs, "independent SGD runs").atLeastRoundOff(k, uStar[i])
                                    .compare("v_x[" + i + "] at step " + k, predicted, SampleStats.mean(xs)));
                        }
                    }
                    double vyChange = 0;
                    for (int r = 0; r < runs; r++) vyChange = Math.max(vyChange, Math.abs(traj[r][checkpoints.length][0] - vy));
                    ev.compare(Tolerance.roundOff(1, 1, vy).atLeastRoundOff(1, Double.MIN_NORMAL).compare("max |v_y(end) − v_y(start)|", 0, vyChange));
                    // The ZS risk of the limit model by Monte Carlo against the floor σ² + 2‖θ0‖²_Σ/(d+4).
                    double[] uLimit = ref.valueOnlyLimit(d, gamma, theta0);
                    Weights limit = Weights.familyA(s, gamma, uLimit, vy);
                    int units = UNITS.at(ctx.level());
                    RiskMonteCarlo.Estimate e = RiskMonteCarlo.estimate(s, limit, theta0, 0, units, 2048, ctx.subSeed(4));
                    ev.compare(Tolerance.clt(4.5, e.se(), units, "batches of 2048 prompts")
                            .compare("ZS risk at the limit against σ² + 2‖θ0‖²_Σ/(d+4)", model.valueOnlyZsFloor(s, theta0), e.mean()));
                    return ev.diagnostic("steps", steps).diagnostic("eta", eta);
                })
                .build();
    }

    /** traj[run][checkpoint][i] = v_x[i]; the extra last checkpoint slot holds v_y at the end. */
    private static double[][][] simulate(IclSetup s, double gamma, double vy, double[] theta0, long seed, int runs, int batch, int steps,
                                         double eta, int[] checkpoints) {
        int d = s.d();
        List<double[][]> out = SeedParallel.map(runs, r -> {
            Weights start = Weights.familyA(s, gamma, new double[d], vy);
            AttentionSgd sgd = new AttentionSgd(s, new AttentionSgd.Config(eta, 0, Double.POSITIVE_INFINITY, batch, AttentionSgd.Subset.VALUE,
                    AttentionSgd.Objective.ZERO_SHOT, 0, steps), start, theta0, org.ftverify.core.Seeds.mix(seed, r));
            double[][] rec = new double[checkpoints.length + 1][];
            int done = 0;
            for (int c = 0; c < checkpoints.length; c++) {
                sgd.run(checkpoints[c] - done);
                done = checkpoints[c];
                rec[c] = java.util.Arrays.copyOfRange(sgd.weights().v, 1, 1 + d);
            }
            rec[checkpoints.length] = new double[] {sgd.weights().v[d + 1]};
            return rec;
        });
        return out.toArray(new double[0][][]);
    }
}
