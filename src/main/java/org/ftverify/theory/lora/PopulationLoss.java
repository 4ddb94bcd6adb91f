package org.ftverify.theory.lora;

/**
 * Population loss L(u, m) = ½ E[(σ(λ) − σ(ν))²] of theory page, lora-notation/lora-loss, a function of R = μ + um and
 * Q = μ² + u² + 2μum only. Closed forms for lin, He_k (variance-Q Hermite expansion), erf (arcsin form) and
 * ReLU (arc-cosine kernel); tanh and sigmoid, which have none, fall back to {@link #reference}, which is also the
 * independent quadrature the closed forms are checked against.
 */
public final class PopulationLoss {
    private PopulationLoss() {}

    public static double overlapR(double mu, double u, double m) {
        return mu + u * m;
    }

    public static double normQ(double mu, double u, double m) {
        return mu * mu + u * u + 2 * mu * u * m;
    }

    public static boolean hasClosedForm(Activation s) {
        return s != Activation.TANH && s != Activation.SIGMOID;
    }

    /** Closed form where one exists, otherwise the reference quadrature. */
    public static double of(Activation s, double mu, double u, double m) {
        double r = overlapR(mu, u, m), q = normQ(mu, u, m);
        return switch (s) {
            case LIN, HE1 -> 0.5 * (q - 2 * r + 1);
            case ERF -> (Math.asin(2 * q / (1 + 2 * q)) + Math.asin(2.0 / 3) - 2 * Math.asin(2 * r / Math.sqrt(3 * (1 + 2 * q)))) / Math.PI;
            case RELU -> relu(r, q);
            case TANH, SIGMOID -> reference(s, mu, u, m);
            default -> hermite(s.hermiteOrder(), r, q);
        };
    }

    /**
     * He_k: E[He_k(λ)²] = Σ_j [k!/(j!(k−2j)!)]² ((Q−1)/2)^{2j} Q^{k−2j} (k−2j)!, E[He_k(λ)He_k(ν)] = k! R^k,
     * L = ½[E He_k(λ)² − 2k! R^k + k!] (theory page, lora-loss, "General He_k loss").
     */
    static double hermite(int k, double r, double q) {
        double second = 0, kf = SaddleRates.factorial(k);
        for (int j = 0; 2 * j <= k; j++) {
            double c = kf / (SaddleRates.factorial(j) * SaddleRates.factorial(k - 2 * j));
            second += c * c * Math.pow((q - 1) / 2, 2 * j) * Math.pow(q, k - 2 * j) * SaddleRates.factorial(k - 2 * j);
        }
        return 0.5 * (second - 2 * kf * Math.pow(r, k) + kf);
    }

    /** ReLU: ½(Q/2 − 2K + 1/2) with the arc-cosine kernel K = (√(Q−R²) + (π − arccos(R/√Q)) R)/(2π). */
    static double relu(double r, double q) {
        if (!(q > 0)) return 0.25;
        double c = Math.max(-1, Math.min(1, r / Math.sqrt(q)));
        double kernel = (Math.sqrt(Math.max(0, q - r * r)) + (Math.PI - Math.acos(c)) * r) / (2 * Math.PI);
        return 0.5 * (q / 2 - 2 * kernel + 0.5);
    }

    /**
     * Reference 2-D quadrature of the loss: 100×100 Gauss–Hermite for polynomial σ (exact: degree 2k ≤ 199),
     * 180×180 Gauss–Hermite for ReLU (kinks: ~1e-3 only), and for tanh, sigmoid and erf the drift's scale-adapted
     * trapezoid rules at twice the resolution (Gauss–Hermite 100×100 was measured at 8e-10 error for erf at Q ≈ 2.8).
     */
    public static double reference(Activation s, double mu, double u, double m) {
        return switch (s) {
            case TANH, SIGMOID, ERF -> {
                GaussianRule[] rules = LoraDrift.trapezoidRules(s);
                double sm = Math.sqrt(Math.max(0, 1 - m * m));
                yield quadrature(s, mu, u, m, rules[LoraDrift.level(mu + u * m, 2)], rules[LoraDrift.level(u * sm, 2)]);
            }
            case RELU -> quadrature(s, mu, u, m, GaussianRule.hermite(180), GaussianRule.hermite(180));
            default -> quadrature(s, mu, u, m, GaussianRule.hermite(LoraDrift.REFERENCE_POINTS), GaussianRule.hermite(LoraDrift.REFERENCE_POINTS));
        };
    }

    /** ½ E[(σ(λ) − σ(ν))²] by a tensor rule over ν = z₁ (rule1), ρ = m z₁ + √(1−m²) z₂ (z₂ from rule2). */
    public static double quadrature(Activation s, double mu, double u, double m, GaussianRule rule1, GaussianRule rule2) {
        double sm = Math.sqrt(Math.max(0, 1 - m * m)), a = mu + u * m, b = u * sm, sum = 0;
        for (int i = 0; i < rule1.size(); i++) {
            double z1 = rule1.node(i), target = s.value(z1), row = 0;
            for (int j = 0; j < rule2.size(); j++) {
                double e = s.value(a * z1 + b * rule2.node(j)) - target;
                row += rule2.weight(j) * e * e;
            }
            sum += rule1.weight(i) * row;
        }
        return 0.5 * sum;
    }
}
