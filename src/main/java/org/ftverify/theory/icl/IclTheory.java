package org.ftverify.theory.icl;

import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.TheoryDefinition;

/**
 * Fine-tuning a one-layer linear attention model pretrained on in-context linear regression: full zero-shot
 * fine-tuning destroys in-context learning, value-only fine-tuning keeps it, an auxiliary few-shot loss trades
 * target-task gain for unseen-task loss (docs/theory/icl.adoc).
 */
public final class IclTheory extends TheoryDefinition<IclModel> {
    public IclTheory() {
        super("icl", "Fine-tuning without forgetting in-context learning (linear attention)",
                "C. Lee, J. Sohn, K. Lee, \"Fine-Tuning Without Forgetting In-Context Learning: A Theoretical Analysis of Linear "
                        + "Attention Models\", arXiv 2602.23197 (ICML 2026); code github.com/leechungpa/preserve-icl-under-finetuning",
                List.of("[paper] only the abstract could be read: full fine-tuning can harm ICL, value-only fine-tuning keeps it, an "
                                + "auxiliary few-shot loss helps the target task and hurts unseen tasks",
                        "[code] setup, losses, optimiser and the hard-coded constants (0.52, 0.66, m/(m+1+d)) come from the authors' code",
                        "[reconstructed] every closed form (Γ*, L_A, E_B, n_cross, w*, the reduced flow) was derived from the code's model "
                                + "and checked by Monte Carlo; none is read from the paper body",
                        "[reconstructed] the pretraining fixed point is the exact optimum of the coded model; the code's constant "
                                + "m/(m+1+d) differs from it"));
    }

    @Override
    protected IclModel exactModel() {
        return IclModel.exact();
    }

    @Override
    protected List<Claim> claims(IclModel m) {
        return List.of(FamilyARiskClaim.build(m), FamilyBRiskClaim.build(m), PretrainingClaim.build(m),
                ZeroGradientClaim.build(m), ValueOnlyClaim.build(m),
                ReducedFlowClaim.build(m), ReducedDriftClaim.build(m), FullZsSgdClaim.build(m), CrossingClaim.build(m), AuxiliaryFewShotClaim.build(m),
                LargeNClaim.build(m), UnseenPenaltyClaim.build(m), QOnlyClaim.build(m));
    }

