package org.ftverify.theory.lora;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.Mutant;
import org.ftverify.core.Theory;

/**
 * Nwemadji, Loureiro, Barbier: LoRA fine-tuning of a single-index model from a pre-trained weight μω*, as reduced by
 * lora.md to a 2-D ODE in (u, m). Claims P1–P12 of lora.md §3, all built from the exact {@link LoraTheoryModel}.
 */
public final class LoraTheory implements Theory {
    @Override
    public String id() {
        return "lora";
    }

    @Override
    public String title() {
        return "When pre-training hurts LoRA fine-tuning (single-index model, rank-1 LoRA, online SGD)";
    }

    @Override
    public String citation() {
        return "G. Nwemadji, B. Loureiro, J. Barbier, When pre-training hurts LoRA fine-tuning: a dynamical analysis via "
                + "single-index models, arXiv 2602.02855";
    }

    @Override
    public List<String> provenance() {
        return List.of(
                "The paper body (theorems, equations, figure captions) could not be read: the searchable copies of arXiv "
                        + "2602.02855 returned only the abstract and the first paragraph of the introduction.",
                "[paper] Only the abstract's three messages: closed summary-statistics ODEs; the convergence rate depends on "
                        + "the initial alignment mu and the target's non-linearity; strong pre-training can cause a long search "
                        + "phase and slow convergence.",
                "[code] The authors' public repository (PyTorch simulations, theory notebooks, saved .npz data): setup, "
                        + "LoRA parametrisation, k!k learning-rate normalisation for He_k, the Hermite-series escape time tau(mu) "
                        + "and the stored tau curves and escape times.",
                "[derived] The ODE of lora.md §2.1 (incl. the SGD-noise term), the direct forms of A and B, the closed forms, "
                        + "fixed points, asymptotics and kappa_slow were re-derived by the spec author from standard online-SGD "
                        + "theory (Saad–Solla; Ben Arous–Gheissari–Jagannath; Arnaboldi et al.).",
                "[validated] Derived statements the spec author checked numerically (NumPy SGD up to d = 16384, RK4, SymPy); "
                        + "each claim's provenance says which tags apply.",
                "Found while building the checks: the line m = 0 is invariant under the full He2 ODE only at mu = 0 "
                        + "(P12 therefore uses the restricted flow), and ReLU's drift has a non-analytic u|u| term at the saddle "
                        + "(the Jacobian, hence tau_relu = 2 tau_lin, is unaffected).");
    }

    @Override
    public String proofPage() {
        return "proofs/lora.adoc";
    }

    private List<Claim> exactClaims;

    @Override
    public synchronized List<Claim> claims() {
        if (exactClaims == null) exactClaims = claims(LoraTheoryModel.exact());
        return exactClaims;
    }

    /**
     * Wrong theories the verifier must reject: each is the exact model with one prediction perturbed, the same
     * perturbations the mutant unit tests use. Not every claim depends on every prediction, so a mutant is
     * expected to falsify the claims that read the perturbed quantity and leave the others verified.
     */
    @Override
    public List<Mutant> mutants() {
        return List.of(
                mutant("lora-tau-x1.1", "escape time tau(mu) multiplied by 1.1", LoraTheoryModel.exact().withTauScale(1.1)),
                mutant("lora-tau-x2", "escape time tau(mu) doubled", LoraTheoryModel.exact().withTauScale(2)),
                mutant("lora-no-noise-term", "the SGD-noise term (gamma^2/2) u^2 m Psi dropped from dm/dalpha",
                        LoraTheoryModel.exact().withNoiseFactor(0)),
                mutant("lora-fixed-point+0.05", "every predicted fixed point / plateau moved by +0.05 in m",
                        LoraTheoryModel.exact().withFixedPointShift(0.05)),
                mutant("lora-kappa-x1.25", "late convergence rate kappa_slow multiplied by 1.25", LoraTheoryModel.exact().withKappaScale(1.25)),
                mutant("lora-loss-x1.05", "population-loss closed forms multiplied by 1.05", LoraTheoryModel.exact().withLossScale(1.05)),
                mutant("lora-saddle-A+0.05", "saddle coupling A(mu) shifted by +0.05 (moves the roots mu*, changes tau)",
                        LoraTheoryModel.exact().withSaddleShift(0.05)));
    }

    private static Mutant mutant(String name, String description, LoraTheoryModel model) {
        return new Mutant(name, description, List.of(), () -> claims(model));
    }

    /** Analytic then simulation claims of a (possibly perturbed) model, sorted P1..P12. */
    static List<Claim> claims(LoraTheoryModel model) {
        List<Claim> all = new ArrayList<>(AnalyticClaims.all(model));
        all.addAll(SimulationClaims.all(model));
        all.sort(Comparator.comparingInt(LoraTheory::pNumber));
        return List.copyOf(all);
    }

    /** The number n of a title "Pn — ...": the spec's order. */
    static int pNumber(Claim c) {
        String t = c.title();
        int i = 1;
        while (i < t.length() && Character.isDigit(t.charAt(i))) i++;
        if (!t.startsWith("P") || i == 1) throw new IllegalStateException("claim " + c.id() + ": title must start with 'P<number>', got '" + t + "'");
        return Integer.parseInt(t.substring(1, i));
    }
}
