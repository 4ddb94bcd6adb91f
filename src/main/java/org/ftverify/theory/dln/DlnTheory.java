package org.ftverify.theory.dln;

import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.TheoryDefinition;

/**
 * Diagonal linear networks, pretraining then fine-tuning (docs/theory/dln.adoc): how the initialisation's absolute
 * scale c, relative layer scale λ and readout reset γ decide what fine-tuning reuses and refines.
 */
public final class DlnTheory extends TheoryDefinition<DlnModel> {

    public DlnTheory() {
        super("dln", "Diagonal linear networks: how pretraining shapes the inductive bias of fine-tuning",
                "Anguita, Locatello, Saxe, Mondelli, Mancini, Lippl, Dominé, A Theory of How Pretraining Shapes Inductive Bias in "
                        + "Fine-Tuning, arXiv 2602.20062 (ICML 2026)",
                List.of("[paper] only the abstract and introduction of the paper could be read; Theorem 4.1 and the regimes come "
                                + "from a third-party summary of the full paper, judged reliable because it matches the authors' code",
                        "[code] the authors' research code (replica solver, figure scripts, RS tables)",
                        "[derived][validated] conservation laws, the reduced flow, the general-initialisation Bregman form, "
                                + "rates and escape time were derived for this theory and checked numerically when written up",
                        "Reconstructed, not read in the paper: the exact l-order/PD formulas, the GD law, the general-init form"));
    }

    @Override
    protected DlnModel exactModel() {
        return DlnModel.exact();
    }

    @Override
    protected List<Claim> claims(DlnModel m) {
        return List.of(ConservationClaim.build(m), ReducedFlowClaim.build(m), BregmanClaim.build(m), PretrainClaim.build(m),
                FineTuneClaim.build(m), RegimeDiagnosticsClaim.build(m), ReplicaSimulationClaim.build(m), ReplicaLimitsClaim.build(m),
                TimeScaleClaims.localRate(m), TimeScaleClaims.escapeTime(m), RegimeRankingClaim.build(m));
    }

    @Override
    protected List<Perturbation<DlnModel>> perturbations() {
        DlnModel x = exactModel();
        return List.of(
                perturb("dln-gd-conserves", "GD treated like the flow: invariants exactly conserved (factor 1 instead of 1 − η²g²)",
                        x.withGdShrink(0), ConservationClaim.ID),
                perturb("dln-k-ignores-lambda", "k = 4c², ignoring λ⁺ − λ⁻ (the negative control)", x.withKLambdaWeight(0),
                        ReducedFlowClaim.ID, BregmanClaim.ID),
                perturb("dln-woodworth-argument", "wrong potential: mirror map ½ asinh(z/√k) (the Woodworth/Lippl argument convention)",
                        x.withPotentialArg(1), ReducedFlowClaim.ID, BregmanClaim.ID, FineTuneClaim.ID),
                perturb("dln-kd-drops-lambda", "k_d with λ dropped: c_FT = c(1 + √(1 + β²/c²)) + γ²/2", x.withSplitLambdaWeight(0),
                        PretrainClaim.ID, FineTuneClaim.ID, RegimeRankingClaim.ID),
                perturb("dln-pd-sign", "PD with the wrong sign, (ℓ − 1)s", x.withPdSign(-1), RegimeDiagnosticsClaim.ID),
                perturb("dln-l-series", "series of ℓ near u = 0 with −u²/3 instead of −u²/6", x.withLSeriesU2(1.0 / 3), RegimeDiagnosticsClaim.ID),
                perturb("dln-rs-noise-no-alpha", "RS effective noise without the 1/α: s² = E[(X − X̂)²]", x.withRsNoiseOverAlpha(false),
                        ReplicaSimulationClaim.ID, ReplicaLimitsClaim.ID),
                perturb("dln-rate-x1.1", "local rate scaled by 1.1", x.withRateScale(1.1), TimeScaleClaims.RATE_ID),
                perturb("dln-escape-no-ln2", "escape time ln(β*/c)/(2β*), missing the deceleration ln 2", x.withEscapeShift(-Math.log(2)),
                        TimeScaleClaims.ESCAPE_ID));
    }

    @Override
    protected List<Probe<DlnModel>> probes() {
        DlnModel x = exactModel();
        return List.of(
                probe(ConservationClaim.ID, "η²g² in the GD factor", d -> x.withGdShrink(1 + d)),
                probe(ReducedFlowClaim.ID, "k", d -> x.withKScale(1 + d)),
                probe(BregmanClaim.ID, "k", d -> x.withKScale(1 + d)),
                probe(PretrainClaim.ID, "layer split", d -> x.withSplitScale(1 + d)),
                probe(FineTuneClaim.ID, "c_FT", d -> x.withSplitScale(1 + d)),
                probe(RegimeDiagnosticsClaim.ID, "PD", d -> x.withPdSign(1 + d)),
                probe(ReplicaSimulationClaim.ID, "RS E_gen", d -> x.withRsScale(1 + d)),
                probe(ReplicaLimitsClaim.ID, "lazy-limit E_gen", d -> x.withLazyLimitScale(1 + d)),
                probe(TimeScaleClaims.RATE_ID, "local rate", d -> x.withRateScale(1 + d)),
                probe(TimeScaleClaims.ESCAPE_ID, "escape time", d -> x.withEscapeScale(1 + d)),
                probe(RegimeRankingClaim.ID, "Regime IV's RS E_gen", d -> x.withRsScaleRegimeIV(1 + d)));
    }
}
