package org.ftverify.theory.lora;

import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Series;
import org.hipparchus.analysis.solvers.AllowedSolution;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.exception.MathIllegalArgumentException;

/**
 * P2 — identities for the saddle rates (theory page, lora-saddle, lora-p2: the authors' Hermite-series form equals the direct form,
 * Symja reproduces the lora-saddle closed forms, τ_lin(0) is the golden ratio, A has its interior roots at μ* = 0.32072
 * (He3) and 0.42531 (He5), and the erf closed forms match quadrature.
 */
final class SaddleRateIdentitiesClaim {
    static final String ID = "lora.saddle-rate-identities";
    static final double IDENTITY_TOL = 1e-10;
    static final double MU_STAR_HE3 = 0.32072, MU_STAR_HE5 = 0.42531, ROOT_TOL = 1e-5;
    /** Lower end of μ: the series form divides by μ^{2k+2}; at μ ≥ 0.05 its rounding stays < 1e-11 (SaddleIdentityClaimTest). */
    static final double MU_MIN = 0.05;

    private SaddleRateIdentitiesClaim() {}

    static Claim build(LoraTheoryModel model) {
        return Claim.builder(ID)
                .title("P2 — Saddle-rate identities")
                .statement("For σ = σ* = He_k the authors' Hermite-series saddle rates equal the direct Gaussian forms and the "
                        + "Symja-derived closed forms; τ_lin(0) is the golden ratio, A vanishes at μ* = 0.32072 (He3) and 0.42531 "
                        + "(He5), and the erf closed forms match quadrature.")
                .asciidoc("""
                        Linearising the ODE at the pre-trained point (u, m) = (0, 0) gives d/dα (u, m) = γ [[B, A], [A, 0]] (u, m) with

                        A(μ) = E[(σ*(z) − σ(μz)) σ'(μz) z] and B(μ) = −E[σ'(μz)² + (σ(μz) − σ*(z)) σ''(μz)]

                        (z ~ N(0,1), divided by k!·k for He_k). Checked: (i) the finite Hermite series of the authors' notebooks
                        against the direct form to 1e-10; (ii) Symja's exact polynomials A_k, B_k (org.ftverify.symbolic.HermiteGaussian)
                        against the closed forms typed from theory page, lora-saddle and against the direct form; (iii)
                        symja:[tau == (1 + Sqrt(5))/2] for the linear model at μ = 0; (iv) the roots μ* of A for He3 (root of
                        symja:[5*mu^3 + 5*mu^2 + mu - 1]) and He5 by Brent bracketing; (v) the erf closed forms
                        symja:[A == Sqrt(2)/Pi/(mu^2 + 1/2)*((mu^2 + 3/2)^(-1/2) - mu*(2*mu^2 + 1/2)^(-1/2))] and
                        symja:[B == -4/Pi/Sqrt(1 + 4*mu^2) - 2*mu*A] against quadrature.
                        """)
                .cites("lora-p2")
                .uses("saddle-coefficients", "saddle-vs-spec", "saddle-jacobian", "eigenvalues", "tau-forms", "tau-linear", "roots-of-a", "roots-check", "erf-saddle", "erf-saddle-check")
                .reads("A", "B", "tau")
                .tolerance("round-off of exact identities (1e-10 for quadrature vs series/CAS, 1e-12 for exact polynomials); half a unit of the printed digit for mu*")
                .provenance("code (series form), derived by SymPy and re-derived by Symja (closed forms), derived (erf, roots)")
                .space(ParameterSpace.of(
                        Parameter.integer("k", 1, 6, 3, false, "Hermite order of sigma = sigma* = He_k"),
                        Parameter.real("mu", MU_MIN, 1, 0.5, "pre-training strength")))
                .check((p, ctx) -> check(model, p.integer("k"), p.real("mu")))
                .tries(6, 12, 30)
                .build();
    }

