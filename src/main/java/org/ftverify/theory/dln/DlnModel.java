package org.ftverify.theory.dln;

/**
 * Every prediction the dln claims compare against, with the knobs mutants and power probes turn. The exact model
 * is {@link #exact()}; each {@code with...} method returns a perturbed copy (immutable).
 *
 * <ul>
 *   <li>{@code gdShrink}: one GD step multiplies the invariants by 1 − gdShrink·η²g² (exact 1; 0 = "GD conserves them
 *       like the flow", a plausible error).</li>
 *   <li>{@code kLambdaWeight}: k = kLambdaWeight·(λ⁺ − λ⁻)² + 4c² (exact 1; 0 = the negative control that ignores
 *       λ⁺ − λ⁻); {@code kScale} multiplies k (probes).</li>
 *   <li>{@code splitLambdaWeight}, {@code splitScale}: the layer split (w⁺ + w⁻)² = splitScale·(c + w·λ)(1 + √(1+β²/c²))
 *       that sets the fine-tuning scale c_FT (exact 1, 1; w = 0 drops λ from k_d).</li>
 *   <li>{@code potentialArg}: q'_k(z) = ½ asinh(a·z/√k) (exact a = 2; a = 1 is the Woodworth/Lippl argument
 *       convention mixed in by mistake, a wrong potential).</li>
 *   <li>{@code lSeriesU2}: coefficient of u² in ℓ = 2 − u²/6 + ... near u = 0 (exact 1/6); {@code pdSign}: sign of
 *       PD = (1 − ℓ)s (exact +1).</li>
 *   <li>{@code rateScale}: local rate √(k + 4β*²) times it; {@code escapeShift}: added to ln(2β* /c) in the escape time
 *       (exact 0; −ln 2 is the naive ln(β* /c)); {@code escapeScale} multiplies it.</li>
 *   <li>{@code rsNoiseOverAlpha}: whether the RS effective noise carries the 1/α (exact true); {@code rsScale}
 *       multiplies every RS generalisation error (probes); {@code lazyLimitScale} multiplies the closed-form lazy limit;
 *       {@code rsScaleRegimeIV} multiplies the RS generalisation error of Regime IV tasks only ({@link #isRegimeIV}), the
 *       probe of P11, whose rankings a uniform scale cannot move.</li>
 * </ul>
 */
