package org.ftverify.theory.lora;

import org.ftverify.evidence.Tolerance;

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
    static final double MU_STAR_HE3 = 0.32072, MU_STAR_HE5 = 0.42531;
    /** Rounding steps of one Gauss–Hermite evaluation of A or B (about 100 nodes, a few operations each). */
    static final int QUADRATURE_OPS = 1000;
    /**
     * Series (or CAS polynomial) against the direct Gaussian form: the same Gaussian moment of a polynomial in exact
     * arithmetic (Gauss–Hermite is exact for it), so only double rounding remains. Its size: the series' k = 0 term
     * carries a 1/mu^2 weight (<= 400 at mu >= 0.05) on terms of size K!/(K!K) ... K! <= 720 (K <= 6), so the
     * cancelling terms are <= 3e5 and their rounding about 3e5 x 2^-53 ~ 3e-11; 1e-10 bounds it.
     */
    static final Tolerance SERIES_ROUNDING = Tolerance.derived(IDENTITY_TOL, "exact identity (Gauss–Hermite is exact for the polynomial "
            + "moments); double rounding of the series' 1/mu^2-weighted terms, <= 3e5 x 2^-53 ~ 3e-11 for K <= 6 and mu >= 0.05, bounded by 1e-10");
    /** Two exact rational polynomials (CAS and the typed closed form) evaluated in double at |mu| <= 1. */
    static final Tolerance POLYNOMIAL_ROUNDING = Tolerance.derived(1e-12, "both sides exact polynomials of degree <= 13 with coefficients "
            + "<= 40 after their /8, /16 normalisation (He6 closed forms, theory page lora-saddle) evaluated in double at |mu| <= 1: Horner rounding "
            + "<= 13 x 2 x 40 x 2^-53 ~ 1.2e-13, bounded by 1e-12");
    /** The erf closed forms against the model's erf quadrature (a smooth non-polynomial integrand). */
    static final Tolerance ERF_QUADRATURE = Tolerance.derived(IDENTITY_TOL, "quadrature error of the 120-point Gauss–Hermite rule on the "
            + "smooth erf integrand, < 1e-12 (SaddleRatesTest), plus rounding; 1e-10 bounds both");

    /** A root quoted to 5 decimals (theory page, lora-p2): half a unit of the last digit plus the Brent solver's accuracy. */
    static Tolerance rootTolerance(String printed) {
        return Tolerance.printed(printed).plus(Tolerance.derived(1e-14, "Brent bracketing to absolute accuracy 1e-14"));
    }
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
        e.compare(SERIES_ROUNDING.compare("A series vs direct (He" + k + ")", SaddleRates.seriesA(k, mu), a));
        e.compare(SERIES_ROUNDING.compare("B series vs direct (He" + k + ")", SaddleRates.seriesB(k, mu), b));
        addCasClosedFormComparisons(e, model, k, mu);

        double phi = (1 + Math.sqrt(5)) / 2;
        e.compare(Tolerance.roundOff(1, QUADRATURE_OPS, phi).compare("tau_lin(0) vs the closed form (1+sqrt5)/2", phi, model.tau(Activation.LIN, 0)).consistency());
        e.compare(rootTolerance("0.32072").compare("mu* of A (He3), theory page lora-p2", MU_STAR_HE3, root(model, Activation.HE3, 0.25, 0.40)));
        e.compare(rootTolerance("0.42531").compare("mu* of A (He5), theory page lora-p2", MU_STAR_HE5, root(model, Activation.HE5, 0.38, 0.46)));
        e.compare(ERF_QUADRATURE.compare("A_erf closed vs quadrature", SaddleRates.closedA(Activation.ERF, mu), model.A(Activation.ERF, mu)).consistency());
        e.compare(ERF_QUADRATURE.compare("B_erf closed vs quadrature", SaddleRates.closedB(Activation.ERF, mu), model.B(Activation.ERF, mu)).consistency());
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
        e.compare(POLYNOMIAL_ROUNDING.compare("max |A_CAS - A_closed| (He" + k + ", mu grid)", 0, worstA).consistency());
        e.compare(POLYNOMIAL_ROUNDING.compare("max |B_CAS - B_closed| (He" + k + ", mu grid)", 0, worstB).consistency());
        e.compare(SERIES_ROUNDING.compare("A_CAS vs direct (He" + k + ")", cas.a(mu), model.A(he, mu)));
        e.compare(SERIES_ROUNDING.compare("B_CAS vs direct (He" + k + ")", cas.b(mu), model.B(he, mu)));
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
