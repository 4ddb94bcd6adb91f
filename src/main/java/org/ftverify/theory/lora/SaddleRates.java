package org.ftverify.theory.lora;

/**
 * The saddle coefficients A(μ), B(μ) of theory page, lora-saddle (linearisation at the pre-trained point (u, m) = (0, 0),
 * d/dα (u, m) = γ [[B, A], [A, 0]] (u, m)), all normalised by {@link Activation#lrNormalisation()} (k!·k for He_k),
 * in three independent forms so that they can check one another:
 * <ul>
 * <li>direct form (quadrature of A = E[(σ*(z) − σ(μz)) σ'(μz) z], B = −E[σ'(μz)² + (σ(μz) − σ*(z)) σ''(μz)]);</li>
 * <li>the authors' Hermite-series form (finite for pure He_K, the notebooks' closed coefficients);</li>
 * <li>closed forms: He1..He6, lin, ReLU (exact (1−μ)/2 and −1/2) and erf.</li>
 * </ul>
 * Matched teacher σ* = σ throughout.
 */
public final class SaddleRates {
    /**
     * 1-D rule for the direct form. 120 points: exact for He_k (degree ≤ 2k ≤ 12 needs ≥ 7 points); for tanh,
     * sigmoid and erf the Gauss–Hermite error decays like exp(−c√n) and is below 1e-13 here (measured in
     * SaddleRatesTest against 180 points); ReLU's kink sits at z = 0 and the even, symmetric rule integrates
     * z² 1{z > 0} exactly, so ReLU is exact too.
     */
    static final int DIRECT_POINTS = 120;

    private SaddleRates() {}

