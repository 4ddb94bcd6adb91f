package org.ftverify.theory.icl;

import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Num;
import org.ftverify.core.Seeds;
import org.ftverify.evidence.RunMemo;
import org.ftverify.evidence.Tolerance;
import org.ftverify.simd.Kernels;

/**
 * P7: full ZS fine-tuning of an SGD-pretrained model with the authors' optimiser lands on family B, with κ = Q00·v_y
 * given by the conservation law of the flow evaluated at the actual pretrained weights.
 */
final class FullZsSgdClaim {
    static final String ID = "icl.p7-sgd-full-zs-family-b";
    /** The claim's bounds on the end state (docs/theory/icl.adoc#icl-p7). */
    static final double Q11_SHRINK = 0.05, AP_BAND = 0.02, PARALLEL_BAND = 0.02;

    private FullZsSgdClaim() {}

    /** Simulation inputs (never predictions). */
    record Key(int d, int m, double sigma2, long seed, int preBatch, int preSteps, int batch, int steps) {}

    /**
     * The pretrained start, the fine-tuned end (Polyak average of the last tenth of the steps), the task, the
     * invariant at the last iterate, and the drift of the invariant that heavy-ball steps cause (signed and bounded).
     */
    record Run(Weights pre, Weights end, Weights last, double[] theta0, double driftSigned, double driftBound) {}

