package org.ftverify.theory.icl;

import java.util.HashMap;
import java.util.Map;

/**
 * Every closed form the icl claims compare against (docs/theory/icl.adoc), as one immutable object that mutants
 * perturb: a structural change (a dropped term, a broken conservation law, w* at the wrong n) or a relative scale of
 * one named quantity (the power probes). Effective (whitened) variables: Ũ = γΣ^{1/2}u, W = γw, θ̃ = Σ^{1/2}θ.
 */
public final class IclModel {
    /** Names of the quantities a probe can scale; each claim reads some of them. */
    public static final String GAMMA_STAR = "gamma_star", RISK_A = "risk_a", RISK_B = "risk_b", N_CROSS = "n_cross",
            PENALTY = "unseen_penalty", W_STAR = "w_star", U_STAR = "u_star", VALUE_RATE = "value_rate", A_INF = "a_inf",
            FLOW = "reduced_drift", LIMIT = "large_n_limit", Q_ONLY_RISK = "q_only_risk_factor";

    /**
     * Q-only ZS fine-tuning: the lower bounds of the qualitative claim on ‖Q‖_F/‖Q_pre‖_F (it grows: the ZS problem in Q is
     * convex with its minimiser ∝ 1/‖v_x‖, far outside) and on the 20-shot risk ratio. The theory notes' growth bound 5
     * is not seed-robust (4.85 at d = 5, m = 20, σ² = 0.1 at one seed) and is reported only.
     */
    public static final double Q_ONLY_GROWTH = 1, Q_ONLY_GROWTH_NOTES = 5, Q_ONLY_RISK_FACTOR = 10;

    /** What a theory in which Q-only tuning keeps ICL would allow: the 20-shot risk at most doubled. */
    public static final double KEPT_ICL_RISK_FACTOR = 2;

    /** The structural choices a mutant can change; the exact theory is {@link #EXACT}. */
    private record Knobs(boolean traceTerm, boolean codeConstant, boolean selfTerm, int wStarShift, double conservedSign,
                         boolean frobeniusMetric, boolean penaltyLargeN, boolean paperLimit, boolean invariantIncludesFrozen,
                         boolean fullZsKeepsIcl, boolean qOnlyKeepsIcl) {}

    private static final Knobs EXACT = new Knobs(true, false, true, 0, -1, true, false, false, false, false, false);

    private final Knobs k;
    private final Map<String, Double> scales;

    private IclModel(Knobs k, Map<String, Double> scales) {
        this.k = k;
        this.scales = Map.copyOf(scales);
    }

    public static IclModel exact() {
        return new IclModel(EXACT, Map.of());
    }

    /** Γ* without the (tr Σ + dσ²)/(m+1) term: Γ = Σ^{-1}, the infinite-context answer. */
    public IclModel withoutGammaTraceTerm() {
        return new IclModel(new Knobs(false, k.codeConstant, k.selfTerm, k.wStarShift, k.conservedSign, k.frobeniusMetric, k.penaltyLargeN,
                k.paperLimit, k.invariantIncludesFrozen, k.fullZsKeepsIcl, k.qOnlyKeepsIcl), scales);
    }

    /** Γ* replaced by the code's constant m/(m+1+d) (noiseless, query excluded, 1/m normalisation). */
    public IclModel withCodeGammaConstant() {
        return new IclModel(new Knobs(k.traceTerm, true, k.selfTerm, k.wStarShift, k.conservedSign, k.frobeniusMetric, k.penaltyLargeN,
                k.paperLimit, k.invariantIncludesFrozen, k.fullZsKeepsIcl, k.qOnlyKeepsIcl), scales);
    }

    /** Family-A risk without the query's self-attention terms (the sum over demonstrations only). */
    public IclModel withoutQuerySelfTerm() {
        return new IclModel(new Knobs(k.traceTerm, k.codeConstant, false, k.wStarShift, k.conservedSign, k.frobeniusMetric, k.penaltyLargeN,
                k.paperLimit, k.invariantIncludesFrozen, k.fullZsKeepsIcl, k.qOnlyKeepsIcl), scales);
    }

