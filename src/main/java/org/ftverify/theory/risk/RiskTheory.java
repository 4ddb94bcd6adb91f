package org.ftverify.theory.risk;

import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.Mutant;
import org.ftverify.core.Theory;

/**
 * Luo, Wang, Tang: a risk decomposition framework for pre-hoc fine-tuning prediction (arXiv 2606.17649). The paper's
 * body could not be read; the claims check what the paper is reported to state (Prop. 4.1, Prop. 5.1, Thm. 6.1, the
 * CMI criterion, Algorithm 1, the three regimes) inside the exact models M1–M4 that risk.md reconstructs.
 */
public final class RiskTheory implements Theory {
    @Override
    public String id() {
        return "risk";
    }

    @Override
    public String title() {
        return "A risk decomposition framework for pre-hoc fine-tuning prediction (Bayes risk of a probe, power-law decay, budget-optimal depth)";
    }

    @Override
    public String citation() {
        return "Luo, Wang, Tang, A Risk Decomposition Framework for Pre-Hoc Fine-Tuning Prediction, ICML 2026 poster, arXiv 2606.17649";
    }

    @Override
    public List<String> provenance() {
        return List.of(
                "The paper's body was NOT read: every available copy of arXiv 2606.17649 stops after the abstract and the first paragraph "
                        + "of the introduction. Sections 3 to 8, the appendices, the proofs and the figure data were not available.",
                "[PA] read in the primary text: the abstract (\"a necessary lower bound on its decay rate ... regardless of the predictor used\"), "
                        + "keywords, the opening of Section 1, the section and appendix titles, the arXiv metadata.",
                "[PS] attributed to the paper by secondary summaries (a probably machine-written paper note, an arXiv digest that independently "
                        + "gives c* = (alpha K/(gamma lambda))^(1/(alpha+1)), ArxivLens quick answers): Prop. 4.1 (L(c) = L_int + V_opt(c)), "
                        + "Prop. 5.1 (V_opt(c) >~ K c^-alpha), Thm. 6.1 (c*), the CMI criterion, Algorithm 1, the three regimes, N = 1500 runs. "
                        + "Likely right, not checked against the paper.",
                "[R] reconstruction by the spec author: the models M1 (constant-step SGD on a noisy quadratic), M2 (minibatch SGD on linear "
                        + "regression), M3 (decaying steps with a flat block, alpha = 2 rho - 1) and M4 (task latent revealed by the drift, alpha = 1), "
                        + "their closed forms, the fork-at-c estimator, the error law and identifiability rule of Algorithm 1, the operational "
                        + "regime rule (thresholds c_s = 200, eps = 0.1, kappa = 0.5 are the reconstruction's; the paper's are unknown). "
                        + "[R ✓num] marks formulas the spec author also checked by Monte Carlo or exact computation.",
                "What the checks add: the reconstruction's claims are verified here by simulation of the actual recursions, Hipparchus ODEs and "
                        + "quadrature. Where the spec's numbers could not be reproduced exactly, the claim says so (J* of §2.2.7 includes an unstated "
                        + "constant 0.002; the spec's s(100) = 0.973 in §2.2.8 is the exact M3+M4 slope with prior v0 = 4, the envelope formula gives 0.976).",
                "Figures F2', F3', F4' and table T1' are synthetic analogues of the paper's Fig. 2, Fig. 3, a guessed Fig. 4 and the regime "
                        + "table; the paper's own figure data are not available.");
    }

    @Override
    public String proofPage() {
        return "proofs/risk.adoc";
    }

    @Override
    public List<Claim> claims() {
        return RiskClaims.all(RiskTheoryModel.exact());
    }

    @Override
    public List<Mutant> mutants() {
        return RiskMutants.all();
    }
}
