package org.ftverify.theory.icl;

import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Seeds;
import org.ftverify.core.Series;
import org.ftverify.evidence.RunMemo;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;
import org.ftverify.evidence.Tolerance;

/** P9: ZS + annealed FS loss on the value row ends at (θ0/(d+4), w*(N)); it trades target-task gain for unseen-task loss. */
final class AuxiliaryFewShotClaim {
    static final String ID = "icl.p9-auxiliary-few-shot";
    /** independent SGD runs */
    static final org.ftverify.core.LevelSize RUNS = org.ftverify.core.LevelSize.seeds("runs", 10, 16, 24).part("SGD");
    /** prompts per SGD step */
    static final org.ftverify.core.LevelSize BATCH = org.ftverify.core.LevelSize.of("batch", "prompts per SGD step", 300, 2000, 5000, 1).part("SGD");
    /** SGD steps */
    static final org.ftverify.core.LevelSize STEPS = org.ftverify.core.LevelSize.of("steps", "SGD steps", 1500, 3000, 5000, 1).part("SGD");
    /** Monte Carlo batches of 1024 prompts */
    static final org.ftverify.core.LevelSize UNITS = org.ftverify.core.LevelSize.of("batches", "Monte Carlo batches of 1024 prompts", 48, 192, 768, 1).part("risk Monte Carlo");
    static final double LR = 0.01, MOMENTUM = 0.9, CLIP = 1;

    /**
     * SGD offsets of the end point in units of η_eff = lr/(1 − μ) = 0.1, measured with the quick protocol (10 runs, batch 300,
     * 1500 steps; σ² = 0.1, W0 = 0.77) at d ∈ {3, 5, 8}, N ∈ {5, 10, 20} (AuxiliaryStepBiasTest): W ended below w*(N) by at
     * most 0.085·η_eff (d = 3, N = 10), θ0ᵀŨ off 1/(d+4) by at most 0.17·η_eff (d = 3, N = 20, within 2.2 of its SEs); doubled.
     */
    static final double STEP_BIAS_W = 0.17, STEP_BIAS_MU = 0.34;

    private AuxiliaryFewShotClaim() {}

    private record Key(int d, int nft, double sigma2, double w0, long seed, int runs, int batch, int steps) {}