public record DlnModel(double gdShrink, double kLambdaWeight, double kScale, double splitLambdaWeight, double splitScale,
                       double potentialArg, double lSeriesU2, double pdSign, double rateScale, double escapeShift,
                       double escapeScale, boolean rsNoiseOverAlpha, double rsScale, double lazyLimitScale, double rsScaleRegimeIV) {

    public static DlnModel exact() {
        return new DlnModel(1, 1, 1, 1, 1, 2, 1.0 / 6, 1, 1, 0, 1, true, 1, 1, 1);
    }

    // ---- perturbations (mutants and probes) ----
    public DlnModel withGdShrink(double s) { return new DlnModel(s, kLambdaWeight, kScale, splitLambdaWeight, splitScale, potentialArg, lSeriesU2, pdSign, rateScale, escapeShift, escapeScale, rsNoiseOverAlpha, rsScale, lazyLimitScale, rsScaleRegimeIV); }
    public DlnModel withKLambdaWeight(double w) { return new DlnModel(gdShrink, w, kScale, splitLambdaWeight, splitScale, potentialArg, lSeriesU2, pdSign, rateScale, escapeShift, escapeScale, rsNoiseOverAlpha, rsScale, lazyLimitScale, rsScaleRegimeIV); }
    public DlnModel withKScale(double s) { return new DlnModel(gdShrink, kLambdaWeight, s, splitLambdaWeight, splitScale, potentialArg, lSeriesU2, pdSign, rateScale, escapeShift, escapeScale, rsNoiseOverAlpha, rsScale, lazyLimitScale, rsScaleRegimeIV); }
    public DlnModel withSplitLambdaWeight(double w) { return new DlnModel(gdShrink, kLambdaWeight, kScale, w, splitScale, potentialArg, lSeriesU2, pdSign, rateScale, escapeShift, escapeScale, rsNoiseOverAlpha, rsScale, lazyLimitScale, rsScaleRegimeIV); }
    public DlnModel withSplitScale(double s) { return new DlnModel(gdShrink, kLambdaWeight, kScale, splitLambdaWeight, s, potentialArg, lSeriesU2, pdSign, rateScale, escapeShift, escapeScale, rsNoiseOverAlpha, rsScale, lazyLimitScale, rsScaleRegimeIV); }
    public DlnModel withPotentialArg(double a) { return new DlnModel(gdShrink, kLambdaWeight, kScale, splitLambdaWeight, splitScale, a, lSeriesU2, pdSign, rateScale, escapeShift, escapeScale, rsNoiseOverAlpha, rsScale, lazyLimitScale, rsScaleRegimeIV); }
    public DlnModel withLSeriesU2(double c) { return new DlnModel(gdShrink, kLambdaWeight, kScale, splitLambdaWeight, splitScale, potentialArg, c, pdSign, rateScale, escapeShift, escapeScale, rsNoiseOverAlpha, rsScale, lazyLimitScale, rsScaleRegimeIV); }
    public DlnModel withPdSign(double s) { return new DlnModel(gdShrink, kLambdaWeight, kScale, splitLambdaWeight, splitScale, potentialArg, lSeriesU2, s, rateScale, escapeShift, escapeScale, rsNoiseOverAlpha, rsScale, lazyLimitScale, rsScaleRegimeIV); }
    public DlnModel withRateScale(double s) { return new DlnModel(gdShrink, kLambdaWeight, kScale, splitLambdaWeight, splitScale, potentialArg, lSeriesU2, pdSign, s, escapeShift, escapeScale, rsNoiseOverAlpha, rsScale, lazyLimitScale, rsScaleRegimeIV); }
    public DlnModel withEscapeShift(double s) { return new DlnModel(gdShrink, kLambdaWeight, kScale, splitLambdaWeight, splitScale, potentialArg, lSeriesU2, pdSign, rateScale, s, escapeScale, rsNoiseOverAlpha, rsScale, lazyLimitScale, rsScaleRegimeIV); }
    public DlnModel withEscapeScale(double s) { return new DlnModel(gdShrink, kLambdaWeight, kScale, splitLambdaWeight, splitScale, potentialArg, lSeriesU2, pdSign, rateScale, escapeShift, s, rsNoiseOverAlpha, rsScale, lazyLimitScale, rsScaleRegimeIV); }
    public DlnModel withRsNoiseOverAlpha(boolean b) { return new DlnModel(gdShrink, kLambdaWeight, kScale, splitLambdaWeight, splitScale, potentialArg, lSeriesU2, pdSign, rateScale, escapeShift, escapeScale, b, rsScale, lazyLimitScale, rsScaleRegimeIV); }
    public DlnModel withRsScale(double s) { return new DlnModel(gdShrink, kLambdaWeight, kScale, splitLambdaWeight, splitScale, potentialArg, lSeriesU2, pdSign, rateScale, escapeShift, escapeScale, rsNoiseOverAlpha, s, lazyLimitScale, rsScaleRegimeIV); }
    public DlnModel withRsScaleRegimeIV(double s) { return new DlnModel(gdShrink, kLambdaWeight, kScale, splitLambdaWeight, splitScale, potentialArg, lSeriesU2, pdSign, rateScale, escapeShift, escapeScale, rsNoiseOverAlpha, rsScale, lazyLimitScale, s); }
    public DlnModel withLazyLimitScale(double s) { return new DlnModel(gdShrink, kLambdaWeight, kScale, splitLambdaWeight, splitScale, potentialArg, lSeriesU2, pdSign, rateScale, escapeShift, escapeScale, rsNoiseOverAlpha, rsScale, s, rsScaleRegimeIV); }

    // ---- P1: the discrete-time law of the invariants ----

    /** Factor by which one GD step with step η and gradient g multiplies c, λ⁺ and λ⁻: 1 − η²g². */
    public double gdFactor(double eta, double g) {
        return 1 - gdShrink * eta * eta * g * g;
    }

    // ---- P2/P3: the coordinate geometry ----

    /** k = (λ⁺ − λ⁻)² + 4c² from the invariants of one coordinate. */
    public double k(double c, double lambdaPlus, double lambdaMinus) {
        double d = lambdaPlus - lambdaMinus;
        return kScale * (kLambdaWeight * d * d + 4 * c * c);
    }

    /** Mirror map q'_k(z) = ½ asinh(2z/√k). */
    public double mirror(double k, double z) {
        return 0.5 * Hyperbolic.asinh(potentialArg * z / Math.sqrt(k));
    }

    /** Inverse mirror map: the z with q'_k(z) = m, z = (√k/2) sinh(2m). */
    public double inverseMirror(double k, double m) {
        return Math.sqrt(k) / potentialArg * Math.sinh(2 * m);
    }

    /** Curvature of the dual potential at m: dz/dm = √k cosh(2m). */
    public double inverseMirrorSlope(double k, double m) {
        return 2 * Math.sqrt(k) / potentialArg * Math.cosh(2 * m);
    }

    /** Dual potential Q*(m) = (√k/4) cosh(2m), an antiderivative of {@link #inverseMirror} in m. */
    public double dualPotential(double k, double m) {
        return Math.sqrt(k) / (2 * potentialArg) * Math.cosh(2 * m);
    }

    /** q_k(z) = (√k/4)(1 − √(1 + u²) + u asinh u), u = 2z/√k. */
    public double potential(double k, double z) {
        double sk = Math.sqrt(k);
        return sk / (2 * potentialArg) * Hyperbolic.g(potentialArg * z / sk);
    }

    /** q''_k(z) = 1/√(k + 4z²). */
    public double mirrorSlope(double k, double z) {
        return (potentialArg / 2) / Math.sqrt(k + potentialArg * potentialArg * z * z);
    }

    /** The argument u = 2z/√k of the ℓ-order. */
    public double u(double k, double z) {
        return potentialArg * z / Math.sqrt(k);
    }

    /** Reduced flow speed factor: dβ/dt = √(k + 4β²)·s. */
    public double speed(double k, double beta) {
        return Math.sqrt(k + 4 * beta * beta);
    }

    // ---- P4/P5: pretrained geometry and the fine-tuning scale ----

    /** (w⁺ + w⁻)² after pretraining to β with scale c and raw relative scale λ: (c + λ)(1 + √(1 + β²/c²)). */
    public double layerSplit(double c, double lambda, double beta) {
        return splitScale * (c + splitLambdaWeight * lambda) * (1 + Math.sqrt(1 + (beta / c) * (beta / c)));
    }

    /** Fine-tuning scale c_FT = (w⁺ + w⁻)² + γ²/2 of Theorem 4.1; k_d = 4 c_FT². */
    public double cFt(double c, double lambda, double betaPt, double gamma) {
        return layerSplit(c, lambda, betaPt) + gamma * gamma / 2;
    }

    // ---- P6: regime diagnostics ----

    /** ℓ-order of the penalty at u = 2 b_FT/√k. */
    public double lOrder(double u) {
        return Hyperbolic.lOrder(u, lSeriesU2);
    }

    /** s = ∂ log √k / ∂ log |b_PT| at fixed b_FT, with √k = 2 c_FT. */
    public double sensitivity(double c, double lambdaN, double bPt, double gamma) {
        double cft = cFt(c, lambdaN * c, bPt, gamma);
        return splitScale * (1 + splitLambdaWeight * lambdaN) * c * bPt * bPt / (c * Math.sqrt(c * c + bPt * bPt) * cft);
    }

    /** Pretraining dependence PD = (1 − ℓ)·s. */
    public double pd(double l, double s) {
        return pdSign * (1 - l) * s;
    }

    // ---- P9/P10: time scales ----

    /** Local convergence rate at the fixed point β*: √(k + 4β*²). */
    public double localRate(double k, double betaStar) {
        return rateScale * Math.sqrt(k + 4 * betaStar * betaStar);
    }

    /** Leading-order escape time from β = 0 to β* /2 with k = 4c²: ln(2β* /c)/(2β*). */
    public double escapeTime(double c, double betaStar) {
        return escapeScale * (Math.log(2 * betaStar / c) + escapeShift) / (2 * betaStar);
    }

    /** Regime IV of the fine-tuning initialisation: a moderately imbalanced layer scale (−0.9999 < λ_n ≤ −0.5) and no readout reset. */
    public static boolean isRegimeIV(FtTask t) {
        return t.lambdaN() > -0.9999 && t.lambdaN() <= -0.5 && t.gamma() == 0;
    }

    /** Lazy-limit RS generalisation error (K → ∞ uniformly): 1 − α for α < 1. */
    public double lazyLimit(double alpha) {
        return lazyLimitScale * Math.max(0, 1 - alpha);
    }
}
