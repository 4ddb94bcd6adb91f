package org.ftverify.theory.risk;

/**
 * Every prediction the risk claims compare against: the paper's statements (Prop. 4.1, Prop. 5.1, Thm. 6.1, the CMI
 * criterion, the regimes) as made exact in the reconstructed models M1–M4 of risk.md §2.2. Immutable.
 *
 * <p>{@link #exact()} is the theory under test. Each perturbation method returns a deliberately wrong theory (a
 * mutant) whose claims must be falsified; the claims read their predictions only from this object, so feeding them
 * a mutant exercises exactly the same checks. Ground truth (the simulated recursions, the step-size schedule, the
 * brute-force optimum, quadrature) lives in the checks and simulators, never here.
 */
public final class RiskTheoryModel {
    private final String name;
    private final double alphaShift;
    private final boolean cStarPower, lyapunovEtaTerm, cmiEquivalence, staticIntrinsicLimit, quadFormMeanTerm,
            uniformRevelation, multiplicativeNoise, fastestChannel, regimeByAlpha;

    private RiskTheoryModel(String name, double alphaShift, boolean cStarPower, boolean lyapunovEtaTerm, boolean cmiEquivalence,
                            boolean staticIntrinsicLimit, boolean quadFormMeanTerm, boolean uniformRevelation,
                            boolean multiplicativeNoise, boolean fastestChannel, boolean regimeByAlpha) {
        this.name = name;
        this.alphaShift = alphaShift;
        this.cStarPower = cStarPower;
        this.lyapunovEtaTerm = lyapunovEtaTerm;
        this.cmiEquivalence = cmiEquivalence;
        this.staticIntrinsicLimit = staticIntrinsicLimit;
        this.quadFormMeanTerm = quadFormMeanTerm;
        this.uniformRevelation = uniformRevelation;
        this.multiplicativeNoise = multiplicativeNoise;
        this.fastestChannel = fastestChannel;
        this.regimeByAlpha = regimeByAlpha;
    }

    public static RiskTheoryModel exact() {
        return new RiskTheoryModel("exact", 0, true, true, false, false, true, false, true, false, false);
    }

    private RiskTheoryModel with(String mutation, double alphaShift, boolean cStarPower, boolean lyapunovEtaTerm, boolean cmiEquivalence,
                                 boolean staticIntrinsicLimit, boolean quadFormMeanTerm, boolean uniformRevelation,
                                 boolean multiplicativeNoise, boolean fastestChannel, boolean regimeByAlpha) {
        String n = isExact() ? mutation : name + " + " + mutation;
        return new RiskTheoryModel(n, alphaShift, cStarPower, lyapunovEtaTerm, cmiEquivalence, staticIntrinsicLimit, quadFormMeanTerm,
                uniformRevelation, multiplicativeNoise, fastestChannel, regimeByAlpha);
    }

    /** Every power-law exponent off by {@code d}: M3's alpha = 2 rho - 1 + d, M4's Fisher rate 1 + d. */
    public RiskTheoryModel withAlphaShift(double d) {
        return with("alpha" + (d >= 0 ? "+" : "") + d, alphaShift + d, cStarPower, lyapunovEtaTerm, cmiEquivalence, staticIntrinsicLimit,
                quadFormMeanTerm, uniformRevelation, multiplicativeNoise, fastestChannel, regimeByAlpha);
    }

    /** Thm. 6.1 without its 1/(alpha+1) power: c* = alpha K / (gamma lambda). */
    public RiskTheoryModel withoutCStarPower() {
        return with("c* without the 1/(alpha+1) power", alphaShift, false, lyapunovEtaTerm, cmiEquivalence, staticIntrinsicLimit,
                quadFormMeanTerm, uniformRevelation, multiplicativeNoise, fastestChannel, regimeByAlpha);
    }

    /** The discrete Lyapunov equation without its eta H S H term (the continuous-time equation used for SGD). */
    public RiskTheoryModel withoutLyapunovEtaTerm() {
        return with("Lyapunov without eta H S H", alphaShift, cStarPower, false, cmiEquivalence, staticIntrinsicLimit,
                quadFormMeanTerm, uniformRevelation, multiplicativeNoise, fastestChannel, regimeByAlpha);
    }

