package org.ftverify.theory.icl;

import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.evidence.RunMemo;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;
import org.ftverify.evidence.Tolerance;
import org.ftverify.simd.GaussianSampler;

/**
 * P6 drift check: at random points of the reduced manifold, the reduced ODE's right-hand side against the Monte Carlo
 * mean of single plain-SGD increments (divided by the step) of the full attention model started there.
 */
final class ReducedDriftClaim {
    static final String ID = "icl.p6-drift";
    /** Monte Carlo batches of 1024 single-step increments */
    static final org.ftverify.core.LevelSize UNITS = org.ftverify.core.LevelSize.of("batches", "Monte Carlo batches of 1024 SGD increments", 64, 256, 1024, 1);
    static final String[] NAMES = {"ȧ", "α̇", "β̇", "ṗ", "v̇0 (off the manifold)"};

    private ReducedDriftClaim() {}

    private record Key(int d, double a, double alpha, double beta, double p, double vy, double sigma2, long seed, int units, int perUnit) {}

    static Claim build(IclModel model) {
        return Claim.builder(ID).title("P6 (drift) — reduced ZS flow against single SGD steps of the attention model")
                .statement("At any point (a, α, β, p) of the manifold Q = a e0e0ᵀ ⊕ (αI + βθ0θ0ᵀ), v = (0, pθ0, v_y), the mean single-sample "
                        + "ZS gradient step of the full model, projected on the manifold in the Frobenius metric, equals the reduced flow's "
                        + "right-hand side, and has no component leaving the manifold (v0).")
                .asciidoc("Per-prompt gradients from the generic backward pass, projected: ȧ = −∂L/∂Q00, (α̇, β̇) = −G^{-1}(⟨∇_{Q11}L, I⟩, "
                        + "θ0ᵀ∇_{Q11}Lθ0), ṗ = −θ0ᵀ∇_{v_x}L; xref:../docs/theory/icl.adoc#icl-p6[P6], "
                        + "xref:../docs/theory/icl.adoc#icl-dynamics[dynamics].")
                .provenance("reconstructed (reduced flow); the check is the standard drift test of reduced dynamics")
                .tolerance("5 Monte Carlo standard errors of the mean increment; no O(η) or O(1/d) term: a single plain-SGD step's mean "
                        + "is −η∇L exactly and the reduction is exact at any d")
                .cites("icl-p6").uses("reduced-loss", "reduced-conservation")
                .reads(IclModel.FLOW)
                .space(ParameterSpace.of(
                        Parameter.integer("d", 2, 12, 5, true, "covariate dimension"),
                        Parameter.real("a", -1, 2, 0.5, "Q00"),
                        Parameter.real("alpha", -0.5, 1, 0.5, "α"),
                        Parameter.real("beta", -0.5, 0.5, 0, "β"),
                        Parameter.real("p", -1, 1, 0.3, "p (v_x = pθ0)"),
                        Parameter.real("vy", -2, 2, 1, "v_y (no effect on the ZS loss)"),
                        Parameter.real("sigma2", 0, 0.5, 0.1, "label noise variance σ²")))
                .tries(3, 10, 30)
                .levels(UNITS)
                .check((p, ctx) -> {
                    int d = p.integer("d");
                    double[] y = {p.real("a"), p.real("alpha"), p.real("beta"), p.real("p")};
                    int units = UNITS.at(ctx.level()), perUnit = 1024;
                    double[][] inc = RunMemo.get(new Key(d, y[0], y[1], y[2], y[3], p.real("vy"), p.real("sigma2"), ctx.subSeed(1), units, perUnit),
                            () -> increments(d, y, p.real("vy"), p.real("sigma2"), ctx.subSeed(1), units, perUnit));
                    double[] rhs = new double[4];
                    model.reducedFlow(d).derivatives(0, y, rhs);
                    Evidence ev = new Evidence();
                    for (int c = 0; c < 5; c++) {
                        double[] col = SampleStats.column(inc, c);
                        double predicted = c < 4 ? rhs[c] : 0;
                        ev.compare(Tolerance.clt(5, SampleStats.se(col), units, "batches of " + perUnit + " single-prompt increments")
                                .atLeastRoundOff(perUnit, Math.abs(predicted) + 1)
                                .compare("drift " + NAMES[c], predicted, SampleStats.mean(col)));
                    }
                    return ev;
                })
                .build();
    }

    /** Per unit, the mean over prompts of the projected negative per-prompt ZS gradient: {ȧ, α̇, β̇, ṗ, v̇0}. */
    static double[][] increments(int d, double[] y, double vy, double sigma2, long seed, int units, int perUnit) {
        IclSetup s = IclSetup.isotropic(d, sigma2);
        double[] theta0 = Draws.unit(d, seed);
        Weights w = Weights.reduced(d, y[0], y[1], y[2], y[3], theta0, vy);
        // Entries the ZS loss cannot see (label row and column of Q) get random values: they must not change the drift.
        GaussianSampler noise = new GaussianSampler(seed + 1);
        for (int j = 0; j < w.dim; j++) {
            w.setQ(w.dim - 1, j, noise.next());
            w.setQ(j, w.dim - 1, noise.next());
        }
        double[][] out = new double[units][5];
        SeedParallel.chunks(units, (from, to) -> {
            PromptBatch b = new PromptBatch(s, perUnit, 0);
            AttentionPass pass = new AttentionPass(b);
            double[] gQ = new double[w.dim * w.dim], gv = new double[w.dim];
            for (int u = from; u < to; u++) {
                b.fill(GaussianSampler.stream(seed, 2 + u), theta0, 0, perUnit);
                pass.forward(w, b);
                double[] acc = out[u];
                for (int k = 0; k < perUnit; k++) {
                    java.util.Arrays.fill(gQ, 0);
                    java.util.Arrays.fill(gv, 0);
                    pass.promptGradient(b, k, 2 * pass.residual(b, k), gQ, gv);
                    double tr = 0, tq = 0, pv = 0;
                    for (int i = 0; i < d; i++) {
                        tr += gQ[(1 + i) * w.dim + 1 + i];
                        pv += theta0[i] * gv[1 + i];
                        for (int j = 0; j < d; j++) tq += theta0[i] * gQ[(1 + i) * w.dim + 1 + j] * theta0[j];
                    }
                    // (α̇, β̇) = -G^{-1}(tr, tq), G^{-1} = [[1, -1], [-1, d]]/(d - 1)
                    acc[0] -= gQ[0];
                    acc[1] -= (tr - tq) / (d - 1);
                    acc[2] -= (-tr + d * tq) / (d - 1);
                    acc[3] -= pv;
                    acc[4] -= gv[0];
                }
                for (int c = 0; c < 5; c++) acc[c] /= perUnit;
            }
        });
        return out;
    }
}
