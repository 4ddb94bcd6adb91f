package org.ftverify.theory.lora;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ftverify.core.Claim;
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

    @Override
    public List<Claim> claims() {
        return claims(LoraTheoryModel.exact());
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
