package org.ftverify.theory.icl;

import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.evidence.Tolerance;
import org.ftverify.simd.GaussianSampler;

/** P4: exact zero-gradient structure and the bilinear balance law, on the generic backward pass. */
final class ZeroGradientClaim {
    static final String ID = "icl.p4-zero-gradient-structure";

    private ZeroGradientClaim() {}

    static Claim build(IclModel model) {
        return Claim.builder(ID).title("P4 — exact zero-gradient structure and the balance law")
                .statement("For any parameters and prompts: the ZS gradient is exactly 0 in v_y and in the last row and column of Q; the last "
                        + "row of Q has zero gradient under the FS and pretraining losses too; ⟨Q, ∇_Q L⟩ = ⟨v, ∇_v L⟩; a ZS-only run leaves "
                        + "v_y unchanged.")
                .asciidoc("The generic backward pass at random parameters against the structural predictions; "
                        + "xref:../docs/theory/icl.adoc#icl-p4[P4].")
                .provenance("reconstructed (exact consequences of the coded model)")
                .tolerance("round-off: ops·κ·u·scale with the gradient's magnitude as scale")
                .cites("icl-p4").uses("reduced-conservation")
                .reads("balance_sign")
                .space(ParameterSpace.of(
                        Parameter.integer("d", 1, 12, 2, true, "covariate dimension"),
                        Parameter.integer("n", 1, 40, 1, false, "demonstrations of the FS / pretraining prompts"),
                        Parameter.real("scale", 0.05, 2, 1, "standard deviation of the random parameters"),
                        Parameter.choice("loss", List.of("zero-shot", "few-shot", "pretraining"), "loss whose gradient is checked")))
                .tries(6, 20, 60)
                .check((p, ctx) -> {
                    int d = p.integer("d"), n = p.integer("n");
                    String loss = p.choice("loss");
                    IclSetup s = IclSetup.isotropic(d, 0.1);
                    Weights w = AttentionSgd.randomInit(d, p.real("scale"), ctx.subSeed(1));
                    double[] theta0 = Draws.unit(d, ctx.subSeed(2));
                    int batch = 64, ctxLen = loss.equals("zero-shot") ? 0 : n;
                    PromptBatch b = new PromptBatch(s, batch, ctxLen);
                    b.fill(new GaussianSampler(ctx.subSeed(3)), loss.equals("pretraining") ? null : theta0, ctxLen, batch);
                    AttentionPass pass = new AttentionPass(b);
                    pass.forward(w, b);
                    double[] gQ = new double[w.q.length], gv = new double[w.dim];
                    pass.accumulateGradient(w, b, 1, gQ, gv);
                    int dim = w.dim, y = dim - 1;
                    double scale = 0;
                    for (double g : gQ) scale = Math.max(scale, Math.abs(g));
                    for (double g : gv) scale = Math.max(scale, Math.abs(g));
                    int ops = batch * (ctxLen + 1) * dim * 4;
                    Tolerance exactZero = Tolerance.roundOff(1, ops, scale).atLeastRoundOff(ops, Double.MIN_NORMAL);
                    Evidence ev = new Evidence();
                    double lastRow = 0, lastCol = 0;
                    for (int j = 0; j < dim; j++) {
                        lastRow = Math.max(lastRow, Math.abs(gQ[y * dim + j]));
                        lastCol = Math.max(lastCol, Math.abs(gQ[j * dim + y]));
                    }
                    ev.compare(exactZero.compare("max |∂L/∂Q[D−1, :]| (last row of Q)", 0, lastRow));
                    if (loss.equals("zero-shot")) {
                        ev.compare(exactZero.compare("|∂L_ZS/∂v_y|", 0, Math.abs(gv[y])));
                        ev.compare(exactZero.compare("max |∂L_ZS/∂Q[:, D−1]| (last column of Q)", 0, lastCol));
                    }
                    // Balance law of the bilinear model: <Q, ∇_Q L> + sign <v, ∇_v L> = 0 with sign = -1.
                    double qg = 0, vg = 0, mag = 0;
                    for (int k = 0; k < gQ.length; k++) {
                        qg += w.q[k] * gQ[k];
                        mag += Math.abs(w.q[k] * gQ[k]);
                    }
                    for (int k = 0; k < dim; k++) {
                        vg += w.v[k] * gv[k];
                        mag += Math.abs(w.v[k] * gv[k]);
                    }
                    ev.compare(Tolerance.roundOff(1, ops, mag).compare("⟨Q, ∇_Q L⟩ + sign·⟨v, ∇_v L⟩ (balance law)", 0, qg + model.balanceSign() * vg));
                    if (loss.equals("zero-shot")) {
                        // Corollary: 50 steps of ZS SGD on all parameters leave v_y bit-identical.
                        AttentionSgd sgd = new AttentionSgd(s, new AttentionSgd.Config(0.01, 0.9, 1, 32, AttentionSgd.Subset.ALL,
                                AttentionSgd.Objective.ZERO_SHOT, 0, 50), w, theta0, ctx.subSeed(4));
                        sgd.run(50);
                        ev.compare(Tolerance.roundOff(1, 1, Math.abs(w.v[y])).atLeastRoundOff(1, Double.MIN_NORMAL)
                                .compare("v_y after 50 ZS SGD steps", w.v[y], sgd.weights().v[y]));
                    }
                    return ev;
                })
                .build();
    }
}