    /** The CMI criterion as an equivalence, quantified by the Gaussian identity L_post = L_prior exp(-2 I) for every probe. */
    public RiskTheoryModel cmiAsEquivalence() {
        return with("CMI criterion as an equivalence", alphaShift, cStarPower, lyapunovEtaTerm, true, staticIntrinsicLimit,
                quadFormMeanTerm, uniformRevelation, multiplicativeNoise, fastestChannel, regimeByAlpha);
    }

    /** L_int taken as purely static: the coupling of the mismatch Psi with the seed noise is dropped from L(c). */
    public RiskTheoryModel withStaticIntrinsicLimit() {
        return with("static intrinsic limit", alphaShift, cStarPower, lyapunovEtaTerm, cmiEquivalence, true,
                quadFormMeanTerm, uniformRevelation, multiplicativeNoise, fastestChannel, regimeByAlpha);
    }

    /** Var(x'Bx) = 2 tr((BS)^2) only: the 4 mu'BSB mu term of the Gaussian quadratic form dropped. */
    public RiskTheoryModel withoutQuadFormMeanTerm() {
        return with("quadratic-form variance without the mean term", alphaShift, cStarPower, lyapunovEtaTerm, cmiEquivalence,
                staticIntrinsicLimit, false, uniformRevelation, multiplicativeNoise, fastestChannel, regimeByAlpha);
    }

    /** Constant-LR information revealed uniformly over the run: V_opt(c) = (1 - c/T) V_opt(0). */
    public RiskTheoryModel withUniformRevelation() {
        return with("uniform revelation", alphaShift, cStarPower, lyapunovEtaTerm, cmiEquivalence, staticIntrinsicLimit,
                quadFormMeanTerm, true, multiplicativeNoise, fastestChannel, regimeByAlpha);
    }

    /** M2 with additive gradient noise: the fourth-moment terms (eta^2/b)(H M H + tr(HM) H) dropped. */
    public RiskTheoryModel withAdditiveNoiseSgd() {
        return with("additive-noise SGD", alphaShift, cStarPower, lyapunovEtaTerm, cmiEquivalence, staticIntrinsicLimit,
                quadFormMeanTerm, uniformRevelation, false, fastestChannel, regimeByAlpha);
    }

    /** Of several information channels the fastest-decaying one dominates. */
    public RiskTheoryModel withFastestChannelDominating() {
        return with("fastest channel dominates", alphaShift, cStarPower, lyapunovEtaTerm, cmiEquivalence, staticIntrinsicLimit,
                quadFormMeanTerm, uniformRevelation, multiplicativeNoise, true, regimeByAlpha);
    }

    /** Regime read from alpha alone: Static-Sufficient iff alpha >= 1 (after the Noise-Dominant test). */
    public RiskTheoryModel withRegimeByAlphaOnly() {
        return with("regime by alpha only", alphaShift, cStarPower, lyapunovEtaTerm, cmiEquivalence, staticIntrinsicLimit,
                quadFormMeanTerm, uniformRevelation, multiplicativeNoise, fastestChannel, true);
    }

    public String name() { return name; }

    public boolean isExact() { return name.equals("exact"); }

    @Override
    public String toString() { return "RiskTheoryModel[" + name + "]"; }

    // ---------------------------------------------------------------- M1: constant LR, noisy quadratic (§2.2.3)

    /** Diagonal of S_k = sum_{j<k} A^j (eta^2 Sigma) A^j' = eta^2 sigma_i^2 (1 - a_i^2k)/(1 - a_i^2). */
    public double[] m1NoiseCovariance(M1Task t, int k) {
        double[] s = new double[t.dimension()];
        for (int i = 0; i < s.length; i++) {
            double x = t.eta * t.h[i];
            s[i] = k == 0 ? 0 : t.eta * t.sigma2[i] * -Math.expm1(k * t.logA2(i)) / (t.h[i] * (2 - x));
        }
        return s;
    }

