package org.ftverify.theory.icl;

import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;
import org.ftverify.evidence.Tolerance;
import org.ftverify.simd.GaussianSampler;

/** P10: limits of many demonstrations: w*(∞; θ), family A's and family B's risks. */
final class LargeNClaim {
    static final String ID = "icl.p10-large-n-limits";
    /** Monte Carlo batches of 512 prompts */
    static final org.ftverify.core.LevelSize UNITS = org.ftverify.core.LevelSize.of("batches", "Monte Carlo batches of 512 prompts", 32, 128, 512, 1);
    static final int N_MC = 400;

    private LargeNClaim() {}

    static Claim build(IclModel model) {
        return Claim.builder(ID).title("P10 — large-n limits")
                .statement("As n → ∞: w*(n; θ) → 1 − θ0ᵀΣθ/((d+4)θᵀΣθ) (so (d+3)/(d+4) on θ0 but (d+5)/(d+4) on −θ0), family A's risk → "
                        + "σ² + ‖Ũ + (W−1)θ̃‖², family B's risk → ‖θ‖²_Σ + σ².")
                .asciidoc("The closed forms at n = 10^5 against the limits, and Monte Carlo at n = 400 (risks, and the least-squares optimal label "
                        + "weight of the simulated model) against the limits plus the closed-form O(1/n) remainder; "
                        + "xref:../docs/theory/icl.adoc#icl-p10[P10].")
                .provenance("reconstructed (derived; corrects the paper's limit (d+3)/(d+4), which holds only on θ0)")
                .tolerance("4.5 Monte Carlo SE plus the closed-form remainder at n = 400; Richardson bound at n = 10^5")
                .cites("icl-p10").uses("w-star", "w-star-limit", "family-a-limit")
                .reads(IclModel.LIMIT, IclModel.W_STAR)
                .space(ParameterSpace.of(
                        Parameter.integer("d", 2, 12, 5, true, "covariate dimension"),
                        Parameter.real("sigma2", 0, 0.5, 0.1, "label noise variance σ²"),
                        Parameter.real("kappa", 0.1, 3, 1.9, "κ of family B"),
                        Parameter.choice("task", List.of("theta0", "minus-theta0", "random"), "evaluation task"),
                        Parameter.choice("sigma", List.of("identity", "anisotropic"), "covariance Σ")))
                .tries(2, 6, 16)
                .levels(UNITS)
                .check((p, ctx) -> {
                    int d = p.integer("d");
                    IclSetup s = Draws.setup(d, p.real("sigma2"), p.choice("sigma"), ctx.subSeed(1));
                    double[] theta0 = Draws.unit(d, ctx.subSeed(2));
                    double[] theta = Draws.task(p.choice("task"), theta0, ctx.subSeed(3));
                    double kappa = p.real("kappa");
                    Evidence ev = new Evidence();
                    // Closed forms far out: the O(1/n) remainder removed by comparing n and 2n (Richardson bound 3|L(n) - L(2n)|).
                    int big = 100_000;
                    double wInf = model.wStarLimit(s, theta, theta0);
                    double w1 = model.wStar(s, big, theta, theta0), w2 = model.wStar(s, 2 * big, theta, theta0);
                    ev.compare(Tolerance.derived(3 * Math.abs(w1 - w2) + 1e-12, "Richardson: remainder c/n, so |w*(n) − w*(∞)| ≤ 3|w*(n) − w*(2n)|")
                            .compare("w*(10^5; θ) against its limit", wInf, w1).consistency());
                    // Monte Carlo at n = 400 with the value-only model Ũ = θ̃0/(d+4), W = w*(N) for N = 20 (the ZS+FS end point).
                    double[] t0Eff = s.whiten(theta0), tEff = s.whiten(theta);
                    double gamma = 1;
                    double[] uEff = Draws.scaled(1.0 / (d + 4), t0Eff), uRaw = new double[d];
                    for (int i = 0; i < d; i++) uRaw[i] = uEff[i] / (gamma * Math.sqrt(s.lambda()[i]));
                    double wEff = model.wStar(s, 20, theta0, theta0);
                    Weights a = Weights.familyA(s, gamma, uRaw, wEff / gamma);
                    double aInf = model.riskALimit(s.sigma2(), uEff, wEff, tEff);
                    Weights b = Weights.familyB(d, 1.3, theta0, kappa / 1.3);
                    double bInf = model.riskBLimit(s, theta);
                    int units = UNITS.at(ctx.level());
                    double[][] um = RiskMonteCarlo.unitMeans(s, new Weights[] {a, b}, theta, N_MC, units, 512, ctx.subSeed(5));
                    double remA = IclModel.exact().riskA(N_MC, d, s.sigma2(), uEff, wEff, tEff) - IclModel.exact().riskALimit(s.sigma2(), uEff, wEff, tEff);
                    double remB = IclModel.exact().riskB(s, N_MC, theta, theta0, kappa) - IclModel.exact().riskBLimit(s, theta);
                    ev.compare(Tolerance.clt(4.5, SampleStats.se(um[0]), units, "batches of 512 prompts")
                            .plus(Tolerance.derived(Math.abs(remA), "closed-form remainder L_A(400) − L_A(∞)"))
                            .compare("family A risk at n = 400 against its limit", aInf, SampleStats.mean(um[0])));
                    ev.compare(Tolerance.clt(4.5, SampleStats.se(um[1]), units, "batches of 512 prompts")
                            .plus(Tolerance.derived(Math.abs(remB), "closed-form remainder E_B(400) − E_B(∞)"))
                            .compare("family B risk at n = 400 against its limit", bInf, SampleStats.mean(um[1])));
                    // Optimal label weight of the simulated model at n = 400: ŷ = A + W·B per prompt, W_opt = E[(y − A)B]/E[B²].
                    double[] ratio = optimalLabelWeight(s, uRaw, gamma, theta, N_MC, units, 512, ctx.subSeed(6));
                    double wRem = Math.abs(IclModel.exact().wStar(s, N_MC, theta, theta0) - IclModel.exact().wStarLimit(s, theta, theta0));
                    ev.compare(Tolerance.clt(4.5, ratio[1], units, "batches of 512 prompts (delta method for the ratio)")
                            .plus(Tolerance.derived(wRem, "closed-form remainder w*(400) − w*(∞)"))
                            .compare("least-squares label weight at n = 400 against w*(∞; θ)", wInf, ratio[0]));
                    return ev.diagnostic("w*(∞; θ)", wInf);
                })
                .build();
    }

