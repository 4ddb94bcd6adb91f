package org.ftverify.theory.dln;

import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.evidence.Tolerance;

/**
 * P6: the ℓ-order ℓ = ∂ log q/∂ log|b_FT| and the pretraining dependence PD = ∂ log q/∂ log|b_PT| = (1 − ℓ)s, their
 * ranges ℓ ∈ [1, 2], PD ∈ [−1, 0] and the trade-off ℓ + PD ∈ [1, 2]. The closed forms are compared with central
 * finite differences of log q_{k(b_PT)}(b_FT) in log-coordinates (independent: the potential itself, not its
 * derivative formulas).
 */
final class RegimeDiagnosticsClaim {
    static final String ID = "dln.l-order-pd";
    /** Log-step of the central differences. */
    static final double H = 1e-4;
    /** Bound on |d³ log q/d(log x)³| (x = b_FT or b_PT) over the claim's domain, measured on a grid in RegimeDiagnosticsTest. */
    static final double THIRD_DERIVATIVE_BOUND = 2;

    private RegimeDiagnosticsClaim() {}

    static Claim build(DlnModel model) {
        return Claim.builder(ID)
                .title("P6 — ℓ-order and pretraining dependence: formulas, ranges, trade-off")
                .statement("ℓ = u asinh(u)/(1 − √(1+u²) + u asinh u) with u = 2b_FT/√k is the log-slope of q in |b_FT|, PD = (1 − ℓ)s "
                        + "its log-slope in |b_PT|; 1 ≤ ℓ ≤ 2, −1 ≤ PD ≤ 0 and 1 ≤ ℓ + PD ≤ 2.")
                .asciidoc("symja:[ell == u*ArcSinh(u)/(1 - Sqrt(1 + u^2) + u*ArcSinh(u))]")
                .provenance("[paper] (ranges and trade-off) [derived] (formulas)")
                .tolerance("finite differences: h²/6·B (B the bound on the third log-derivative) + round-off |log q|·u/h")
                .cites("dln-p6").uses("dln-lorder", "dln-lorder-series", "dln-sensitivity").reads("l_order", "pd")
                .space(ParameterSpace.of(
                        Parameter.real("log10_u", -4, 4, 0, "log10 of u = 2 b_FT/√k"),
                        Parameter.real("b_pt", 0.01, 10, 1, "pretrained value |b_PT|"),
                        Parameter.real("log10_c", -6, 1, -3, "log10 of the pretraining scale c"),
                        Parameter.real("lambda_n", -0.99, 0.99, 0, "relative scale λ/c"),
                        Parameter.real("gamma", 0, 10, 0, "readout reset scale γ")))
                .tries(20, 60, 200)
                .check((p, ctx) -> {
                    double u = Math.pow(10, p.real("log10_u")), bPt = p.real("b_pt"), c = Math.pow(10, p.real("log10_c"));
                    double ln = p.real("lambda_n"), gamma = p.real("gamma");
                    double sk = 2 * model.cFt(c, ln * c, bPt, gamma), k = sk * sk, bFt = u * sk / 2;
                    double l = model.lOrder(model.u(k, bFt)), s = model.sensitivity(c, ln, bPt, gamma), pd = model.pd(l, s);
                    double lFd = (logQ(model, c, ln, bPt, gamma, bFt * Math.exp(H)) - logQ(model, c, ln, bPt, gamma, bFt * Math.exp(-H))) / (2 * H);
                    double pdFd = (logQ(model, c, ln, bPt * Math.exp(H), gamma, bFt) - logQ(model, c, ln, bPt * Math.exp(-H), gamma, bFt)) / (2 * H);
                    double lq = Math.abs(logQ(model, c, ln, bPt, gamma, bFt));
                    Tolerance fd = Tolerance.derived(H * H / 6 * THIRD_DERIVATIVE_BOUND, "central difference truncation h²/6·B, h = " + H + ", B = "
                                    + THIRD_DERIVATIVE_BOUND)
                            .plus(Tolerance.roundOff(1, 16, (lq + 1) / H));
                    Tolerance range = Tolerance.roundOff(10, 64, 2);
                    return new Evidence()
                            .compare(fd.compare("ℓ: closed form vs finite difference of log q in log b_FT", l, lFd))
                            .compare(fd.compare("PD: (1 − ℓ)s vs finite difference of log q in log b_PT", pd, pdFd))
                            .compare(range.atLeast("ℓ ≥ 1", l, 1).consistency()).compare(range.atMost("ℓ ≤ 2", l, 2).consistency())
                            .compare(range.atLeast("PD ≥ −1", pd, -1).consistency()).compare(range.atMost("PD ≤ 0", pd, 0).consistency())
                            .compare(range.atLeast("ℓ + PD ≥ 1", l + pd, 1).consistency()).compare(range.atMost("ℓ + PD ≤ 2", l + pd, 2).consistency())
                            .diagnostic("u, s", u + ", " + s);
                })
                .build();
    }

    private static double logQ(DlnModel model, double c, double ln, double bPt, double gamma, double bFt) {
        double sk = 2 * model.cFt(c, ln * c, bPt, gamma);
        return Math.log(model.potential(sk * sk, bFt));
    }
}
