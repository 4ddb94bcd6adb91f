package org.ftverify.theory.lora;

/**
 * The three Gaussian moments the ODE of theory page, lora-dynamics needs, for σ = σ* (matched teacher), at a state (u, m):
 * <pre>
 *   out[0] = E[g ρ]                    (= ∂_u L)
 *   out[1] = E[g ν] − m E[g ρ]         (= (1−m²) ∂_m L / u)
 *   out[2] = Ψ = E[g²]                 (the SGD-noise term)
 * </pre>
 * with ν = z₁, ρ = m z₁ + √(1−m²) z₂, λ = μν + uρ, g = (σ(λ) − σ(ν)) σ'(λ).
 *
 * <p>How each activation is evaluated (all allocation-free; the drift is called 1e4–1e5 times per ODE solve):
 * <ul>
 * <li>lin: the closed forms of lora-loss (He1 block).</li>
 * <li>He_k: tensor Gauss–Hermite with 2k+2 points per dimension. Every integrand is a polynomial of degree
 * ≤ 4k−2 in (z₁, z₂) (Ψ is the highest), and an n-point rule is exact up to degree 2n−1, so this IS the closed-form
 * polynomial, evaluated without writing it out (checked against the lora-loss He2 polynomials in the tests).</li>
 * <li>ReLU: exact, from the arc-cosine kernel (see {@link #reluMoments}); a tensor rule would converge slowly
 * across the kinks.</li>
 * <li>tanh, sigmoid, erf: tensor trapezoidal rule over z₁, z₂ ∈ [−9, 9]. A 40×40 Gauss–Hermite rule was tried first
 * and measured at 5e-5 (tanh) and 2e-5 (erf) error already at Q = 1, growing to 1e-2 at Q = 4: these integrands
 * have complex singularities (tanh: poles at λ = ±iπ/2) or steep Gaussian factors (erf: σ' = e^{−λ²}) that
 * Gauss–Hermite resolves only like exp(−d√(2n)). The trapezoidal rule converges like exp(−2πd/h); the step in
 * each direction is h₀/⌈max(1, |coefficient of that z in λ|)⌉ so the grid keeps pace with λ = (μ+um) z₁ + u√(1−m²) z₂.
 * h₀ per activation is set so that the predicted error exp(−2πd/h₀) (or exp(−π²/(κh₀²)) for erf's Gaussian
 * factor e^{−2λ²} in Ψ, κ = ½ + 2a²/⌈a⌉² ≤ 5/2) is below ~1e-12; the error actually measured against a rule with a third of the step is printed
 * by LoraDriftTest. ~55×55 nodes at |λ-coefficients| ≤ 1 for tanh.</li>
 * </ul>
 */
public final class LoraDrift {
    public static final int REFERENCE_POINTS = 100;
    /** Finest refinement level of the trapezoid grid (|λ-coefficient| up to 48; refine = 3 reaches it from 16). */
    static final int MAX_LEVEL = 48;
    private static final GaussianRule[] TANH_RULES = trapezoidLevels(0.3);
    private static final GaussianRule[] SIGMOID_RULES = trapezoidLevels(0.6);
    private static final GaussianRule[] ERF_RULES = trapezoidLevels(0.33);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private LoraDrift() {}

    /** The three moments with the default evaluation of each activation (see the class comment). */
    public static void moments(Activation s, double mu, double u, double m, double[] out) {
        switch (s) {
            case LIN -> linearMoments(mu, u, m, out);
            case RELU -> reluMoments(mu, u, m, out);
            case TANH, SIGMOID, ERF -> smoothMoments(s, mu, u, m, 1, out);
            default -> {
                GaussianRule r = GaussianRule.hermite(2 * s.hermiteOrder() + 2);
                quadratureMoments(s, mu, u, m, r, r, out);
            }
        }
    }

    /**
     * Trapezoid moments for tanh, sigmoid and erf; {@code refine} > 1 divides every step by that factor (used only
     * to measure the error of refine = 1).
     */
    static void smoothMoments(Activation s, double mu, double u, double m, int refine, double[] out) {
        GaussianRule[] rules = trapezoidRules(s);
        double sm = Math.sqrt(Math.max(0, 1 - m * m));
        quadratureMoments(s, mu, u, m, rules[level(mu + u * m, refine)], rules[level(u * sm, refine)], out);
    }

    /** The trapezoid family of tanh, sigmoid or erf, indexed by refinement level 1..{@link #MAX_LEVEL}. */
    static GaussianRule[] trapezoidRules(Activation s) {
        return switch (s) {
            case TANH -> TANH_RULES;
            case SIGMOID -> SIGMOID_RULES;
            case ERF -> ERF_RULES;
            default -> throw new IllegalArgumentException("activation: trapezoid rules exist for tanh, sigmoid, erf, not " + s.id());
        };
    }

    /** Level for a direction whose coefficient in λ is {@code coefficient}: the step shrinks as 1/⌈|c|⌉. */
    static int level(double coefficient, int refine) {
        double c = Math.abs(coefficient);
        int l = c <= 1 ? 1 : (int) Math.ceil(c);
        return Math.min(MAX_LEVEL, l * refine);
    }