    /** E[R|I_c] and Var(R|I_c) as quadratic forms in delta_c. */
    M1Posterior m1Posterior(M1Task t, int c) {
        int d = t.dimension();
        double[] sHat = m1NoiseCovariance(t, t.horizon - c);
        double[] mw = new double[d], vw = new double[d];
        double mc = 0, vc = t.tau2;
        for (int i = 0; i < d; i++) {
            sHat[i] += t.psi[i];
            double a2 = t.a2k(i, t.horizon - c), h = t.h[i];
            mw[i] = 0.5 * h * a2;
            mc += 0.5 * h * sHat[i];
            vw[i] = quadFormMeanTerm ? h * h * sHat[i] * a2 : 0;
            vc += 0.5 * h * h * sHat[i] * sHat[i];
        }
        return new M1Posterior(c, mw, mc, vw, vc);
    }

    /** Bayes risk L(c) = E[Var(R|I_c)] (risk.md §2.2.3 closed form). */
    public double m1Risk(M1Task t, int c) {
        if (c < 0 || c > t.horizon) throw new IllegalArgumentException("probe depth c = " + c + " must lie in [0, T = " + t.horizon + "]");
        if (uniformRevelation) {
            double l0 = m1ExactRisk(t, 0), lT = m1ExactRisk(t, t.horizon);
            return lT + (1 - (double) c / t.horizon) * (l0 - lT);
        }
        return m1ExactRisk(t, c);
    }

    private double m1ExactRisk(M1Task t, int c) {
        int T = t.horizon;
        double[] rest = m1NoiseCovariance(t, T - c), prefix = m1NoiseCovariance(t, c);
        double l = t.tau2;
        for (int i = 0; i < t.dimension(); i++) {
            double h2 = t.h[i] * t.h[i], sHat = rest[i] + t.psi[i];
            double m = Math.exp(0.5 * T * t.logA2(i)) * Math.abs(t.delta0[i]); // |a_i^T delta0_i|
            double revealed = t.a2k(i, T - c) * prefix[i];                      // Var of mu_c,i
            l += 0.5 * h2 * sHat * sHat;
            if (!quadFormMeanTerm) continue;
            l += h2 * sHat * m * m + h2 * (staticIntrinsicLimit ? rest[i] : sHat) * revealed;
        }
        return l;
    }

    /** L_int = L(T). */
    public double m1IntrinsicLimit(M1Task t) {
        return m1Risk(t, t.horizon);
    }

    /** V_opt(c)/V_opt(0). */
    public double m1RevelationRatio(M1Task t, int c) {
        double lT = m1Risk(t, t.horizon);
        return (m1Risk(t, c) - lT) / (m1Risk(t, 0) - lT);
    }

    /** E[R] = 1/2 (m'Hm + tr(H (S_T + Psi))) with m = A^T delta0. */
    public double m1ExpectedOutcome(M1Task t) {
        double[] s = m1NoiseCovariance(t, t.horizon);
        double e = 0;
        for (int i = 0; i < t.dimension(); i++) {
            double m = Math.exp(0.5 * t.horizon * t.logA2(i)) * t.delta0[i];
            e += 0.5 * t.h[i] * (m * m + s[i] + t.psi[i]);
        }
        return e;
    }

    // ---------------------------------------------------------------- Lyapunov (P4), in the eigenbasis of H

