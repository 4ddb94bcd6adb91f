package org.ftverify.theory.lora;

import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.TheoryDefinition;

/**
 * Nwemadji, Loureiro, Barbier: LoRA fine-tuning of a single-index model from a pre-trained weight μω*, reduced to a
 * 2-D ODE in (u, m). The model, the claims and where each statement comes from are on the theory page
 * docs/theory/lora.adoc; the derivations on proofs/lora.adoc.
 */
public final class LoraTheory extends TheoryDefinition<LoraTheoryModel> {

    public LoraTheory() {
        super("lora", "When pre-training hurts LoRA fine-tuning (single-index model, rank-1 LoRA, online SGD)",
                "G. Nwemadji, B. Loureiro, J. Barbier, When pre-training hurts LoRA fine-tuning: a dynamical analysis via "
                        + "single-index models, arXiv 2602.02855",
                List.of("The paper body (theorems, equations, figure captions) could not be read: the searchable copies of arXiv "
                                + "2602.02855 returned only the abstract and the first paragraph of the introduction.",
                        "[paper] Only the abstract's three messages: closed summary-statistics ODEs; the convergence rate depends on "
                                + "the initial alignment mu and the target's non-linearity; strong pre-training can cause a long search "
                                + "phase and slow convergence.",
                        "[code] The authors' public repository (PyTorch simulations, theory notebooks, saved .npz data): setup, "
                                + "LoRA parametrisation, k!k learning-rate normalisation for He_k, the Hermite-series escape time tau(mu) "
                                + "and the stored tau curves and escape times.",
                        "[derived] The ODE (incl. the SGD-noise term), the direct forms of A and B, the closed forms, fixed points, "
                                + "asymptotics and kappa_slow were re-derived in the theory notes from standard online-SGD theory "
                                + "(Saad–Solla; Ben Arous–Gheissari–Jagannath; Arnaboldi et al.).",
                        "[validated] Derived statements the notes' author checked numerically (NumPy SGD up to d = 16384, RK4, SymPy); "
                                + "each claim's provenance says which tags apply.",
                        "Found while building the checks: the line m = 0 is invariant under the full He2 ODE only at mu = 0 "
                                + "(P12 therefore uses the restricted flow), and ReLU's drift has a non-analytic u|u| term at the saddle "
                                + "(the Jacobian, hence tau_relu = 2 tau_lin, is unaffected)."));
    }

    @Override
    protected LoraTheoryModel exactModel() {
        return LoraTheoryModel.exact();
    }

    /** The claims of a (possibly perturbed) model in the theory page's order: P1, the drift check, P2 ... P12. */
    @Override
    protected List<Claim> claims(LoraTheoryModel m) {
        return claimsOf(m);
    }

    static List<Claim> claimsOf(LoraTheoryModel m) {
        return List.of(OdeTracksSgdClaim.claim(m), DriftMatchesSgdClaim.claim(m), SaddleRateIdentitiesClaim.build(m),
                ReferenceTauClaim.build(m), SaddleGrowthRateClaim.claim(m), LogSearchPhaseClaim.claim(m), ReluHalfSpeedClaim.claim(m),
                PretrainingHurtsClaim.claim(m), OddHermiteInteriorDivergenceClaim.claim(m), NoisePlateauClaim.claim(m),
                PopulationLossClaim.build(m), FixedPointSymmetryClaim.claim(m), EvenBiasInstabilityClaim.build(m));
    }

