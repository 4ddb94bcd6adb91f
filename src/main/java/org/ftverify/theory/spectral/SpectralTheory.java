package org.ftverify.theory.spectral;

import java.util.List;

import org.ftverify.core.Claim;
import org.ftverify.core.TheoryDefinition;
import org.ftverify.theory.spectral.SpectralModel.Error;

/**
 * The spectral-basis theory of fine-tuning (docs/theory/spectral.adoc): the leading singular vectors of a pretrained
 * weight stay put under fine-tuning and are shared across tasks, and tuning only the spectral coefficients in the
 * frozen basis is enough when the task re-weights the pretrained modes.
 */
public final class SpectralTheory extends TheoryDefinition<SpectralModel> {
    public SpectralTheory() {
        super("spectral", "Pretraining induces a reusable spectral basis for downstream adaptation",
                "J. Yu, Y. Wang, Z. Deng, Y. Zhu, W. Ma, Q. Liu, arXiv 2605.07302 (2026)",
                List.of("[paper] only the abstract could be read: leading singular vectors stable under fine-tuning and shared across "
                                + "tasks; larger pretraining sets more stable; tuning spectral coefficients in the frozen basis competitive "
                                + "at 0.2 % trainable parameters; the paper states no theorem",
                        "[reconstructed] every claim P1-P10 is a reconstruction from classical results (Weyl, Wedin, Davis-Kahan, "
                                + "Benaych-Georges-Nadakuditi, Baik-Ben Arous-Péché, Saxe et al.) and exact linear algebra, not the paper's text",
                        "[reconstructed, unreviewed] the shared-noise overlap S_u (claims P6, P7) was derived for this reconstruction and "
                                + "checked only numerically; it is not from the literature and has not been reviewed"));
    }

    @Override
    protected SpectralModel exactModel() {
        return SpectralModel.exact();
    }

    @Override
    protected List<Claim> claims(SpectralModel m) {
        return List.of(WedinWeylClaim.build(m), FirstOrderClaim.build(m), AlignedDynamicsClaim.build(m), FrozenBasisClaim.build(m), BgnClaim.build(m), FiniteTimeStabilityClaim.build(m), SharedBasisClaim.build(m), BbpClaim.build(m),
                CrossingTimeClaim.build(m), ParameterBudgetClaim.build(m));
    }

    @Override
    protected List<Perturbation<SpectralModel>> perturbations() {
        SpectralModel x = exactModel();
        return List.of(
                perturb("spectral-wedin-gap-dropped", "Wedin's bound divided by sigma~_k instead of the gap sigma~_k - sigma_{k+1}",
                        x.with(Error.WEDIN_GAP_DROPPED), WedinWeylClaim.ID),
                perturb("spectral-first-order-no-extra-dimensions", "first-order v-instability without the (p - m)/sigma_i^2 term of the right directions W0 does not use",
                        x.with(Error.FIRST_ORDER_V_EXTRA_DIMENSIONS_DROPPED), FirstOrderClaim.ID),
                perturb("spectral-m3-linear-not-logistic", "two-layer network coefficients relaxing exponentially (one-layer law) instead of logistically",
                        x.with(Error.M3_LINEAR_INSTEAD_OF_LOGISTIC), AlignedDynamicsClaim.ID),
                perturb("spectral-residual-without-off-diagonal", "diagonal frozen-basis residual computed without the off-diagonal energy of U_k^T W* V_k",
                        x.with(Error.RESIDUAL_WITHOUT_OFF_DIAGONAL), FrozenBasisClaim.ID),
                perturb("spectral-coefficient-rate-halved", "coefficient relaxation rate v^T Sigma v / 2 (a factor lost in the gradient)",
                        x.withScale("coefficient-rate", 0.5), FrozenBasisClaim.ID),
                perturb("spectral-coefficient-drift-transient", "frozen-basis drift with an extra -(rate/2) x|x|/sigma_i, x = s_i - s_i^opt: zero at the "
                                + "optimum, same relaxation rate there, so only the transients (and the drift away from the optimum) show it",
                        x.with(Error.COEFFICIENT_DRIFT_TRANSIENT_TERM), FrozenBasisClaim.ID),
                perturb("spectral-bgn-threshold-moved", "rectangular spike threshold c^(1/4) moved up by 20 % in the overlap limits",
                        x.with(Error.BGN_THRESHOLD_MOVED), BgnClaim.ID),
                perturb("spectral-shared-as-independent", "two fine-tunes of one checkpoint predicted like independent pretraining (product law)",
                        x.with(Error.SHARED_NOISE_AS_INDEPENDENT), FiniteTimeStabilityClaim.ID, SharedBasisClaim.ID),
                perturb("spectral-bbp-threshold-moved", "covariance spike threshold sqrt(gamma) moved up by 20 % in the overlap limit",
                        x.with(Error.BBP_THRESHOLD_MOVED), BbpClaim.ID),
                perturb("spectral-crossing-ignores-target", "crossing time ln(1 + theta0/eta): the target's coefficient theta' on the pretrained mode forgotten",
                        x.with(Error.CROSSING_IGNORES_TARGET), CrossingTimeClaim.ID),
                perturb("spectral-lora-one-factor", "LoRA counted as r d_in per matrix (factor B forgotten)",
                        x.with(Error.LORA_ONE_FACTOR), ParameterBudgetClaim.ID));
    }

    /** One probe per quantity a claim checks: the prediction off by a relative delta (docs/verification-strength.adoc). */
    @Override
    protected List<Probe<SpectralModel>> probes() {
        return List.of(
                probe(WedinWeylClaim.ID, "wedin-bound", d -> scaled("wedin-bound", d)),
                probe(WedinWeylClaim.ID, "weyl-bound", d -> scaled("weyl-bound", d)),
                probe(FirstOrderClaim.ID, "first-order", d -> scaled("first-order", d)),
                probe(AlignedDynamicsClaim.ID, "logistic-rate", d -> scaled("logistic-rate", d)),
                probe(AlignedDynamicsClaim.ID, "gf-rate", d -> scaled("gf-rate", d)),
                probe(FrozenBasisClaim.ID, "coefficient-rate", d -> scaled("coefficient-rate", d)),
                probe(FrozenBasisClaim.ID, "frozen-optimum", d -> scaled("frozen-optimum", d)),
                probe(FrozenBasisClaim.ID, "frozen-residual", d -> scaled("frozen-residual", d)),
                probe(BgnClaim.ID, "bgn-overlap", d -> scaled("bgn-overlap", d)),
                probe(BgnClaim.ID, "bgn-value", d -> scaled("bgn-value", d)),
                probe(FiniteTimeStabilityClaim.ID, "shared-overlap", d -> scaled("shared-overlap", d)),
                probe(SharedBasisClaim.ID, "shared-overlap", d -> scaled("shared-overlap", d)),
                probe(SharedBasisClaim.ID, "bgn-overlap", d -> scaled("bgn-overlap", d)),
                probe(BbpClaim.ID, "bbp-overlap", d -> scaled("bbp-overlap", d)),
                probe(BbpClaim.ID, "bbp-eigenvalue", d -> scaled("bbp-eigenvalue", d)),
                probe(CrossingTimeClaim.ID, "crossing-time", d -> scaled("crossing-time", d)),
                probe(ParameterBudgetClaim.ID, "param-count", d -> scaled("param-count", d)));
    }

    private SpectralModel scaled(String quantity, double delta) {
        return exactModel().withScale(quantity, 1 + delta);
    }
}