    static Claim build(IclModel model) {
        return Claim.builder(ID).title("P7 — SGD full zero-shot fine-tuning lands on family B")
                .statement("Full ZS fine-tuning of an SGD-pretrained model with the authors' optimiser (lr 0.01, momentum 0.9, clipping at 1) "
                        + "ends on family B: ‖sym Q11‖_F ≤ 0.05‖Q11,pre‖_F with the antisymmetric part of Q11 frozen, |Q00·v_xᵀθ0 − 1| ≤ 0.02, v_x ∥ θ0 (relative residual ≤ 0.02), v_y "
                        + "unchanged; κ = Q00·v_y = a∞(C)·|v_y| with C = ‖sym Q_top‖²_F − ‖v_top‖² of the pretrained weights plus the drift the "
                        + "heavy-ball steps cause; the n-shot risk of the fine-tuned model is E_B(n; θ; κ).")
                .asciidoc("SGD pretraining, then SGD on all parameters with the ZS loss (fresh prompts, the authors' optimiser); the end state "
                        + "against family B, κ against the conservation law, the n-shot risk by Monte Carlo of the attention model against E_B; "
                        + "xref:../docs/theory/icl.adoc#icl-p7[P7].")
                .provenance("reconstructed (family B, the invariant, a∞ and the heavy-ball drift are derived from the coded model; the "
                        + "SGD landing was seen in the theory notes' re-implementation); code (the authors hard-code w = 1/κ = 0.52)")
                .tolerance("the claim's bounds on the end state (round-off only); κ: the last iterate's measured distance from family B "
                        + "propagated through a² − a^{-2} = C; risk: 4.5 MC SE plus the Cauchy–Schwarz bound from the measured distance of "
                        + "the fine-tuned predictor to family B")
                .cites("icl-p7").uses("reduced-conservation", "reduced-limit", "family-b-risk")
                .reads(IclModel.A_INF, IclModel.RISK_B)
                .space(Pretrained.SETTINGS)
                .tries(2, 4, 9)
                .check((p, ctx) -> {
                    Pretrained.Setting set = Pretrained.Setting.of(p);
                    int d = set.d(), m = set.m();
                    double sigma2 = set.sigma2();
                    int preBatch = ctx.level().pick(500, 2000, 5000), preSteps = ctx.level().pick(3000, 4000, 5000);
                    int batch = ctx.level().pick(1000, 2000, 5000), steps = ctx.level().pick(2000, 4000, 5000);
                    Run r = RunMemo.get(new Key(d, m, sigma2, ctx.subSeed(1), preBatch, preSteps, batch, steps),
                            () -> simulate(d, m, sigma2, ctx.subSeed(1), preBatch, preSteps, batch, steps, PretrainingClaim.LR));
                    Weights pre = r.pre(), end = r.end(), last = r.last();
                    double[] theta0 = r.theta0();
                    int y = d + 1;
                    double vy = pre.v[y];
                    Evidence ev = new Evidence();
                    // The end state against the bounds the claim states (averaged over the last tenth of the steps).
                    Tolerance exact = Tolerance.roundOff(1, 4 * (d + 2) * (d + 2), 1);
                    double a = end.qAt(0, 0);
                    // Family B has sym(Q11) = 0, and the ZS gradient of Q is symmetric, so the antisymmetric part of the pretrained Q11
                    // is frozen (theory page, icl-p7): the notes' ‖Q11‖ ≤ 0.05‖Q11,pre‖ holds only when pretraining left little
                    // antisymmetric part (a run at d = 8, m = 5, σ² = 0 kept 5.9%). The claim checks the part that must vanish
                    // against the bound and the frozen part to round-off; the whole-Q11 ratio is reported.
                    double q11Pre = Pretrained.q11Norm(pre);
                    ev.compare(exact.atMost("‖sym Q11‖_F/‖Q11,pre‖_F at the end", symQ11Norm(end) / q11Pre, Q11_SHRINK));
                    ev.compare(Tolerance.roundOff(1, steps * 4 * (d + 2) * (d + 2), q11Pre)
                            .compare("‖anti Q11(last) − anti Q11(pre)‖_F (frozen: the ZS gradient of Q is symmetric)", 0, antiQ11Change(last, pre)));
                    ev.diagnostic("‖Q11‖_F/‖Q11,pre‖_F at the end (the notes' bound 0.05 counts the frozen antisymmetric part)",
                            Pretrained.q11Norm(end) / q11Pre);
                    ev.compare(exact.atMost("|Q00·v_xᵀθ0 − 1| at the end", Math.abs(a * projection(end, theta0) - 1), AP_BAND));
                    ev.compare(exact.atMost("‖v_x − (v_xᵀθ0)θ0‖/‖v_x‖ at the end", perpendicularShare(end, theta0), PARALLEL_BAND));
                    ev.compare(Tolerance.roundOff(1, 1, vy).compare("v_y(end) − v_y(pre) (P4: the ZS loss never moves it)", 0, last.v[y] - vy));
                    // κ of the last iterate against a∞(C)·|v_y|, C = the pretrained invariant plus the heavy-ball drift of this run.
                    double aT = last.qAt(0, 0), pT = projection(last, theta0), eps = aT * pT - 1;
                    double offFamily = Math.abs(offFamilyQ(last) - offFamilyV(last, theta0)) + Math.abs(2 * eps + eps * eps) / (aT * aT);
                    double cT = IclModel.exact().zsInvariant(pre) + r.driftSigned();
                    double aLow = IclModel.exact().aInfinity(cT - offFamily);
                    double kappaPredicted = model.fullZsKappa(pre, r.driftSigned()), kappa = aT * vy;
                    ev.compare(Tolerance.derived(Math.abs(vy) * offFamily / (2 * aLow),
                                    "the last iterate is off family B by ΔC = |Σ_{other Q_top} q² − ‖v_top − (v_xᵀθ0)θ0‖²| + |2ε + ε²|/a² = "
                                            + Num.sig(offFamily, 2) + " (ε = Q00·v_xᵀθ0 − 1 = " + Num.sig(eps, 2) + "), so |a − a∞(C)| ≤ ΔC/(2a∞(C − ΔC)) "
                                            + "(dC/da = 2a + 2a^-3 ≥ 2a), times |v_y|")
                            .atLeastRoundOff(64, kappa)
                            .compare("κ = Q00·v_y against a∞(C)·|v_y|, C = invariant of the pretrained weights + heavy-ball drift", kappaPredicted, kappa));
                    // n-shot risk of the fine-tuned model (Monte Carlo) against E_B(n; θ; κ), κ = Q00·v_y of the end state.
                    IclSetup s = IclSetup.isotropic(d, sigma2);
                    double kappaEnd = a * vy;
                    Weights familyB = Weights.familyB(d, a, theta0, vy);
                    int units = ctx.level().pick(96, 256, 1024);
                    for (double sign : new double[] {1, -1}) {
                        double[] task = Draws.scaled(sign, theta0);
                        long seed = ctx.subSeed(sign > 0 ? 4 : 5);
                        RiskMonteCarlo.Estimate e = RiskMonteCarlo.estimate(s, end, task, RISK_N, units, 1024, seed);
                        RiskMonteCarlo.Estimate dist = RiskMonteCarlo.squaredDifference(s, end, familyB, task, RISK_N, units, 1024, seed);
                        double predicted = model.fullZsRisk(s, RISK_N, task, theta0, kappaEnd, pre);
                        double dUp = dist.mean() + 4.5 * dist.se(), rB = IclModel.exact().riskB(s, RISK_N, task, theta0, kappaEnd);
                        String on = sign > 0 ? "θ0" : "−θ0";
                        ev.compare(Tolerance.clt(4.5, e.se(), units, "batches of 1024 prompts")
                                .plus(Tolerance.derived(2 * Math.sqrt(rB * dUp) + dUp, "Cauchy–Schwarz, |R − R_B| ≤ 2√(R_B·D) + D with D = "
                                        + "E(ŷ − ŷ_B)² ≤ " + Num.sig(dUp, 2) + " (mean + 4.5 SE, same prompts), ŷ_B the family-B model with this Q00, v_y"))
                                .compare(RISK_N + "-shot risk on " + on + " against E_B(" + RISK_N + "; " + on + "; κ)", predicted, e.mean()));
                    }
                    return ev.diagnostic("kappa", kappa).diagnostic("kappa of the gradient flow (no drift)", model.fullZsKappa(pre))
                            .diagnostic("relative gap to the flow's kappa", kappa / model.fullZsKappa(pre) - 1)
                            .diagnostic("heavy-ball drift of C", r.driftSigned()).diagnostic("invariant C_pre", IclModel.exact().zsInvariant(pre))
                            .diagnostic("w = 1/kappa (code: 0.52)", 1 / kappa);
                })
                .build();
    }