    private static GaussianRule[] trapezoidLevels(double h0) {
        GaussianRule[] r = new GaussianRule[MAX_LEVEL + 1];
        for (int l = 1; l <= MAX_LEVEL; l++) r[l] = GaussianRule.trapezoid(h0 / l);
        return r;
    }

    /** He1 block of theory page, lora-loss. */
    static void linearMoments(double mu, double u, double m, double[] out) {
        double a = 1 - mu;
        out[0] = u - a * m;
        out[1] = -a * (1 - m * m);
        out[2] = a * a + u * u - 2 * a * u * m; // Ψ = 2L
    }

    /**
     * Tensor-product rule over (z₁, z₂). E[gν] − mE[gρ] is accumulated as √(1−m²)·E[g(√(1−m²) z₁ − m z₂)],
     * which carries the exact (1−m²) factor instead of cancelling two O(1) sums near |m| = 1.
     */
    public static void quadratureMoments(Activation s, double mu, double u, double m, GaussianRule rule1, GaussianRule rule2, double[] out) {
        double[] z = rule1.nodes(), w = rule1.weights(), y = rule2.nodes(), v2 = rule2.weights();
        int n = z.length, n2 = y.length;
        double sm = Math.sqrt(Math.max(0, 1 - m * m));
        double a = mu + u * m, b = u * sm;
        double sRho = 0, sPerp = 0, sPsi = 0;
        for (int i = 0; i < n; i++) {
            double z1 = z[i], target = s.value(z1);
            double rRho = 0, rPerp = 0, rPsi = 0;
            for (int j = 0; j < n2; j++) {
                double z2 = y[j], lam = a * z1 + b * z2, v, d;
                switch (s) {
                    // tanh via one exp (an intrinsic) instead of Math.tanh (~3x slower here); absolute error ~1e-16
                    case TANH -> { v = 1 - 2 / (Math.exp(2 * lam) + 1); d = 1 - v * v; }
                    case SIGMOID -> { v = 1 / (1 + Math.exp(-lam)); d = v * (1 - v); }
                    case ERF -> { v = FastErf.erf(lam); d = TWO_OVER_SQRT_PI * Math.exp(-lam * lam); }
                    default -> { v = s.value(lam); d = s.d1(lam); }
                }
                double g = (v - target) * d, wj = v2[j];
                rRho += wj * g * (m * z1 + sm * z2);
                rPerp += wj * g * (sm * z1 - m * z2);
                rPsi += wj * g * g;
            }
            sRho += w[i] * rRho;
            sPerp += w[i] * rPerp;
            sPsi += w[i] * rPsi;
        }
        out[0] = sRho;
        out[1] = sm * sPerp;
        out[2] = sPsi;
    }

    /**
     * ReLU, exact. With (λ, ν) ~ N(0, [[Q, R], [R, 1]]), θ = arccos(R/√Q) and the arc-cosine kernel
     * K = E[relu(λ) relu(ν)] = (√(Q−R²) + (π−θ) R)/(2π), the loss is ℓ = ½(Q/2 − 2K + 1/2), so
     * ℓ_R = −(π−θ)/(2π) and ℓ_Q = 1/4 − √(Q−R²)/(4πQ). From ∇_w L = ℓ_R ω* + 2ℓ_Q w (theory page, lora-dynamics):
     * E[gρ] = ∂_u L = ℓ_R m + 2ℓ_Q(u + μm), E[gν] − mE[gρ] = (1−m²)(ℓ_R + 2μℓ_Q).
     * Ψ = E[relu(λ)²] − 2K + E[ν² 1{ν>0, λ>0}] = Q/2 − 2K + (π − θ + c√(1−c²))/(2π), c = R/√Q
     * (the last term is the wedge integral of ν² over the positive quadrant of (ν, λ)).
     */
    public static void reluMoments(double mu, double u, double m, double[] out) {
        double q = mu * mu + u * u + 2 * mu * u * m, r = mu + u * m;
        if (!(q > 0)) { // w = 0: λ ≡ 0 and relu'(0) = 0, so g ≡ 0
            out[0] = 0;
            out[1] = 0;
            out[2] = 0;
            return;
        }
        double sq = Math.sqrt(q), perp = Math.sqrt(Math.max(0, q - r * r));
        double c = Math.max(-1, Math.min(1, r / sq)), theta = Math.acos(c);
        double kernel = (perp + (Math.PI - theta) * r) / (2 * Math.PI);
        double lR = -(Math.PI - theta) / (2 * Math.PI), lQ = 0.25 - perp / (4 * Math.PI * q);
        out[0] = lR * m + 2 * lQ * (u + mu * m);
        out[1] = (1 - m * m) * (lR + 2 * mu * lQ);
        out[2] = q / 2 - 2 * kernel + (Math.PI - theta + c * Math.sqrt(Math.max(0, 1 - c * c))) / (2 * Math.PI);
    }
}
