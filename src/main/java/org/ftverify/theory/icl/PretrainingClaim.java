package org.ftverify.theory.icl;

import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Seeds;
import org.ftverify.evidence.RunMemo;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;
import org.ftverify.evidence.Tolerance;

/** P3: SGD pretraining of the attention model finds γ* = (m+1)/(m+1+d+dσ²), not the code's m/(m+1+d). */
final class PretrainingClaim {
    static final String ID = "icl.p3-pretraining-fixed-point";
    /** independent SGD runs */
    static final org.ftverify.core.LevelSize RUNS = org.ftverify.core.LevelSize.seeds("runs", 8, 12, 16).part("SGD");
    /** prompts per SGD step */
    static final org.ftverify.core.LevelSize BATCH = org.ftverify.core.LevelSize.of("batch", "prompts per SGD step", 500, 2000, 5000, 1).part("SGD");
    /** SGD steps */
    static final org.ftverify.core.LevelSize STEPS = org.ftverify.core.LevelSize.of("steps", "SGD steps", 3000, 4000, 5000, 1).part("SGD");
    /** Monte Carlo batches of 2048 prompts */
    static final org.ftverify.core.LevelSize UNITS = org.ftverify.core.LevelSize.of("batches", "Monte Carlo batches of 2048 prompts", 32, 128, 512, 1).part("risk Monte Carlo");
    static final double LR = 0.01, MOMENTUM = 0.9, CLIP = 1;

    private PretrainingClaim() {}

    /** Simulation inputs only. */
    record Key(int d, int m, double sigma2, long seed, int runs, int batch, int steps, int blocks) {}

    static Claim build(IclModel model) {
        return Claim.builder(ID).title("P3 — pretraining fixed point")
                .statement("SGD pretraining (the authors' optimiser: lr 0.01, momentum 0.9, clipping at 1) on prompts with m demonstrations and "
                        + "fresh unit tasks drives the effective preconditioner Γ = v_y·Q11 + Q[x,y]·v_xᵀ to γ*·I with γ* = (m+1)/(m+1+d+dσ²); the pretraining risk of that model is "
                        + "1 + σ² − m/(m+1+d+dσ²).")
                .asciidoc("Block means of the SGD iterates (second half of training, several runs) against γ*, and Monte Carlo of the pretraining "
                        + "risk of the structured optimum; xref:../docs/theory/icl.adoc#icl-p3[P3].")
                .provenance("reconstructed (exact optimum of the coded model); code (the constant m/(m+1+d) of the authors' theory.py differs)")
                .tolerance("4.5 standard errors of block means plus a measured step-size bias C·η_eff; 4.5 Monte Carlo SE for the risk")
                .cites("icl-p3").uses("pretrain-optimum", "gamma-star-matrix")
                .reads(IclModel.GAMMA_STAR)
                .space(Pretrained.SETTINGS)
                .tries(2, 6, 9)
                .levels(RUNS, BATCH, STEPS, UNITS)
                .check((p, ctx) -> {
                    Pretrained.Setting set = Pretrained.Setting.of(p);
                    int d = set.d(), m = set.m();
                    double sigma2 = set.sigma2();
                    int runs = RUNS.at(ctx.level()), batch = BATCH.at(ctx.level()), steps = STEPS.at(ctx.level());
                    int blocks = 10;
                    double[] raw = RunMemo.get(new Key(d, m, sigma2, ctx.subSeed(1), runs, batch, steps, blocks),
                            () -> simulate(d, m, sigma2, ctx.subSeed(1), runs, batch, steps, blocks));
                    // Runs that ended with the label-valued mechanism (share > 0.9, a structural test that reads no prediction); the
                    // others sit at a spurious stationary point where scores read labels and values read x (loss ≈ 0.8-0.95 at d = 3, m = 5).
                    java.util.List<Double> kept = new java.util.ArrayList<>();
                    int basin = 0;
                    for (int r = 0; r < runs; r++) {
                        if (raw[r * (blocks + 1) + blocks] < 0.9) continue;
                        basin++;
                        for (int b = 0; b < blocks; b++) kept.add(raw[r * (blocks + 1) + b]);
                    }
                    if (basin < 2) throw org.ftverify.core.CheckAbort.outsideDomain(basin + " of " + runs
                            + " SGD runs reached the label-valued basin; at least 2 are needed");
                    double[] blockMeans = kept.stream().mapToDouble(Double::doubleValue).toArray();
                    double cStar = model.gammaStar(IclSetup.isotropic(d, sigma2), m)[0];
                    double etaEff = LR / (1 - MOMENTUM);
                    Evidence ev = new Evidence();
                    ev.compare(Tolerance.clt(4.5, SampleStats.se(blockMeans), blockMeans.length, "block means (" + basin + " runs × " + blocks + " blocks)")
                            .plus(Tolerance.stepSize(STEP_BIAS_C, etaEff, "C measured: the largest |mean − γ*|/η_eff over the 27 settings with this protocol, "
                                    + "0.062 at d = 8, m = 5, σ² = 0.5, doubled"))
                            .compare("tr Γ/d (SGD, second half)", cStar, SampleStats.mean(blockMeans)));
                    // Risk of the structured optimum (Q11 = γ*I, v_y = 1) by Monte Carlo against 1 + σ² − m/(m+1+d+dσ²).
                    IclSetup s = IclSetup.isotropic(d, sigma2);
                    Weights opt = Weights.familyA(s, IclModel.exact().gammaStar(s, m)[0], new double[d], 1);
                    int units = UNITS.at(ctx.level());
                    RiskMonteCarlo.Estimate e = RiskMonteCarlo.estimate(s, opt, null, m, units, 2048, ctx.subSeed(2));
                    ev.compare(Tolerance.clt(4.5, e.se(), units, "batches of 2048 prompts")
                            .compare("pretraining risk at γ* against 1 + σ² − m/(m+1+d+dσ²)", model.pretrainLossStar(d, m, sigma2), e.mean()));
                    return ev.diagnostic("code constant m/(m+1+d)", m / (m + 1.0 + d)).diagnostic("runs in the label-valued basin", basin + " of " + runs)
                            .diagnostic("|mean − γ*|/η_eff", Math.abs(SampleStats.mean(blockMeans) - cStar) / etaEff);
                })
                .build();
    }

