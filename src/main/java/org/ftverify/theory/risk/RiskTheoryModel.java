package org.ftverify.theory.risk;

/**
 * Every prediction the risk claims compare against, as a small facade over one part per model (see
 * docs/theory/risk.adoc#risk-model): {@link M1Theory} (Bayes risk of constant-step SGD), {@link CovarianceTheory}
 * (its covariance dynamics and Lyapunov equation), {@link M2Theory} (minibatch SGD on linear regression),
 * {@link M3Theory} and {@link M4Theory} (the two power-law mechanisms), {@link BudgetTheory} (Thm. 6.1),
 * {@link ChannelTheory} (several channels), {@link InformationTheory} (the CMI criterion) and {@link RegimeTheory}
 * (the phase-diagram rule).
 *
 * <p>A wrong theory is data: one {@link Flaw} (the modelling error a mutant makes), a rate shift, and for power probes
 * one {@link Quantity} off by a relative factor. Ground truth (the simulated recursions, the step-size schedule,
 * brute-force optima, quadrature) lives in the checks and simulators, never here.
 *
 * @param flaw       the modelling error, {@link Flaw#NONE} for the theory as stated
 * @param alphaShift added to both revelation rates (M3's 2 rho - 1 and M4's 1)
 * @param scaled     the quantity a power probe perturbs ({@code null}: none)
 * @param factor     its relative factor 1 + delta
 */
public record RiskTheoryModel(Flaw flaw, double alphaShift, Quantity scaled, double factor) {

    /** The modelling errors of the mutants, one entry per mutant. */
    public enum Flaw {
        NONE,
        /** L_int taken as purely static: the mismatch-seed coupling tr(H Psi H S_T) dropped from L(c). */
        STATIC_INTRINSIC_LIMIT,
        /** Constant-LR probes reveal the seed uniformly: V_opt(c) = (1 - c/T) V_opt(0). */
        UNIFORM_REVELATION,
        /** Var(x'Bx) = 2 tr((BS)^2) without the 4 mu'BSB mu term. */
        QUADFORM_WITHOUT_MEAN_TERM,
        /** SGD's covariance step without its eta^2 H S H term (stationary H S + S H = eta Sigma). */
        LYAPUNOV_WITHOUT_ETA_HSH,
        /** Minibatch SGD noise taken as additive: the fourth-moment terms (eta^2/b)(HMH + tr(HM)H) dropped. */
        ADDITIVE_NOISE_SGD,
        /** Thm. 6.1 without the 1/(alpha+1) power. */
        CSTAR_WITHOUT_POWER,
        /** Of several information channels the fastest-decaying one sets the rate. */
        FASTEST_CHANNEL_DOMINATES,
        /** The CMI criterion as an equivalence, quantified by L_post = L_prior exp(-2 I) for every probe. */
        CMI_AS_EQUIVALENCE,
        /** Regime read from alpha alone: Static-Sufficient iff alpha >= 1 unless Noise-Dominant. */
        REGIME_BY_ALPHA_ONLY
    }

    /** The quantity each claim checks, for power probes (the claims that check it are named on each constant). */
    public enum Quantity {
        /** M1's Bayes risk L(c) (P1, P2, P3). */
        M1_RISK,
        /** The stationary SGD covariance S_inf (P4). */
        STATIONARY_COVARIANCE,
        /** M2's expected excess risk E_t and E_inf (P5). */
        M2_RISK,
        /** M3's revelation rate alpha = 2 rho - 1 (P6, P9). */
        M3_RATE,
        /** M4's Fisher rate alpha = 1 (P7). */
        M4_RATE,
        /** The budget-optimal depth c* (P8). */
        OPTIMAL_DEPTH,
        /** The local slope s(c) of a two-channel V_opt (P10). */
        MIXTURE_SLOPE,
        /** The risk after a probe, L_post (P11). */
        PROBED_RISK,
        /** M3's optimisation variance V_opt(c), which the regime rule reads (P12). */
        M3_VOPT
    }

    public static RiskTheoryModel exact() {
        return new RiskTheoryModel(Flaw.NONE, 0, null, 1);
    }

    /** The theory with one modelling error. */
    public static RiskTheoryModel with(Flaw flaw) {
        return new RiskTheoryModel(flaw, 0, null, 1);
    }

    /** Both revelation rates off by {@code shift}. */
    public static RiskTheoryModel withAlphaShift(double shift) {
        return new RiskTheoryModel(Flaw.NONE, shift, null, 1);
    }

    /** A power probe: {@code quantity} multiplied by 1 + delta. */
    public static RiskTheoryModel off(Quantity quantity, double delta) {
        return new RiskTheoryModel(Flaw.NONE, 0, quantity, 1 + delta);
    }

    double factor(Quantity q) {
        return q == scaled ? factor : 1;
    }

    public boolean isExact() {
        return flaw == Flaw.NONE && alphaShift == 0 && factor == 1;
    }

    public M1Theory m1() {
        return new M1Theory(flaw != Flaw.QUADFORM_WITHOUT_MEAN_TERM, flaw != Flaw.STATIC_INTRINSIC_LIMIT, flaw == Flaw.UNIFORM_REVELATION,
                factor(Quantity.M1_RISK));
    }

    public CovarianceTheory covariance() {
        return new CovarianceTheory(flaw != Flaw.LYAPUNOV_WITHOUT_ETA_HSH, factor(Quantity.STATIONARY_COVARIANCE));
    }

    public M2Theory m2() {
        return new M2Theory(flaw != Flaw.ADDITIVE_NOISE_SGD, factor(Quantity.M2_RISK));
    }

    public M3Theory m3() {
        return new M3Theory(alphaShift, factor(Quantity.M3_RATE), factor(Quantity.M3_VOPT));
    }

    public M4Theory m4() {
        return new M4Theory(alphaShift, factor(Quantity.M4_RATE));
    }

    public BudgetTheory budget() {
        return new BudgetTheory(flaw != Flaw.CSTAR_WITHOUT_POWER, factor(Quantity.OPTIMAL_DEPTH), m3(), m4());
    }

    public ChannelTheory channels() {
        return new ChannelTheory(flaw == Flaw.FASTEST_CHANNEL_DOMINATES, factor(Quantity.MIXTURE_SLOPE), m3(), m4());
    }

    public InformationTheory information() {
        return new InformationTheory(flaw == Flaw.CMI_AS_EQUIVALENCE, factor(Quantity.PROBED_RISK));
    }

    public RegimeTheory regimes() {
        return new RegimeTheory(flaw == Flaw.REGIME_BY_ALPHA_ONLY, m3());
    }

    @Override
    public String toString() {
        if (isExact()) return "RiskTheoryModel[exact]";
        return "RiskTheoryModel[" + flaw + (alphaShift != 0 ? ", alpha shift " + alphaShift : "") + (scaled != null ? ", " + scaled + " x " + factor : "") + "]";
    }
}