    static Evidence check(LoraTheoryModel model, int k, double mu) {
        Activation he = Activation.parse("he" + k);
        Evidence e = new Evidence();
        double a = model.A(he, mu), b = model.B(he, mu);
        e.compare(Comparison.absolute("A series vs direct (He" + k + ")", SaddleRates.seriesA(k, mu), a, IDENTITY_TOL,
                "theory page, lora-p2: identity exact in exact arithmetic; 1e-10 covers quadrature (exact for polynomials) and the "
                        + "series' mu^-(2k+2) rounding amplification"));
        e.compare(Comparison.absolute("B series vs direct (He" + k + ")", SaddleRates.seriesB(k, mu), b, IDENTITY_TOL,
                "theory page, lora-p2, as for A"));
        addCasClosedFormComparisons(e, model, k, mu);

        double phi = (1 + Math.sqrt(5)) / 2;
        e.compare(Comparison.absolute("tau_lin(0)", phi, model.tau(Activation.LIN, 0), 1e-12,
                "closed form (1+sqrt5)/2; double rounding of the quadrature ~1e-15").consistency());
        e.compare(Comparison.absolute("mu* of A (He3)", MU_STAR_HE3, root(model, Activation.HE3, 0.25, 0.40), ROOT_TOL,
                "theory page, lora-p2: the spec quotes 5 decimals (rounding <= 5e-6); Brent solver accuracy 1e-14"));
        e.compare(Comparison.absolute("mu* of A (He5)", MU_STAR_HE5, root(model, Activation.HE5, 0.38, 0.46), ROOT_TOL,
                "theory page, lora-p2, as for He3"));
        e.compare(Comparison.absolute("A_erf closed vs quadrature", SaddleRates.closedA(Activation.ERF, mu), model.A(Activation.ERF, mu),
                IDENTITY_TOL, "theory page, lora-p2: 1e-10; 120-point Gauss–Hermite error < 1e-12 (SaddleRatesTest)").consistency());
        e.compare(Comparison.absolute("B_erf closed vs quadrature", SaddleRates.closedB(Activation.ERF, mu), model.B(Activation.ERF, mu),
                IDENTITY_TOL, "theory page, lora-p2, as for A_erf").consistency());
        e.diagnostic("mu", mu).diagnostic("A_He" + k, a).diagnostic("B_He" + k, b);
        return e.series(aCurve(model, Activation.HE3)).series(aCurve(model, Activation.HE5))
                .series(seriesPoints(Activation.HE3, 3)).series(seriesPoints(Activation.HE5, 5));
    }

    /**
     * The CAS part of P2: Symja's exact A_k(μ), B_k(μ) (Gaussian moment rule applied to He_k, divided by k!k) against
     * (a) the closed forms typed from theory page, lora-saddle, on an 11-point grid plus the try's μ, and (b) the model's direct
     * form at the try's μ. Both CAS and closed forms are exact rational polynomials, so (a) only sees double rounding.
     */
    static void addCasClosedFormComparisons(Evidence e, LoraTheoryModel model, int k, double mu) {
        Activation he = Activation.parse("he" + k);
        SaddleCoefficients cas = HermiteGaussian.saddleCoefficients(k);
        double worstA = 0, worstB = 0;
        for (int i = 0; i <= 11; i++) {
            double x = i == 11 ? mu : i / 10.0;
            worstA = Math.max(worstA, Math.abs(cas.a(x) - SaddleRates.closedA(he, x)));
            worstB = Math.max(worstB, Math.abs(cas.b(x) - SaddleRates.closedB(he, x)));
        }
        e.compare(Comparison.absolute("max |A_CAS - A_closed| (He" + k + ", mu grid)", 0, worstA, 1e-12,
                "theory page, lora-p2 'Symja reproduces the closed forms': both exact polynomials, double evaluation rounding only").consistency());
        e.compare(Comparison.absolute("max |B_CAS - B_closed| (He" + k + ", mu grid)", 0, worstB, 1e-12, "as for A").consistency());
        e.compare(Comparison.absolute("A_CAS vs direct (He" + k + ")", cas.a(mu), model.A(he, mu), IDENTITY_TOL,
                "CAS polynomial vs quadrature of the direct form (exact for polynomials): rounding only"));
        e.compare(Comparison.absolute("B_CAS vs direct (He" + k + ")", cas.b(mu), model.B(he, mu), IDENTITY_TOL, "as for A"));
        e.diagnostic("CAS derivation", cas.description());
    }

    /** Root of the model's A in [lo, hi] by Brent bracketing; NaN (so the comparison fails) if A does not change sign. */
    static double root(LoraTheoryModel model, Activation s, double lo, double hi) {
        try {
            return new BracketingNthOrderBrentSolver(1e-14, 1e-14, 1e-15, 5)
                    .solve(200, mu -> model.A(s, mu), lo, hi, AllowedSolution.ANY_SIDE);
        } catch (MathIllegalArgumentException | org.hipparchus.exception.MathIllegalStateException ex) {
            return Double.NaN;
        }
    }

    private static Series aCurve(LoraTheoryModel model, Activation s) {
        int n = 60;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.02 + 0.96 * i / (n - 1);
            y[i] = model.A(s, x[i]);
        }
        return Series.theory("A(mu)", s.id() + " direct form (model)", "mu", "A(mu) / (k! k)", x, y);
    }

    private static Series seriesPoints(Activation s, int k) {
        int n = 12;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.1 + 0.8 * i / (n - 1);
            y[i] = SaddleRates.seriesA(k, x[i]);
        }
        return Series.simulation("A(mu)", s.id() + " authors' series form", "mu", "A(mu) / (k! k)", x, y, null);
    }
}