    /** w*(n) evaluated at n + shift. */
    public IclModel withWStarShift(int shift) {
        return new IclModel(new Knobs(k.traceTerm, k.codeConstant, k.selfTerm, shift, k.conservedSign, k.frobeniusMetric, k.penaltyLargeN,
                k.paperLimit, k.invariantIncludesFrozen, k.fullZsKeepsIcl, k.qOnlyKeepsIcl), scales);
    }

    /** ‖Q‖² + ‖v‖² claimed conserved (the sign of the bilinear balance law flipped). */
    public IclModel withConservationBroken() {
        return new IclModel(new Knobs(k.traceTerm, k.codeConstant, k.selfTerm, k.wStarShift, +1, k.frobeniusMetric, k.penaltyLargeN,
                k.paperLimit, k.invariantIncludesFrozen, k.fullZsKeepsIcl, k.qOnlyKeepsIcl), scales);
    }

    /** The reduced flow with (α, β) moved by the plain partial derivatives, not the Frobenius metric's G^{-1}. */
    public IclModel withoutFrobeniusMetric() {
        return new IclModel(new Knobs(k.traceTerm, k.codeConstant, k.selfTerm, k.wStarShift, k.conservedSign, false, k.penaltyLargeN,
                k.paperLimit, k.invariantIncludesFrozen, k.fullZsKeepsIcl, k.qOnlyKeepsIcl), scales);
    }

    /** The unseen-task penalty with its large-n factor 1 at every n (the query self-attention terms forgotten). */
    public IclModel withPenaltyAtLargeN() {
        return new IclModel(new Knobs(k.traceTerm, k.codeConstant, k.selfTerm, k.wStarShift, k.conservedSign, k.frobeniusMetric, true,
                k.paperLimit, k.invariantIncludesFrozen, k.fullZsKeepsIcl, k.qOnlyKeepsIcl), scales);
    }

    /** lim w*(n; θ) = (d+3)/(d+4) for every task, as the paper states it (true only on θ0). */
    public IclModel withPaperLimit() {
        return new IclModel(new Knobs(k.traceTerm, k.codeConstant, k.selfTerm, k.wStarShift, k.conservedSign, k.frobeniusMetric,
                k.penaltyLargeN, true, k.invariantIncludesFrozen, k.fullZsKeepsIcl, k.qOnlyKeepsIcl), scales);
    }

    /** κ after full ZS fine-tuning from the conservation law over all entries, including those the ZS loss freezes (v_y, label row and column). */
    public IclModel withInvariantOverAllEntries() {
        return new IclModel(new Knobs(k.traceTerm, k.codeConstant, k.selfTerm, k.wStarShift, k.conservedSign, k.frobeniusMetric, k.penaltyLargeN,
                k.paperLimit, true, k.fullZsKeepsIcl, k.qOnlyKeepsIcl), scales);
    }

    /** Full ZS fine-tuning predicted to end like value-only tuning (family A with Ũ = θ̃0/(d+4)): ICL kept. */
    public IclModel withFullZsKeepingIcl() {
        return new IclModel(new Knobs(k.traceTerm, k.codeConstant, k.selfTerm, k.wStarShift, k.conservedSign, k.frobeniusMetric, k.penaltyLargeN,
                k.paperLimit, k.invariantIncludesFrozen, true, k.qOnlyKeepsIcl), scales);
    }

    /** Q-only ZS fine-tuning predicted to keep ICL (bounded Q, n-shot risk near the pretrained one), as value-only tuning does. */
    public IclModel withQOnlyKeepingIcl() {
        return new IclModel(new Knobs(k.traceTerm, k.codeConstant, k.selfTerm, k.wStarShift, k.conservedSign, k.frobeniusMetric, k.penaltyLargeN,
                k.paperLimit, k.invariantIncludesFrozen, k.fullZsKeepsIcl, true), scales);
    }

    /** Quantity {@code name} multiplied by {@code factor} (power probes). */
    public IclModel withScale(String name, double factor) {
        Map<String, Double> s = new HashMap<>(scales);
        s.put(name, factor);
        return new IclModel(k, s);
    }

    private double scale(String name) {
        return scales.getOrDefault(name, 1.0);
    }

    // ---- pretraining fixed point -----------------------------------------------------------------------------------