    /** Demonstrations of the risk comparison (the authors' evaluation length). */
    static final int RISK_N = 20;

    /** Σ of the squared entries of sym Q_top other than Q00: zero on family B. */
    static double offFamilyQ(Weights w) {
        double s = 0;
        for (int i = 0; i <= w.d; i++)
            for (int j = 0; j <= w.d; j++) {
                double q = 0.5 * (w.qAt(i, j) + w.qAt(j, i));
                if (i + j > 0) s += q * q;
            }
        return s;
    }

    /** ‖v_top‖² − (v_xᵀθ0)²: v0² plus the part of v_x orthogonal to θ0, zero on family B. */
    static double offFamilyV(Weights w, double[] theta0) {
        double s = 0;
        for (int i = 0; i <= w.d; i++) s += w.v[i] * w.v[i];
        double p = projection(w, theta0);
        return s - p * p;
    }

    static Run simulate(int d, int m, double sigma2, long seed, int preBatch, int preSteps, int batch, int steps, double lr) {
        Weights pre = Pretrained.model(d, m, sigma2, Seeds.mix(seed, 1), preBatch, preSteps);
        double[] theta0 = Draws.unit(d, Seeds.mix(seed, 2));
        AttentionSgd sgd = new AttentionSgd(IclSetup.isotropic(d, sigma2), new AttentionSgd.Config(lr,
                PretrainingClaim.MOMENTUM, PretrainingClaim.CLIP, batch, AttentionSgd.Subset.ALL, AttentionSgd.Objective.ZERO_SHOT, 0, steps),
                pre, theta0, Seeds.mix(seed, 3));
        int tail = steps / 10;
        Weights avg = new Weights(d), prev = pre.copy(), w = sgd.weights();
        double mu = PretrainingClaim.MOMENTUM, e = 0, eAbs = 0, signed = 0, bound = 0;
        for (int t = 0; t < steps; t++) {
            sgd.step();
            // Heavy ball: Δ_t = μΔ_{t−1} − lr·g_t, and the balance law ⟨θ_t, J g_t⟩ = 0 holds for every batch (J = +1 on Q,
            // −1 on v), so e_t = ⟨θ_t, JΔ_t⟩ obeys e_t = μ(e_{t−1} + q_{t−1}) with q = ⟨Δ, JΔ⟩, and C_{t+1} − C_t = 2e_t + q_t.
            double q = stepSquare(prev, w);
            signed += 2 * e + q;
            bound += 2 * eAbs + Math.abs(q);
            e = mu * (e + q);
            eAbs = mu * (eAbs + Math.abs(q));
            System.arraycopy(w.q, 0, prev.q, 0, w.q.length);
            System.arraycopy(w.v, 0, prev.v, 0, w.v.length);
            if (t >= steps - tail) {
                Kernels.axpy(1.0 / tail, w.q, avg.q, avg.q.length);
                Kernels.axpy(1.0 / tail, w.v, avg.v, avg.v.length);
            }
        }
        return new Run(pre, avg, w.copy(), theta0, signed, bound);
    }