    /**
     * Stationary bias of momentum SGD, in units of η_eff = lr/(1 − μ) = 0.1: measured with this protocol (8 runs, batch 500,
     * 3000 steps, one seed per setting) over the 27 settings of the parameter space; the largest |mean − γ*|/η_eff was
     * 0.062 (d = 8, m = 5, σ² = 0.5; always below γ*), doubled.
     */
    static final double STEP_BIAS_C = 0.13;

    /**
     * tr Γ_eff with Γ_eff = v_y·Q11 + Q[x, y]·v_xᵀ: the coefficient of x_qᵀ(·)y_M x_M in the prediction. Two mechanisms
     * produce it, the label-valued one (v_y Q11) and a label-keyed one (scores read y_M, values read x_M); SGD from a
     * random init can end with part of Γ in the second (seen in about a third of the runs at d = 3, m = 5).
     */
    static double effectiveGammaTrace(Weights w) {
        int d = w.d, y = w.dim - 1;
        double tr = 0;
        for (int i = 1; i <= d; i++) tr += w.v[y] * w.qAt(i, i) + w.qAt(i, y) * w.v[i];
        return tr;
    }

    /**
     * Whether a run ended in the label-valued basin, as a number in [0, 1] (share of tr Γ_eff carried by v_y·Q11,
     * |tr v_y Q11| / (|tr v_y Q11| + |tr Q[x,y]v_xᵀ|)), set to 0 when some direction is not learned yet
     * (min_i (v_y Q11)_ii < max_i (v_y Q11)_ii / 2). Structural: it reads no prediction.
     */
    static double labelValuedShare(Weights w) {
        int d = w.d, y = w.dim - 1;
        double a = 0, b = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 1; i <= d; i++) {
            double g = w.v[y] * w.qAt(i, i);
            a += g;
            b += w.qAt(i, y) * w.v[i];
            min = Math.min(min, g);
            max = Math.max(max, g);
        }
        if (!(min > 0.5 * max)) return 0;
        return Math.abs(a) / (Math.abs(a) + Math.abs(b));
    }

    static double[] simulate(int d, int m, double sigma2, long seed, int runs, int batch, int steps, int blocks) {
        IclSetup s = IclSetup.isotropic(d, sigma2);
        List<double[]> per = SeedParallel.map(runs, r -> {
            long rs = Seeds.mix(seed, r);
            AttentionSgd sgd = new AttentionSgd(s, new AttentionSgd.Config(LR, MOMENTUM, CLIP, batch, AttentionSgd.Subset.ALL,
                    AttentionSgd.Objective.PRETRAIN, m, steps), AttentionSgd.randomInit(d, 0.05, rs), null, Seeds.mix(rs, 1));
            sgd.run(steps / 2);
            int per1 = (steps - steps / 2) / blocks;
            double[] bm = new double[blocks + 1];
            for (int b = 0; b < blocks; b++) {
                double acc = 0;
                for (int k = 0; k < per1; k++) {
                    sgd.step();
                    Weights w = sgd.weights();
                    acc += effectiveGammaTrace(w) / d;
                }
                bm[b] = acc / per1;
            }
            bm[blocks] = labelValuedShare(sgd.weights());
            return bm;
        });
        double[] all = new double[runs * (blocks + 1)];
        for (int r = 0; r < runs; r++) System.arraycopy(per.get(r), 0, all, r * (blocks + 1), blocks + 1);
        return all;
    }
}