    /** Stationary covariance in H's eigenbasis: H S + S H - eta H S H = eta Sigma, S_ij = eta Sigma_ij/(h_i + h_j - eta h_i h_j). */
    public double[][] lyapunovStationary(double[] h, double[][] sigmaEig, double eta) {
        int d = h.length;
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double denom = h[i] + h[j] - (lyapunovEtaTerm ? eta * h[i] * h[j] : 0);
                s[i][j] = eta * sigmaEig[i][j] / denom;
            }
        }
        return s;
    }

    /** S_cont solving H S + S H = Sigma (the eta -> 0 limit of S_infinity(eta)/eta). */
    public double[][] continuousLyapunov(double[] h, double[][] sigmaEig) {
        int d = h.length;
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) s[i][j] = sigmaEig[i][j] / (h[i] + h[j]);
        return s;
    }

    /** Transient of the SDE limit dS/dtau = -HS - SH + eta Sigma from S(0) = 0. */
    public double[][] ouTransient(double[] h, double[][] sigmaEig, double eta, double tau) {
        int d = h.length;
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double r = h[i] + h[j];
                s[i][j] = eta * sigmaEig[i][j] * -Math.expm1(-r * tau) / r;
            }
        }
        return s;
    }

    /** Transient with a time-varying step eta(tau) = eta0 exp(-kappa tau): S_ij = eta0 Sigma_ij (e^-kappa tau - e^-r tau)/(r - kappa), r = h_i + h_j. */
    public double[][] ouTransientDecayingStep(double[] h, double[][] sigmaEig, double eta0, double kappa, double tau) {
        int d = h.length;
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double r = h[i] + h[j];
                s[i][j] = eta0 * sigmaEig[i][j] * Math.exp(-kappa * tau) * -Math.expm1(-(r - kappa) * tau) / (r - kappa);
            }
        }
        return s;
    }

    // ---------------------------------------------------------------- M2: minibatch SGD on linear regression (§2.2.4)

    /** One step of the exact second-moment recursion in H's eigenbasis (m_i = E delta_i^2). */
    public void m2Step(M2Task t, double[] m, double[] out) {
        double eta = t.eta, b = t.batch, hm = 0;
        for (int i = 0; i < m.length; i++) hm += t.h[i] * m[i];
        for (int i = 0; i < m.length; i++) {
            double h = t.h[i], a = 1 - eta * h;
            out[i] = multiplicativeNoise
                    ? (a * a + eta * eta * h * h / b) * m[i] + eta * eta / b * h * hm + eta * eta * t.sigma2 / b * h
                    : a * a * m[i] + eta * eta * t.sigma2 / b * h;
        }
    }

    /** Expected excess risk E_t = 1/2 h'm_t at the given (increasing) times, from m_0 = delta0^2. */
    public double[] m2ExcessRisk(M2Task t, int[] times) {
        double[] m = new double[t.dimension()], next = new double[m.length], out = new double[times.length];
        for (int i = 0; i < m.length; i++) m[i] = t.delta0[i] * t.delta0[i];
        int step = 0;
        for (int k = 0; k < times.length; k++) {
            while (step < times[k]) {
                m2Step(t, m, next);
                double[] tmp = m; m = next; next = tmp;
                step++;
            }
            out[k] = halfDot(t.h, m);
        }
        return out;
    }

    /** Stationary E_infinity by Sherman–Morrison: h'm = (eta^2 sigma2/b)(h'u)/(1 - (eta^2/b) h'u), u_i = 1/(2 eta - eta^2 h_i (1+1/b)). */
    public double m2StationaryRisk(M2Task t) {
        double eta = t.eta, b = t.batch;
        if (!multiplicativeNoise) {
            double e = 0;
            for (double h : t.h) e += 0.5 * h * eta * eta * t.sigma2 / b * h / (1 - (1 - eta * h) * (1 - eta * h));
            return e;
        }
        double hu = 0;
        for (double h : t.h) hu += h / (2 * eta - eta * eta * h * (1 + 1 / b));
        return 0.5 * (eta * eta * t.sigma2 / b) * hu / (1 - eta * eta / b * hu);
    }

    /** Right-hand side of the continuous-time M2 dynamics dm/dtau (tau = eta t): the recursion is its Euler scheme with step eta. */
    public void m2Drift(M2Task t, double[] m, double[] out) {
        double eta = t.eta, b = t.batch, hm = 0;
        for (int i = 0; i < m.length; i++) hm += t.h[i] * m[i];
        for (int i = 0; i < m.length; i++) {
            double h = t.h[i];
            out[i] = multiplicativeNoise
                    ? -2 * h * m[i] + eta * ((1 + 1 / b) * h * h * m[i] + h * hm / b + t.sigma2 * h / b)
                    : -2 * h * m[i] + eta * (h * h * m[i] + t.sigma2 * h / b);
        }
    }

    static double halfDot(double[] h, double[] m) {
        double s = 0;
        for (int i = 0; i < h.length; i++) s += h[i] * m[i];
        return 0.5 * s;
    }

    // ---------------------------------------------------------------- M3: decaying LR, flat block (§2.2.5)

    /** Prop. 5.1's revelation rate in M3: alpha = 2 rho - 1. */
    public double m3Alpha(M3Task t) {
        return 2 * t.rho - 1 + alphaShift;
    }

    /** Envelope constant K = q eta0^2 / alpha. */
    public double m3K(M3Task t) {
        return t.q * t.eta0 * t.eta0 / m3Alpha(t);
    }

    /** V_opt(c) = q eta0^2 [zeta(alpha+1, c+t0) - zeta(alpha+1, T+t0)]. */
    public double m3VOpt(M3Task t, double c) {
        return t.q * t.eta0 * t.eta0 * HurwitzZeta.partialSum(m3Alpha(t) + 1, t.t0, c, t.horizon);
    }

    public double m3Risk(M3Task t, double c) {
        return t.tau2 + m3VOpt(t, c);
    }

    /** Sandwich lower bound K (c + t0)^-alpha. */
    public double m3LowerBound(M3Task t, double c) {
        return m3K(t) * Math.pow(c + t.t0, -m3Alpha(t));
    }

    /** Sandwich upper bound K (c + t0)^-alpha + q eta0^2 (c + t0)^-(alpha+1). */
    public double m3UpperBound(M3Task t, double c) {
        return m3LowerBound(t, c) + t.q * t.eta0 * t.eta0 * Math.pow(c + t.t0, -(m3Alpha(t) + 1));
    }

    // ---------------------------------------------------------------- M4: latent revealed by the drift (§2.2.6)

    /** Fisher/Van Trees rate alpha = 1 (constant per-step information). */
    public double m4Alpha() {
        return 1 + alphaShift;
    }

    /** Diagonal Kalman posterior variance P_c = (P0^-1 + c J)^-1 (c^alpha J under an alpha perturbation). */
    public double[] m4PosteriorVariance(M4Task t, double c) {
        double[] p = new double[t.dimension()];
        double growth = c == 0 ? 0 : Math.pow(c, m4Alpha());
        for (int i = 0; i < p.length; i++) p[i] = 1 / (1 / t.v0 + growth * t.fisher(i));
        return p;
    }

    public double m4VOpt(M4Task t, double c) {
        double[] p = m4PosteriorVariance(t, c);
        double v = 0;
        for (int i = 0; i < p.length; i++) v += t.g[i] * t.g[i] * p[i];
        return v;
    }

    /** L(c) = tau^2 + g'P_c g. */
    public double m4Risk(M4Task t, double c) {
        return t.tau2 + m4VOpt(t, c);
    }

    /** K = g' H^-1 Sigma H^-1 g. */
    public double m4K(M4Task t) {
        double k = 0;
        for (int i = 0; i < t.dimension(); i++) k += t.g[i] * t.g[i] / t.fisher(i);
        return k;
    }

    /** Risk of the unbiased OLS predictor theta_hat = H^-1 mean(z): tau^2 + K / c. */
    public double m4OlsRisk(M4Task t, double c) {
        return t.tau2 + m4K(t) / Math.pow(c, m4Alpha());
    }

    // ---------------------------------------------------------------- budget-optimal depth (Thm. 6.1, §2.2.7)

    /** c* = (alpha K/(gamma lambda))^(1/(alpha+1)). */
    public double cStar(double alpha, double k, double gammaLambda) {
        double x = alpha * k / gammaLambda;
        return cStarPower ? Math.pow(x, 1 / (alpha + 1)) : x;
    }

    /** J* = L_int + gamma C_s + gamma lambda c* (alpha+1)/alpha. */
    public double envelopeMinimum(double lInt, double gammaCs, double alpha, double k, double gammaLambda) {
        return lInt + gammaCs + gammaLambda * cStar(alpha, k, gammaLambda) * (alpha + 1) / alpha;
    }

    /** M3's exact discrete optimum predicted by the envelope: max(0, ceil(c* - t0)). */
    public double m3OptimalDepth(M3Task t, double gammaLambda) {
        return Math.max(0, Math.ceil(cStar(m3Alpha(t), m3K(t), gammaLambda) - t.t0));
    }

    /** M4 (scalar) continuous optimum: c* - 1/(v0 J). */
    public double m4ContinuousOptimum(M4Task t, double gammaLambda) {
        return cStar(m4Alpha(), m4K(t), gammaLambda) - 1 / (t.v0 * t.fisher(0));
    }

    // ---------------------------------------------------------------- several channels (§2.2.8)

    /** Local log-log slope s(c) of K1 c^-a1 + K2 c^-a2. */
    public double mixtureSlope(double k1, double a1, double k2, double a2, double c) {
        double fast = Math.max(a1, a2), slow = Math.min(a1, a2);
        if (fastestChannel) return fast;
        double kFast = a1 >= a2 ? k1 : k2, kSlow = a1 >= a2 ? k2 : k1;
        double cross = Math.pow(kFast / kSlow, 1 / (fast - slow));
        return slow + (fast - slow) / (1 + Math.pow(c / cross, fast - slow));
    }

    /** Crossover depth c_x = (K_fast/K_slow)^(1/(a_fast - a_slow)), where s(c_x) = (a1+a2)/2. */
    public double mixtureCrossover(double k1, double a1, double k2, double a2) {
        double kFast = a1 >= a2 ? k1 : k2, kSlow = a1 >= a2 ? k2 : k1;
        return Math.pow(kFast / kSlow, 1 / Math.abs(a1 - a2));
    }

    /** V_opt of a task whose outcome has an M4 channel and an M3 channel (independent): their sum. */
    public double channelSum(M4Task fisher, M3Task flat, double c) {
        double v4 = m4VOpt(fisher, c), v3 = m3VOpt(flat, c);
        if (!fastestChannel) return v4 + v3;
        return m4Alpha() >= m3Alpha(flat) ? v4 : v3;
    }

    // ---------------------------------------------------------------- CMI criterion (§2.2.9)

    /**
     * Risk after a probe with conditional mutual information {@code cmi} and Var(E[R|I]) = {@code varianceOfMean}.
     * Exact: the law of total variance, L_post = L_prior - Var(E[R|I]); the reduction is zero whenever the probe
     * leaves the conditional mean unchanged, whatever the CMI. The equivalence mutant quantifies "reduction iff
     * CMI > 0" by the Gaussian identity L_prior exp(-2 I).
     */
    public double probedRisk(double priorRisk, double cmi, double varianceOfMean) {
        return cmiEquivalence ? priorRisk * Math.exp(-2 * cmi) : priorRisk - varianceOfMean;
    }

    /** Jointly Gaussian case: L_post = L_prior exp(-2 I). */
    public double gaussianProbedRisk(double priorRisk, double cmi) {
        return priorRisk * Math.exp(-2 * cmi);
    }

    // ---------------------------------------------------------------- regimes (§2.2.10)

    /**
     * Noise-Dominant if L_int >= kappa L(0); else Static-Sufficient if V_opt(c_s) <= eps L(c_s); else
     * Dynamic-Critical. {@code alpha} is only read by the alpha-only mutant.
     */
    public Regime regime(Regime.Rule rule, double lInt, double l0, double vShallow, double lShallow, double alpha) {
        if (lInt >= rule.kappa() * l0) return Regime.NOISE_DOMINANT;
        if (regimeByAlpha) return alpha >= 1 ? Regime.STATIC_SUFFICIENT : Regime.DYNAMIC_CRITICAL;
        return vShallow <= rule.eps() * lShallow ? Regime.STATIC_SUFFICIENT : Regime.DYNAMIC_CRITICAL;
    }

    /** The regime of an M3 task from the model's own L_int, V_opt and alpha. */
    public Regime m3Regime(Regime.Rule rule, M3Task t) {
        double v0 = m3VOpt(t, 0), vs = m3VOpt(t, rule.shallowDepth());
        return regime(rule, t.tau2, t.tau2 + v0, vs, t.tau2 + vs, m3Alpha(t));
    }
}