    /** Direct form of A(μ), normalised. */
    public static double directA(Activation s, double mu) {
        GaussianRule g = GaussianRule.hermite(DIRECT_POINTS);
        double[] z = g.nodes(), w = g.weights();
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double x = mu * z[i];
            sum += w[i] * (s.value(z[i]) - s.value(x)) * s.d1(x) * z[i];
        }
        return sum / s.lrNormalisation();
    }

    /** Direct form of B(μ), normalised. */
    public static double directB(Activation s, double mu) {
        GaussianRule g = GaussianRule.hermite(DIRECT_POINTS);
        double[] z = g.nodes(), w = g.weights();
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double x = mu * z[i], d1 = s.d1(x);
            sum += w[i] * (d1 * d1 + (s.value(x) - s.value(z[i])) * s.d2(x));
        }
        return -sum / s.lrNormalisation();
    }

    /**
     * The authors' series form for pure σ = σ* = He_K (theory page, lora-saddle first block, r = μ²), finite because the
     * coefficients vanish for k > K. It has μ^{−k} weights, so it is only used away from μ = 0 as a cross-check.
     */
    public static double seriesA(int bigK, double mu) {
        requireHermiteOrder(bigK);
        requireSeriesMu(mu);
        double r = mu * mu, sum = 0;
        for (int k = 0; k <= bigK; k++) {
            double sk = k == bigK ? factorial(bigK) : 0;
            sum += sigmaBar(bigK, k, r) / (factorial(k) * Math.pow(mu, k + 1)) * (sigmaR(bigK, k, r) / Math.pow(mu, k) - sk);
        }
        return -sum / (factorial(bigK) * bigK);
    }

    public static double seriesB(int bigK, double mu) {
        requireHermiteOrder(bigK);
        requireSeriesMu(mu);
        double r = mu * mu, sum = 0;
        for (int k = 0; k <= bigK; k++) {
            // The authors' series has a second term K!·(σ_K^[r] − σ̄_K^[r]/K)/((K−1)! μ^{K+2}) at k = K only; it vanishes
            // identically because σ̄_K^[r] = K σ_K^[r] there (its extra part needs k <= K - 2), so it is left out.
            sum += sigmaBar(bigK, k, r) * sigmaR(bigK, k, r) / (factorial(k) * Math.pow(mu, 2 * k + 2));
        }
        return -sum / (factorial(bigK) * bigK);
    }

    /** σ_k^[r] = E[He_k^[r](X) He_K(X)], X ~ N(0, r): K! r^k ((r−1)/2)^j / j! with j = (K−k)/2. */
    static double sigmaR(int bigK, int k, double r) {
        int twoJ = bigK - k;
        if (twoJ < 0 || twoJ % 2 != 0) return 0;
        int j = twoJ / 2;
        return factorial(bigK) * Math.pow(r, k) * Math.pow((r - 1) / 2, j) / factorial(j);
    }

    /** σ̄_k^[r] = E[X He_k^[r](X) He_K'(X)] = K σ_k^[r] + K! r^k ((r−1)/2)^j / j! with j = (K−2−k)/2. */
    static double sigmaBar(int bigK, int k, double r) {
        double v = bigK * sigmaR(bigK, k, r);
        int twoJ = bigK - 2 - k;
        if (twoJ >= 0 && twoJ % 2 == 0) {
            int j = twoJ / 2;
            v += factorial(bigK) * Math.pow(r, k) * Math.pow((r - 1) / 2, j) / factorial(j);
        }
        return v;
    }

    /** Closed form of A(μ) (normalised) for lin, ReLU, erf and He1..He6 (theory page, lora-saddle). */
    public static double closedA(Activation s, double mu) {
        double m2 = mu * mu;
        return switch (s) {
            case LIN, HE1 -> 1 - mu;
            case RELU -> (1 - mu) / 2;
            case ERF -> Math.sqrt(2) / Math.PI / (m2 + 0.5) * (1 / Math.sqrt(m2 + 1.5) - mu / Math.sqrt(2 * m2 + 0.5));
            case HE2 -> 1.5 * mu * (1 - m2);
            case HE3 -> 0.5 * mu * (1 - mu) * (5 * m2 * mu + 5 * m2 + mu - 1);
            case HE4 -> mu * (1 - m2) * (35 * m2 * m2 - 10 * m2 + 3) / 8;
            case HE5 -> mu * (1 - mu) * (((((((63 * mu + 63) * mu - 49) * mu - 49) * mu + 29) * mu + 21) * mu - 3) * mu - 3) / 8;
            case HE6 -> mu * (1 - m2) * (((231 * m2 - 294) * m2 + 196) * m2 * m2 - 50 * m2 + 5) / 16;
            default -> throw noClosedForm(s);
        };
    }

    /** Closed form of B(μ) (normalised), same activations as {@link #closedA}. */
    public static double closedB(Activation s, double mu) {
        double m2 = mu * mu;
        return switch (s) {
            case LIN, HE1 -> -1;
            case RELU -> -0.5;
            case ERF -> -4 / Math.PI / Math.sqrt(1 + 4 * m2) - 2 * mu * closedA(Activation.ERF, mu);
            case HE2 -> (1 - 3 * m2) / 2;
            case HE3 -> -2.5 * m2 * m2 + 2 * m2 - 0.5;
            case HE4 -> ((-35 * m2 + 45) * m2 - 21) * m2 / 8 + 3.0 / 8;
            case HE5 -> (((-63.0 / 8 * m2 + 14) * m2 - 39.0 / 4) * m2 + 3) * m2 - 3.0 / 8;
            case HE6 -> ((((-231.0 * m2 + 525) * m2 - 490) * m2 + 230) * m2 - 55) * m2 / 16 + 5.0 / 16;
            default -> throw noClosedForm(s);
        };
    }

    public static boolean hasClosedForm(Activation s) {
        return s != Activation.TANH && s != Activation.SIGMOID;
    }

    /** Unstable eigenvalue λ₊ = (B + √(B² + 4A²))/2 of [[B, A], [A, 0]], written without cancellation. */
    public static double lambdaPlus(double a, double b) {
        double root = Math.sqrt(b * b + 4 * a * a);
        return b >= 0 ? (b + root) / 2 : 2 * a * a / (root - b);
    }

    /** τ = 1/λ₊ (infinite when A = 0 and B ≤ 0: the whole line u = 0 is then fixed). */
    public static double tau(double a, double b) {
        double lp = lambdaPlus(a, b);
        return lp > 0 ? 1 / lp : Double.POSITIVE_INFINITY;
    }

    /** Linear closed form τ_lin(μ) = (1 + √(1 + 4(1−μ)²)) / (2(1−μ)²). */
    public static double tauLinear(double mu) {
        double a2 = (1 - mu) * (1 - mu);
        return (1 + Math.sqrt(1 + 4 * a2)) / (2 * a2);
    }

    static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) f *= i;
        return f;
    }

    private static void requireHermiteOrder(int k) {
        if (k < 1 || k > 12) throw new IllegalArgumentException("K: Hermite order must be in [1, 12], got " + k);
    }

    private static void requireSeriesMu(double mu) {
        if (!(mu > 0 && mu <= 1)) throw new IllegalArgumentException("mu: the series form needs mu in (0, 1], got " + mu);
    }

    private static IllegalArgumentException noClosedForm(Activation s) {
        return new IllegalArgumentException("activation: no closed form of A, B for '" + s.id() + "'; allowed: lin, relu, erf, he1..he6");
    }
}
