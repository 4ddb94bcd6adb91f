package org.ftverify.theory.icl;

import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.Tolerance;

/** P11: the task-averaged price of a value-only update on unseen tasks. */
final class UnseenPenaltyClaim {
    static final String ID = "icl.p11-unseen-task-penalty";
    /** Monte Carlo batches of 2048 prompts */
    static final org.ftverify.core.LevelSize UNITS = org.ftverify.core.LevelSize.of("batches", "Monte Carlo batches of 2048 prompts", 64, 256, 1024, 1);

    private UnseenPenaltyClaim() {}

    static Claim build(IclModel model) {
        return Claim.builder(ID).title("P11 — value-only fine-tuning: task-averaged penalty on unseen tasks")
                .statement("Averaged over tasks uniform on the sphere (Σ = I), a value update Ũ adds ‖Ũ‖²·[n² + (3d+5)n + (d+2)(d+4)]/(n+1)² "
                        + "to the pretrained n-shot risk L_pre(n; W).")
                .asciidoc("Paired Monte Carlo (same prompts, fresh task per prompt) of the updated and the pretrained model; "
                        + "xref:../docs/theory/icl.adoc#icl-p11[P11].")
                .provenance("reconstructed (derived)")
                .tolerance("4.5 Monte Carlo standard errors of the paired difference and of the pretrained risk")
                .cites("icl-p11").uses("unseen-penalty")
                .reads(IclModel.PENALTY, IclModel.RISK_A)
                .space(ParameterSpace.of(
                        Parameter.integer("d", 2, 12, 5, true, "covariate dimension"),
                        Parameter.integer("n", 0, 40, 20, false, "demonstrations"),
                        Parameter.real("sigma2", 0, 0.5, 0.1, "label noise variance σ²"),
                        Parameter.real("W", 0.3, 1.2, 0.77, "effective label weight"),
                        Parameter.real("unorm", 0.05, 0.4, 0.11, "‖Ũ‖")))
                .tries(3, 8, 20)
                .levels(UNITS)
                .check((p, ctx) -> {
                    int d = p.integer("d"), n = p.integer("n");
                    double wEff = p.real("W");
                    IclSetup s = IclSetup.isotropic(d, p.real("sigma2"));
                    double[] u = Draws.scaled(p.real("unorm"), Draws.unit(d, ctx.subSeed(2)));
                    Weights updated = Weights.familyA(s, 1, u, wEff), pre = Weights.familyA(s, 1, new double[d], wEff);
                    int units = UNITS.at(ctx.level());
                    double[][] um = RiskMonteCarlo.unitMeans(s, new Weights[] {updated, pre}, null, n, units, 2048, ctx.subSeed(5));
                    double[] diff = SampleStats.difference(um[0], um[1]);
                    double uu = Draws.dot(u, u);
                    double[] e1 = new double[d];
                    e1[0] = 1;
                    return new Evidence()
                            .compare(Tolerance.clt(4.5, SampleStats.se(diff), units, "batches of 2048 prompts (paired)")
                                    .compare("E_θ L_A − L_pre (unseen-task penalty)", uu * model.unseenPenaltyFactor(n, d), SampleStats.mean(diff)))
                            .compare(Tolerance.clt(4.5, SampleStats.se(um[1]), units, "batches of 2048 prompts")
                                    .compare("task-averaged pretrained risk L_pre(n; W)", model.riskA(n, d, s.sigma2(), new double[d], wEff, e1),
                                            SampleStats.mean(um[1])));
                })
                .build();
    }
}