    static Claim build(IclModel model) {
        return Claim.builder(ID).title("P9 — auxiliary few-shot loss on the value row: end point and trade-off")
                .statement("Value-only training on L_ZS + λ_t L_FS (N demonstrations, λ_t annealed from 1 to 0) ends at Ũ = θ0/(d+4) and "
                        + "W = w*(N; θ0); compared with ZS-only value tuning (W kept at its pretrained value) this lowers the N-shot risk on θ0 "
                        + "(not necessarily at 2N) and raises the 2N-shot risk on −θ0 (not necessarily the N-shot risk).")
                .asciidoc("SGD with the authors' optimiser on the value row, end point against w*(N) and 1/(d+4); paired Monte Carlo of the "
                        + "two fine-tuned models at n = N on θ0 and −θ0; the n-shot curves of the four models as a figure; "
                        + "xref:../docs/theory/icl.adoc#icl-p9[P9].")
                .provenance("paper (the trade-off); code (the constant 0.66); reconstructed (w*(N), the end point)")
                .tolerance("4.5 SE over independent SGD runs plus the annealing offset of the fixed point and a measured SGD offset C·η_eff; 4.5 paired MC SE")
                .cites("icl-p9").uses("w-star", "w-star-check", "zs-fs-fixed-point", "family-a-risk")
                .reads(IclModel.W_STAR, IclModel.U_STAR, IclModel.RISK_A)
                .space(ParameterSpace.of(
                        Parameter.integer("d", 3, 8, 5, false, "covariate dimension"),
                        Parameter.choice("N", List.of("20", "10", "5"), "few-shot demonstrations N_ft"),
                        Parameter.real("sigma2", 0.05, 0.3, 0.1, "label noise variance σ²"),
                        Parameter.real("W0", 0.75, 1.0, 0.7692, "pretrained effective label weight (Q11 = I, v_y = W0)")))
                .tries(2, 6, 16)
                .levels(RUNS, BATCH, STEPS, UNITS)
                .check((p, ctx) -> {
                    int d = p.integer("d"), nft = Integer.parseInt(p.choice("N"));
                    double sigma2 = p.real("sigma2"), w0 = p.real("W0");
                    IclSetup s = IclSetup.isotropic(d, sigma2);
                    double[] theta0 = Draws.unit(d, ctx.subSeed(1));
                    int runs = RUNS.at(ctx.level()), batch = BATCH.at(ctx.level()), steps = STEPS.at(ctx.level());
                    double[][] ends = RunMemo.get(new Key(d, nft, sigma2, w0, ctx.subSeed(2), runs, batch, steps),
                            () -> simulate(s, nft, w0, theta0, ctx.subSeed(2), runs, batch, steps));
                    double[] wEnd = SampleStats.column(ends, 0), muEnd = SampleStats.column(ends, 1);
                    double wPred = model.wStar(s, nft, theta0, theta0);
                    double muPred = model.valueOnlyLimit(d, 1, theta0)[0] / theta0[0];
                    // The end point tracks the fixed point of L_ZS + λ L_FS as λ falls; its offset over the schedule is at most the
                    // distance between the λ = 1 and λ = 0 fixed points (monotone in λ), computed from the closed forms.
                    double[] fp1 = ZsFsFixedPoint.solve(IclModel.exact(), d, sigma2, nft, 1), fp0 = ZsFsFixedPoint.solve(IclModel.exact(), d, sigma2, nft, 0);
                    Evidence ev = new Evidence();
                    double etaEff = LR / (1 - MOMENTUM);
                    ev.compare(Tolerance.clt(4.5, SampleStats.se(wEnd), runs, "SGD runs")
                            .plus(Tolerance.derived(Math.abs(fp1[1] - fp0[1]), "annealing offset |W(λ=1) − W(λ=0)| of the fixed point"))
                            .plus(Tolerance.stepSize(STEP_BIAS_W, etaEff, "C measured: largest end-point offset of W over 9 settings, 0.085, doubled"))
                            .compare("W at the end against w*(N; θ0)", wPred, SampleStats.mean(wEnd)));
                    ev.compare(Tolerance.clt(4.5, SampleStats.se(muEnd), runs, "SGD runs")
                            .plus(Tolerance.derived(Math.abs(fp1[0] - fp0[0]), "annealing offset |μ(λ=1) − μ(λ=0)| of the fixed point"))
                            .plus(Tolerance.stepSize(STEP_BIAS_MU, etaEff, "C measured: largest end-point offset of θ0ᵀŨ over 9 settings, 0.17, doubled"))
                            .compare("θ0ᵀŨ at the end against 1/(d+4)", muPred, SampleStats.mean(muEnd)));
                    // Trade-off at n = N: ZS+FS-V (W = w*(N)) against ZS-V (W = W0), both with Ũ = θ0/(d+4); paired Monte Carlo.
                    double[] u = Draws.scaled(1.0 / (d + 4), theta0);
                    Weights zsv = Weights.familyA(s, 1, u, w0), both = Weights.familyA(s, 1, u, IclModel.exact().wStar(s, nft, theta0, theta0));
                    int units = UNITS.at(ctx.level());
                    for (double sign : new double[] {1, -1}) {
                        double[] task = Draws.scaled(sign, theta0);
                        double[][] um = RiskMonteCarlo.unitMeans(s, new Weights[] {both, zsv}, task, nft, units, 1024, ctx.subSeed(sign > 0 ? 3 : 4));
                        double[] diff = SampleStats.difference(um[0], um[1]);
                        double pred = model.riskA(nft, d, sigma2, u, wPred, task) - model.riskA(nft, d, sigma2, u, w0, task);
                        String name = sign > 0 ? "θ0" : "−θ0";
                        ev.compare(Tolerance.clt(4.5, SampleStats.se(diff), units, "batches of 1024 prompts (paired)")
                                .compare("N-shot risk on " + name + ": ZS+FS-V − ZS-V", pred, SampleStats.mean(diff)));
                        // The sign of the trade-off, from the closed forms: the target gain at n = N (at 2N it can reverse: at d = 5,
                        // σ² = 0.1, N = 20 the 40-shot risk on θ0 is 0.243 against 0.233), the unseen-task loss at n = 2N (at n = N it
                        // can reverse: d = 8, N = 5, σ² = 0.3, W0 = 0.77 gives −0.045, found by this check).
                        for (int n : new int[] {sign > 0 ? nft : 2 * nft}) {
                            double dlt = model.riskA(n, d, sigma2, u, wPred, task) - model.riskA(n, d, sigma2, u, w0, task);
                            Tolerance r = Tolerance.roundOff(1, 40, 1);
                            ev.compare((sign > 0 ? r.atMost("closed form: " + n + "-shot risk on θ0, ZS+FS-V − ZS-V (gain)", dlt, 0)
                                    : r.atLeast("closed form: " + n + "-shot risk on −θ0, ZS+FS-V − ZS-V (loss)", dlt, 0)).consistency());
                        }
                    }
                    NShotFigure.add(ev, s, theta0, w0, wPred, ctx.subSeed(5));
                    return ev.diagnostic("W end (mean of runs)", SampleStats.mean(wEnd)).diagnostic("authors' constant", 0.66);
                })
                .build();
    }

    /** ends[run] = {W_eff, θ0ᵀŨ} after annealed ZS + FS value-only SGD from Q11 = I, v = (0, 0, W0). */
    static double[][] simulate(IclSetup s, int nft, double w0, double[] theta0, long seed, int runs, int batch, int steps) {
        int d = s.d();
        List<double[]> out = SeedParallel.map(runs, r -> {
            AttentionSgd sgd = new AttentionSgd(s, new AttentionSgd.Config(LR, MOMENTUM, CLIP, batch, AttentionSgd.Subset.VALUE,
                    AttentionSgd.Objective.ZS_PLUS_FS, nft, steps), Weights.familyA(s, 1, new double[d], w0), theta0, Seeds.mix(seed, r));
            sgd.run(steps);
            Weights w = sgd.weights();
            double mu = 0;
            for (int i = 0; i < d; i++) mu += theta0[i] * w.v[1 + i];
            return new double[] {w.v[d + 1], mu};
        });
        return out.toArray(new double[0][]);
    }
}