    /** q = ‖sym ΔQ_top‖² − ‖Δv_top‖² of one step (the entries the ZS loss moves). */
    private static double stepSquare(Weights before, Weights after) {
        int top = after.d + 1;
        double s = 0;
        for (int i = 0; i < top; i++) {
            for (int j = 0; j < top; j++) {
                double dq = 0.5 * (after.qAt(i, j) - before.qAt(i, j) + after.qAt(j, i) - before.qAt(j, i));
                s += dq * dq;
            }
            double dv = after.v[i] - before.v[i];
            s -= dv * dv;
        }
        return s;
    }

    /** v_xᵀθ0. */
    static double projection(Weights w, double[] theta0) {
        double s = 0;
        for (int i = 0; i < w.d; i++) s += w.v[1 + i] * theta0[i];
        return s;
    }

    /** ‖v_x − (v_xᵀθ0)θ0‖/‖v_x‖: how far v_x is from the direction of θ0. */
    static double perpendicularShare(Weights w, double[] theta0) {
        double p = projection(w, theta0), rest = 0, all = 0;
        for (int i = 0; i < w.d; i++) {
            double r = w.v[1 + i] - p * theta0[i];
            rest += r * r;
            all += w.v[1 + i] * w.v[1 + i];
        }
        return Math.sqrt(rest / all);
    }

    /** ‖sym Q11‖_F: the part of the x-block of Q that family B sets to zero. */
    static double symQ11Norm(Weights w) {
        double s = 0;
        for (int i = 1; i <= w.d; i++)
            for (int j = 1; j <= w.d; j++) {
                double v = 0.5 * (w.qAt(i, j) + w.qAt(j, i));
                s += v * v;
            }
        return Math.sqrt(s);
    }

    /** ‖anti Q11(a) − anti Q11(b)‖_F: zero when every step's update of Q11 is symmetric. */
    static double antiQ11Change(Weights a, Weights b) {
        double s = 0;
        for (int i = 1; i <= a.d; i++)
            for (int j = 1; j <= a.d; j++) {
                double v = 0.5 * (a.qAt(i, j) - a.qAt(j, i)) - 0.5 * (b.qAt(i, j) - b.qAt(j, i));
                s += v * v;
            }
        return Math.sqrt(s);
    }
}