    /** Diagonal of Γ* = [Σ + (tr Σ + dσ²)/(m+1)·I]^{-1} for m pretraining demonstrations. */
    public double[] gammaStar(IclSetup s, int m) {
        if (k.codeConstant) { // the code's noiseless 1/m formula: γ = m/(m+1+d) for Σ = I
            double[] g = new double[s.d()];
            java.util.Arrays.fill(g, scale(GAMMA_STAR) * m / (m + 1.0 + s.d()));
            return g;
        }
        double shift = (k.traceTerm ? 1 : 0) * (s.traceSigma() + s.d() * s.sigma2()) / (m + 1);
        double[] g = new double[s.d()];
        for (int i = 0; i < s.d(); i++) g[i] = scale(GAMMA_STAR) / (s.lambda()[i] + shift);
        return g;
    }

    /** Pretraining loss of the product c = γ·v_y (Σ = I, ‖θ‖ = 1): 1 + σ² - 2mc/(m+1) + m(m+1+d+dσ²)c²/(m+1)². */
    public static double pretrainLossAt(int d, int m, double sigma2, double c) {
        double m1 = m + 1.0;
        return 1 + sigma2 - 2 * m * c / m1 + m * (m1 + d + d * sigma2) * c * c / (m1 * m1);
    }

    /** Minimum pretraining loss as this model predicts it: the loss at its c*. */
    public double pretrainLossStar(int d, int m, double sigma2) {
        return pretrainLossAt(d, m, sigma2, gammaStar(IclSetup.isotropic(d, sigma2), m)[0]);
    }

    // ---- family A (ICL preserved) ------------------------------------------------------------------------------------

    /** n-shot risk of family A in effective variables: task θ̃, value part Ũ, label weight W. */
    public double riskA(int n, int d, double sigma2, double[] uEff, double wEff, double[] thetaEff) {
        double n1 = n + 1.0;
        double uu = 0, ut = 0, tt = 0;
        for (int i = 0; i < d; i++) {
            uu += uEff[i] * uEff[i];
            ut += uEff[i] * thetaEff[i];
            tt += thetaEff[i] * thetaEff[i];
        }
        double vv = uu + 2 * wEff * ut + wEff * wEff * tt; // ‖v̄‖², v̄ = Ũ + Wθ̃
        double vt = ut + wEff * tt;
        double vu = uu + wEff * ut;
        double risk = sigma2 + tt + (n * (n + d + 1.0) * vv + n * d * wEff * wEff * sigma2) / (n1 * n1) - 2 * n * vt / n1;
        if (k.selfTerm) risk += (2 * (d + 2.0) * (n * vu - n1 * ut) + (d + 2.0) * (d + 4.0) * uu) / (n1 * n1);
        return scale(RISK_A) * risk;
    }

    /** Pretrained-model risk (Ũ = 0) with ‖θ̃‖ = 1. */
    public double riskPretrained(int n, int d, double sigma2, double wEff) {
        double[] t = new double[d];
        t[0] = 1;
        return riskA(n, d, sigma2, new double[d], wEff, t);
    }

    /** Where the pretrained risk crosses the zero-shot risk 1 + σ²: n_cross = (W(d+1+dσ²) - 2)/(2 - W). */
    public double nCross(int d, double sigma2, double wEff) {
        return scale(N_CROSS) * (wEff * (d + 1 + d * sigma2) - 2) / (2 - wEff);
    }

    /** Task-averaged unseen-task penalty factor: E_θ L_A - L_pre = ‖Ũ‖²·[n² + (3d+5)n + (d+2)(d+4)]/(n+1)². */
    public double unseenPenaltyFactor(int n, int d) {
        double n1 = n + 1.0;
        double f = (n * (double) n + (3.0 * d + 5) * n + (d + 2.0) * (d + 4.0)) / (n1 * n1);
        return scale(PENALTY) * (k.penaltyLargeN ? 1 : f);
    }

    // ---- family B (after full zero-shot fine-tuning) -----------------------------------------------------------------

    /** E_B(n; θ) = ‖θ - θ0/(n+1)‖²_Σ + σ² + n[‖θ0 + κθ‖²_Σ + κ²σ²]/(n+1)². */
    public double riskB(IclSetup s, int n, double[] theta, double[] theta0, double kappa) {
        double n1 = n + 1.0;
        double[] a = new double[s.d()], b = new double[s.d()];
        for (int i = 0; i < s.d(); i++) {
            a[i] = theta[i] - theta0[i] / n1;
            b[i] = theta0[i] + kappa * theta[i];
        }
        return scale(RISK_B) * (s.sigmaNorm2(a) + s.sigma2() + n * (s.sigmaNorm2(b) + kappa * kappa * s.sigma2()) / (n1 * n1));
    }