    /** Wrong theories as data (theory page, anchor lora-mutants): one knob turned, and the claims that must reject it. */
    @Override
    protected List<Perturbation<LoraTheoryModel>> perturbations() {
        LoraTheoryModel x = exactModel();
        return List.of(
                perturb("lora-tau-x1.1", "escape time tau(mu) multiplied by 1.1", x.with(Knob.TAU_SCALE, 1.1),
                        SaddleRateIdentitiesClaim.ID, ReferenceTauClaim.ID, PretrainingHurtsClaim.ID),
                perturb("lora-tau-x2", "escape time tau(mu) doubled", x.with(Knob.TAU_SCALE, 2),
                        SaddleRateIdentitiesClaim.ID, ReferenceTauClaim.ID, SaddleGrowthRateClaim.ID, LogSearchPhaseClaim.ID,
                        ReluHalfSpeedClaim.ID, PretrainingHurtsClaim.ID),
                perturb("lora-no-noise-term", "the SGD-noise term (gamma^2/2) u^2 m Psi dropped from dm/dalpha", x.with(Knob.NOISE_FACTOR, 0),
                        DriftMatchesSgdClaim.ID, NoisePlateauClaim.ID),
                perturb("lora-fixed-point+0.05", "every predicted fixed point / plateau moved by +0.05 in m", x.with(Knob.FIXED_POINT_SHIFT, 0.05),
                        NoisePlateauClaim.ID, FixedPointSymmetryClaim.ID, EvenBiasInstabilityClaim.ID),
                perturb("lora-kappa-x1.25", "late convergence rate kappa_slow multiplied by 1.25", x.with(Knob.KAPPA_SCALE, 1.25),
                        PretrainingHurtsClaim.ID),
                perturb("lora-loss-x1.05", "population-loss closed forms multiplied by 1.05", x.with(Knob.LOSS_SCALE, 1.05),
                        PopulationLossClaim.ID),
                perturb("lora-saddle-A+0.05", "saddle coupling A(mu) shifted by +0.05 (moves the roots mu*, changes tau)",
                        x.with(Knob.SADDLE_SHIFT, 0.05), SaddleRateIdentitiesClaim.ID, ReferenceTauClaim.ID, PretrainingHurtsClaim.ID),
                perturb("lora-transient-drift", "c m (du/dalpha) with c = 1 added to dm/dalpha: zero at every fixed point, quadratic at the saddle",
                        x.with(Knob.TRANSIENT_TERM, 1), DriftMatchesSgdClaim.ID));
    }

    /** Per claim, the model with the quantity it checks off by a relative delta (theory page, anchor lora-power). */
    @Override
    protected List<Probe<LoraTheoryModel>> probes() {
        LoraTheoryModel x = exactModel();
        return List.of(
                probe(OdeTracksSgdClaim.ID, "whole drift", dl -> x.with(Knob.DRIFT_SCALE, 1 + dl)),
                probe(DriftMatchesSgdClaim.ID, "whole drift", dl -> x.with(Knob.DRIFT_SCALE, 1 + dl)),
                probe(SaddleRateIdentitiesClaim.ID, "A(mu)", dl -> x.with(Knob.SADDLE_SCALE, 1 + dl)),
                probe(ReferenceTauClaim.ID, "tau(mu)", dl -> x.with(Knob.TAU_SCALE, 1 + dl)),
                probe(SaddleGrowthRateClaim.ID, "tau(mu)", dl -> x.with(Knob.TAU_SCALE, 1 + dl)),
                probe(LogSearchPhaseClaim.ID, "tau(mu)", dl -> x.with(Knob.TAU_SCALE, 1 + dl)),
                probe(ReluHalfSpeedClaim.ID, "tau_relu(mu) alone", dl -> x.with(Knob.RELU_TAU_SCALE, 1 + dl)),
                probe(PretrainingHurtsClaim.ID, "tau(mu)", dl -> x.with(Knob.TAU_SCALE, 1 + dl)),
                probe(PretrainingHurtsClaim.ID, "kappa_slow", dl -> x.with(Knob.KAPPA_SCALE, 1 + dl)),
                probe(OddHermiteInteriorDivergenceClaim.ID, "tau(mu)", dl -> x.with(Knob.TAU_SCALE, 1 + dl)),
                probe(NoisePlateauClaim.ID, "SGD-noise term", dl -> x.with(Knob.NOISE_FACTOR, 1 + dl)),
                probe(PopulationLossClaim.ID, "L(u, m)", dl -> x.with(Knob.LOSS_SCALE, 1 + dl)),
                probe(FixedPointSymmetryClaim.ID, "fixed point m", dl -> x.with(Knob.FIXED_POINT_SHIFT, dl)),
                probe(EvenBiasInstabilityClaim.ID, "B(mu) growth rate", dl -> x.with(Knob.DRIFT_SCALE, 1 + dl)));
    }
}