    @Override
    protected List<Perturbation<IclModel>> perturbations() {
        IclModel e = exactModel();
        return List.of(
                perturb("icl-no-query-self-term", "family A risk without the query's self-attention terms (sum over demonstrations only)",
                        e.withoutQuerySelfTerm(), FamilyARiskClaim.ID),
                perturb("icl-family-b-risk-x1.1", "family B risk 10% high", e.withScale(IclModel.RISK_B, 1.1), FamilyBRiskClaim.ID),
                perturb("icl-gamma-no-trace-term", "Γ* without the (tr Σ + dσ²)/(m+1) term (Γ = Σ^{-1}, infinite context)",
                        e.withoutGammaTraceTerm(), PretrainingClaim.ID),
                perturb("icl-gamma-code-constant", "Γ* replaced by the code's constant m/(m+1+d)", e.withCodeGammaConstant(), PretrainingClaim.ID),
                perturb("icl-conservation-broken", "‖Q‖² + ‖v‖² instead of ‖Q‖² − ‖v‖² conserved (balance law with the wrong sign)",
                        e.withConservationBroken(), ZeroGradientClaim.ID, ReducedFlowClaim.ID),
                perturb("icl-value-limit-x1.1", "value-only limit θ0/(γ(d+4)) 10% high", e.withScale(IclModel.U_STAR, 1.1), ValueOnlyClaim.ID),
                perturb("icl-value-rate-x1.2", "value-only relaxation rate 2γ²(d+2)(d+4)λ 20% high", e.withScale(IclModel.VALUE_RATE, 1.2),
                        ValueOnlyClaim.ID),
                perturb("icl-no-frobenius-metric", "reduced flow moving (α, β) by the partial derivatives, without G^{-1}",
                        e.withoutFrobeniusMetric(), ReducedFlowClaim.ID, ReducedDriftClaim.ID),
                perturb("icl-invariant-over-all-entries", "κ after full ZS fine-tuning from ‖Q‖²_F − ‖v‖² over all entries, including v_y and "
                        + "the label row and column that the ZS loss never moves", e.withInvariantOverAllEntries(), FullZsSgdClaim.ID),
                perturb("icl-full-zs-keeps-icl", "full ZS fine-tuning ending like value-only tuning (family A, Ũ = θ̃0/(d+4)): ICL kept",
                        e.withFullZsKeepingIcl(), FullZsSgdClaim.ID),
                perturb("icl-n-cross-x1.1", "n_cross 10% high", e.withScale(IclModel.N_CROSS, 1.1), CrossingClaim.ID),
                perturb("icl-w-star-wrong-n", "w*(n) evaluated at n + 1", e.withWStarShift(1), AuxiliaryFewShotClaim.ID),
                perturb("icl-paper-limit", "lim w*(n; θ) = (d+3)/(d+4) for every task, as stated in the paper", e.withPaperLimit(), LargeNClaim.ID),
                perturb("icl-penalty-large-n", "unseen-task penalty with its large-n factor 1 at every n", e.withPenaltyAtLargeN(),
                        UnseenPenaltyClaim.ID),
                perturb("icl-q-only-keeps-icl", "Q-only ZS fine-tuning keeping ICL like value-only tuning (20-shot risk at most doubled)",
                        e.withQOnlyKeepingIcl(), QOnlyClaim.ID));
    }

    @Override
    protected List<Probe<IclModel>> probes() {
        IclModel e = exactModel();
        return List.of(
                probe(FamilyARiskClaim.ID, IclModel.RISK_A, x -> e.withScale(IclModel.RISK_A, 1 + x)),
                probe(FamilyBRiskClaim.ID, IclModel.RISK_B, x -> e.withScale(IclModel.RISK_B, 1 + x)),
                probe(PretrainingClaim.ID, IclModel.GAMMA_STAR, x -> e.withScale(IclModel.GAMMA_STAR, 1 + x)),
                probe(ZeroGradientClaim.ID, "balance_sign", x -> x == 0 ? e : e.withConservationBroken()),
                probe(ValueOnlyClaim.ID, IclModel.U_STAR, x -> e.withScale(IclModel.U_STAR, 1 + x)),
                probe(ReducedFlowClaim.ID, IclModel.A_INF, x -> e.withScale(IclModel.A_INF, 1 + x)),
                probe(ReducedDriftClaim.ID, IclModel.FLOW, x -> e.withScale(IclModel.FLOW, 1 + x)),
                probe(FullZsSgdClaim.ID, IclModel.A_INF, x -> e.withScale(IclModel.A_INF, 1 + x)),
                probe(FullZsSgdClaim.ID, IclModel.RISK_B, x -> e.withScale(IclModel.RISK_B, 1 + x)),
                probe(CrossingClaim.ID, IclModel.N_CROSS, x -> e.withScale(IclModel.N_CROSS, 1 + x)),
                probe(AuxiliaryFewShotClaim.ID, IclModel.W_STAR, x -> e.withScale(IclModel.W_STAR, 1 + x)),
                probe(LargeNClaim.ID, IclModel.LIMIT, x -> e.withScale(IclModel.LIMIT, 1 + x)),
                probe(UnseenPenaltyClaim.ID, IclModel.PENALTY, x -> e.withScale(IclModel.PENALTY, 1 + x)),
                probe(QOnlyClaim.ID, IclModel.Q_ONLY_RISK, x -> e.withScale(IclModel.Q_ONLY_RISK, 1 + x)));
    }
}