    // ---- value-only zero-shot fine-tuning -----------------------------------------------------------------------------

    /** Limit of v_x under value-only ZS fine-tuning with Q11 = γΣ^{-1}: θ0/(γ(d+4)) (independent of Σ). */
    public double[] valueOnlyLimit(int d, double gamma, double[] theta0) {
        double[] u = new double[d];
        for (int i = 0; i < d; i++) u[i] = scale(U_STAR) * theta0[i] / (gamma * (d + 4));
        return u;
    }

    /** Relaxation rate of the ZS gradient flow of v_x along eigendirection i of Σ: 2γ²(d+2)(d+4)λ_i. */
    public double valueOnlyRate(IclSetup s, double gamma, int i) {
        int d = s.d();
        return scale(VALUE_RATE) * 2 * gamma * gamma * (d + 2.0) * (d + 4.0) * s.lambda()[i];
    }

    /** ZS risk floor of value-only fine-tuning: σ² + 2‖θ0‖²_Σ/(d+4). */
    public double valueOnlyZsFloor(IclSetup s, double[] theta0) {
        // L_ZS at this model's limit Ũ = c·θ̃0/(d+4) (c = 1 exactly): σ² + ‖θ̃0‖²[1 − 2(d+2)c/(d+4) + (d+2)c²/(d+4)].
        double c = scale(U_STAR), d = s.d();
        return s.sigma2() + s.sigmaNorm2(theta0) * (1 - 2 * (d + 2) * c / (d + 4) + (d + 2) * c * c / (d + 4));
    }

    // ---- optimal label weight --------------------------------------------------------------------------------------

    /** w*(n; θ) = [(n+1)‖θ̃‖² - (n+2d+3)θ̃0ᵀθ̃/(d+4)] / [(n+d+1)‖θ̃‖² + dσ²] at Ũ = θ̃0/(d+4). */
    public double wStar(IclSetup s, int n, double[] theta, double[] theta0) {
        double nn = n + k.wStarShift;
        double tt = s.sigmaNorm2(theta), t0t = s.sigmaDot(theta0, theta);
        int d = s.d();
        return scale(W_STAR) * ((nn + 1) * tt - (nn + 2 * d + 3) * t0t / (d + 4)) / ((nn + d + 1) * tt + d * s.sigma2());
    }

    /** lim_{n→∞} w*(n; θ) = 1 - θ0ᵀΣθ/((d+4)θᵀΣθ). */
    public double wStarLimit(IclSetup s, double[] theta, double[] theta0) {
        if (k.paperLimit) return scale(LIMIT) * (s.d() + 3.0) / (s.d() + 4);
        return scale(LIMIT) * (1 - s.sigmaDot(theta0, theta) / ((s.d() + 4) * s.sigmaNorm2(theta)));
    }

    /** lim_{n→∞} of family A's risk: σ² + ‖Ũ + (W - 1)θ̃‖². */
    public double riskALimit(double sigma2, double[] uEff, double wEff, double[] thetaEff) {
        double s = 0;
        for (int i = 0; i < uEff.length; i++) {
            double e = uEff[i] + (wEff - 1) * thetaEff[i];
            s += e * e;
        }
        return scale(LIMIT) * (sigma2 + s);
    }

    /** lim_{n→∞} of family B's risk: ‖θ‖²_Σ + σ². */
    public double riskBLimit(IclSetup s, double[] theta) {
        return scale(LIMIT) * (s.sigmaNorm2(theta) + s.sigma2());
    }

    // ---- reduced full zero-shot flow ---------------------------------------------------------------------------------

    /** The reduced flow on (a, α, β, p); see {@link ReducedFlow}. */
    public ReducedFlow reducedFlow(int d) {
        return new ReducedFlow(d, k.frobeniusMetric, scale(FLOW));
    }