    /**
     * The label weight W minimising the simulated n-shot risk of family A with value part u: the prediction is
     * A + W·B per prompt (B from the model with v = (0, 0, 1/γ) and u = 0), so W_opt = E[(y − A)B]/E[B²].
     * Returns {estimate, delta-method SE over units}.
     */
    static double[] optimalLabelWeight(IclSetup s, double[] uRaw, double gamma, double[] theta, int n, int units, int perUnit, long seed) {
        int d = s.d();
        Weights onlyU = Weights.familyA(s, gamma, uRaw, 0), onlyW = Weights.familyA(s, gamma, new double[d], 1 / gamma);
        double[] num = new double[units], den = new double[units];
        SeedParallel.chunks(units, (from, to) -> {
            PromptBatch batch = new PromptBatch(s, perUnit, n);
            AttentionPass pa = new AttentionPass(batch), pb = new AttentionPass(batch);
            for (int k = from; k < to; k++) {
                batch.fill(GaussianSampler.stream(seed, k), theta, n, perUnit);
                pa.forward(onlyU, batch);
                pb.forward(onlyW, batch);
                double sn = 0, sd = 0;
                for (int i = 0; i < perUnit; i++) {
                    double bi = pb.prediction(i);
                    sn += (batch.target[i] - pa.prediction(i)) * bi;
                    sd += bi * bi;
                }
                num[k] = sn / perUnit;
                den[k] = sd / perUnit;
            }
        });
        double mn = SampleStats.mean(num), md = SampleStats.mean(den), r = mn / md;
        double[] lin = new double[units];
        for (int k = 0; k < units; k++) lin[k] = (num[k] - r * den[k]) / md;
        return new double[] {r, SampleStats.se(lin)};
    }
}