    /**
     * The balance law of the bilinear model: ⟨Q, ∇_Q L⟩ + sign·⟨v, ∇_v L⟩ = 0 with sign = -1, so ‖Q‖²_F - ‖v‖² is
     * conserved by gradient flow. Returns the sign this model uses.
     */
    public double balanceSign() {
        return k.conservedSign;
    }

    /** Conserved quantity of the reduced flow, a² + dα² + 2αβ + β² + sign·p² (sign = -1). */
    public double reducedInvariant(int d, double[] y) {
        return y[0] * y[0] + d * y[1] * y[1] + 2 * y[1] * y[2] + y[2] * y[2] + k.conservedSign * y[3] * y[3];
    }

    /** Limit a∞ of the flow from invariant C: a² - a^{-2} = C, a∞ = sqrt((C + sqrt(C² + 4))/2). */
    public double aInfinity(double invariant) {
        return scale(A_INF) * Math.sqrt((invariant + Math.sqrt(invariant * invariant + 4)) / 2);
    }

    // ---- SGD fine-tuning of a pretrained model ----------------------------------------------------------------------

    /**
     * What full ZS fine-tuning conserves, evaluated at weights w: ‖sym Q_top‖²_F − ‖v_top‖² over the constant and
     * covariate indices 0..d. The ZS gradient never reaches v_y or the label row and column of Q, and its Q-part
     * z_q z_qᵀ(vᵀz_q) is symmetric, so the antisymmetric part of Q_top is frozen too; on the entries that move, the
     * balance law ⟨Q, ∇_Q L⟩ = ⟨v, ∇_v L⟩ conserves this difference. The mutant sums over all entries instead.
     */
    public double zsInvariant(Weights w) {
        int top = k.invariantIncludesFrozen ? w.dim : w.d + 1;
        double c = 0;
        for (int i = 0; i < top; i++) {
            for (int j = 0; j < top; j++) {
                double q = k.invariantIncludesFrozen ? w.qAt(i, j) : 0.5 * (w.qAt(i, j) + w.qAt(j, i));
                c += q * q;
            }
            c -= w.v[i] * w.v[i];
        }
        return c;
    }

    /**
     * κ = Q00·v_y at the end of full ZS fine-tuning from pretrained weights: family B with a∞² − a∞^{-2} = C, C the
     * conserved quantity at the start, and v_y untouched; sign(a∞) = sign(v_y) in the label-valued basin, so κ = a∞|v_y|.
     */
    public double fullZsKappa(Weights pre) {
        return fullZsKappa(pre, 0);
    }

    /**
     * κ at the end of a heavy-ball run whose steps moved the invariant by {@code drift} (measured along the run: for
     * heavy ball C_T − C_0 = Σ_t (2e_t + q_t) exactly, q_t = ⟨Δ_t, JΔ_t⟩, e_t = μ(e_{t−1} + q_{t−1}); 0 for the flow).
     */
    public double fullZsKappa(Weights pre, double drift) {
        return aInfinity(zsInvariant(pre) + drift) * Math.abs(pre.v[pre.yIndex()]);
    }

    /**
     * n-shot risk on task θ (Σ = I) after full ZS fine-tuning from pretrained weights, given the κ it ended with: E_B(n; θ; κ). The mutant that
     * keeps ICL predicts the value-only end point instead, family A with Ũ = θ0/(d+4) and the pretrained W = tr Γ/d.
     */
    public double fullZsRisk(IclSetup s, int n, double[] theta, double[] theta0, double kappa, Weights pre) {
        if (!k.fullZsKeepsIcl) return riskB(s, n, theta, theta0, kappa);
        double w = PretrainingClaim.effectiveGammaTrace(pre) / s.d();
        return riskA(n, s.d(), s.sigma2(), Draws.scaled(1.0 / (s.d() + 4), theta0), w, theta);
    }

    /** Whether Q-only ZS fine-tuning blows Q up and destroys ICL (the exact theory), or keeps it (the mutant). */
    public boolean qOnlyDestroysIcl() {
        return !k.qOnlyKeepsIcl;
    }

    /** The lower bound on the 20-shot risk ratio after Q-only tuning (10, scaled by power probes). */
    public double qOnlyRiskFactor() {
        return scale(Q_ONLY_RISK) * Q_ONLY_RISK_FACTOR;
    }
}
