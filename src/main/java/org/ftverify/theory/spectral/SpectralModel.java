package org.ftverify.theory.spectral;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every prediction of the spectral theory (docs/theory/spectral.adoc), as one immutable object so a mutant or a power
 * probe can change one of them: {@link #withScale} multiplies a named prediction by a factor (a probe: "off by
 * delta"), {@link #with} switches on a named modelling error (a mutant: the gap dropped from Wedin's bound, a moved
 * threshold, the residual without the off-diagonal energy, ...). The exact model has neither.
 */
public final class SpectralModel {
    /** Structural errors a mutant can switch on. */
    public enum Error {
        /** Wedin's denominator sigma~_k instead of the gap sigma~_k - sigma_{k+1}. */
        WEDIN_GAP_DROPPED,
        /** First-order v-instability without the (p - m)/sigma_i^2 term of the extra right dimensions. */
        FIRST_ORDER_V_EXTRA_DIMENSIONS_DROPPED,
        /** M3 coefficients with the linear (gradient-flow) instead of the logistic law. */
        M3_LINEAR_INSTEAD_OF_LOGISTIC,
        /** Frozen-basis (diagonal) residual without the off-diagonal energy of U_k^T W* V_k. */
        RESIDUAL_WITHOUT_OFF_DIAGONAL,
        /**
         * Frozen-basis drift with an extra term quadratic in the displacement from the optimum, -(rate/2) x|x|/sigma_i: it
         * vanishes at the optimum and leaves the relaxation rate there unchanged, so it lives only in the transients.
         */
        COEFFICIENT_DRIFT_TRANSIENT_TERM,
        /** Rectangular spike threshold c^(1/4) moved up by 20 %. */
        BGN_THRESHOLD_MOVED,
        /** Shared-noise overlap replaced by the independent-noise product rho_u rho_u. */
        SHARED_NOISE_AS_INDEPENDENT,
        /** Covariance (BBP) threshold sqrt(gamma) moved up by 20 %. */
        BBP_THRESHOLD_MOVED,
        /** Crossing time ln(1 + theta0/eta): the target's own coefficient theta' forgotten. */
        CROSSING_IGNORES_TARGET,
        /** LoRA's trainable count as r d_in per matrix: the second factor B (d_out x r) forgotten. */
        LORA_ONE_FACTOR
    }

    private static final SpectralModel EXACT = new SpectralModel(Map.of(), Set.of());
    private final Map<String, Double> scales;
    private final Set<Error> errors;

    private SpectralModel(Map<String, Double> scales, Set<Error> errors) {
        this.scales = Map.copyOf(scales);
        this.errors = Set.copyOf(errors);
    }

    public static SpectralModel exact() {
        return EXACT;
    }

    /** The model with prediction {@code quantity} multiplied by {@code factor} (a power probe). */
    public SpectralModel withScale(String quantity, double factor) {
        Map<String, Double> s = new HashMap<>(scales);
        s.put(quantity, factor);
        return new SpectralModel(s, errors);
    }

    /** The model with one modelling error switched on (a mutant). */
    public SpectralModel with(Error e) {
        Set<Error> s = new HashSet<>(errors);
        s.add(e);
        return new SpectralModel(scales, s);
    }

    double scale(String quantity) {
        return scales.getOrDefault(quantity, 1.0);
    }

    boolean has(Error e) {
        return errors.contains(e);
    }

    // ---- P1: Weyl and Wedin ------------------------------------------------------------------------------------

    /** Weyl: |sigma~_i - sigma_i| <= ||Delta||_op. */
    public double weylBound(double normDelta) {
        return scale("weyl-bound") * normDelta;
    }

    /** Wedin: sin-theta <= numerator / (sigma~_k - sigma_{k+1}); numerator = max(||Delta V~_k||, ||Delta^T U~_k||). */
    public double wedinBound(double numerator, double sigmaTildeK, double sigmaK1) {
        double gap = has(Error.WEDIN_GAP_DROPPED) ? sigmaTildeK : sigmaTildeK - sigmaK1;
        return scale("wedin-bound") * numerator / gap;
    }

    /** Wedin with W0's gap only: ||sin Theta|| <= ||Delta|| / (delta_k - ||Delta||) when ||Delta|| < delta_k. */
    public double wedinW0Bound(double normDelta, double sigmaK, double sigmaK1) {
        double gap = has(Error.WEDIN_GAP_DROPPED) ? sigmaK : sigmaK - sigmaK1;
        return scale("wedin-bound") * normDelta / (gap - normDelta);
    }

    /** Davis–Kahan through the symmetric dilation: sqrt(1 - c_i^2) <= 2 ||Delta||_op / g_i (two-sided gap g_i). */
    public double dilationBound(double normDelta, double twoSidedGap) {
        return scale("wedin-bound") * 2 * normDelta / twoSidedGap;
    }

    // ---- P2: first-order instability -----------------------------------------------------------------------------

    /** E[1 - <u_i, u~_i>^2] / eps^2 for Delta with iid N(0, eps^2) entries (sigma of length m, index i 0-based). */
    public double firstOrderU(double[] sigma, int i) {
        double s = 0, si2 = sigma[i] * sigma[i];
        for (int j = 0; j < sigma.length; j++) {
            if (j == i) continue;
            double sj2 = sigma[j] * sigma[j];
            s += (si2 + sj2) / ((si2 - sj2) * (si2 - sj2));
        }
        return scale("first-order") * s;
    }

    /** E[1 - <v_i, v~_i>^2] / eps^2: the u-sum plus (p - m)/sigma_i^2 from the p - m right directions W0 does not use. */
    public double firstOrderV(double[] sigma, int i, int p) {
        double extra = has(Error.FIRST_ORDER_V_EXTRA_DIMENSIONS_DROPPED) ? 0 : (p - sigma.length) / (sigma[i] * sigma[i]);
        return firstOrderU(sigma, i) + scale("first-order") * extra;
    }

    // ---- P3: aligned fine-tuning ---------------------------------------------------------------------------------

    /** M2 gradient flow, Sigma = I, aligned target: sigma_i(t) = e^-t sigma_i + (1 - e^-t) s*_i. */
    public double m2Coefficient(double t, double s0, double sStar) {
        double moved = gfRelaxation(t, 1);
        return (1 - moved) * s0 + moved * sStar;
    }

    /** Fraction 1 - e^{-lambda t} of the way to the target that M2's flow covers along an eigendirection of Sigma with eigenvalue lambda. */
    public double gfRelaxation(double t, double lambda) {
        return -Math.expm1(-scale("gf-rate") * lambda * t);
    }

    /** M3 two-layer linear network: s(t) = s* / (1 + (sStar/s0 - 1) e^{-2 s* t}) (logistic, rate 2 s*). */
    public double m3Coefficient(double t, double s0, double sStar) {
        double rate = 2 * scale("logistic-rate") * sStar;
        if (has(Error.M3_LINEAR_INSTEAD_OF_LOGISTIC)) return sStar + (s0 - sStar) * Math.exp(-rate * t);
        return sStar / (1 + (sStar / s0 - 1) * Math.exp(-rate * t));
    }

    // ---- P4: frozen basis -----------------------------------------------------------------------------------------

    /** Decay rate of coefficient i under gradient flow of the frozen-basis loss: v_i^T Sigma v_i. */
    public double coefficientRate(double vSigmaV) {
        return scale("coefficient-rate") * vSigmaV;
    }

    /**
     * Drift ds_i/dt of the frozen-basis gradient flow at displacement x = s_i - s_i^opt: -(v_i^T Sigma v_i) x. {@code scale}
     * (the pretrained sigma_i) only sets the size of the transient-term mutant.
     */
    public double coefficientDrift(double displacement, double vSigmaV, double scale) {
        double rate = coefficientRate(vSigmaV), drift = -rate * displacement;
        if (has(Error.COEFFICIENT_DRIFT_TRANSIENT_TERM)) drift -= transientStrength(scale) * rate * displacement * Math.abs(displacement);
        return drift;
    }

    /**
     * Displacement x(t) = s_i(t) - s_i^opt solving {@link #coefficientDrift} from x0: x0 e^{-rate t} (with the transient
     * term, a x^2 added, the Bernoulli solution x0 e^{-rate t}/(1 + a|x0|(1 - e^{-rate t}))).
     */
    public double coefficientDisplacement(double t, double x0, double vSigmaV, double scale) {
        double decay = Math.exp(-coefficientRate(vSigmaV) * t);
        if (!has(Error.COEFFICIENT_DRIFT_TRANSIENT_TERM)) return x0 * decay;
        return x0 * decay / (1 + transientStrength(scale) * Math.abs(x0) * -Math.expm1(-coefficientRate(vSigmaV) * t));
    }

    private static double transientStrength(double scale) {
        return 0.5 / scale;
    }

    /** Optimal coefficient s_i = u_i^T (W* - W_res) Sigma v_i / (v_i^T Sigma v_i). */
    public double optimalCoefficient(double uTargetSigmaV, double vSigmaV) {
        return scale("frozen-optimum") * uTargetSigmaV / vSigmaV;
    }

    /**
     * Twice the minimum frozen-basis loss at Sigma = I: ||W* - W_res||_F^2 minus the captured energy, sum_i (u_i^T W* v_i)^2
     * for the diagonal variant (the whole ||U_k^T W* V_k||_F^2 for the k x k core).
     */
    public double frozenResidual(double targetEnergy, double diagonalEnergy, double blockEnergy, boolean core) {
        boolean dropOff = has(Error.RESIDUAL_WITHOUT_OFF_DIAGONAL);
        double captured = core || dropOff ? blockEnergy : diagonalEnergy;
        return scale("frozen-residual") * (targetEnergy - captured);
    }

    // ---- P5: rectangular spiked model (BGN) ------------------------------------------------------------------------

    /** theta_c^4: the detectability threshold of a rectangular spike, c (c^(1/4) is the threshold). */
    double bgnThreshold4(double c) {
        double t = has(Error.BGN_THRESHOLD_MOVED) ? 1.2 : 1;
        return c * Math.pow(t, 4);
    }

    /** Top singular value limit z(theta) = sqrt((1 + theta^2)(c + theta^2))/theta above threshold, 1 + sqrt(c) below. */
    public double bgnValue(double theta, double c) {
        double t2 = theta * theta;
        if (t2 * t2 <= bgnThreshold4(c)) return scale("bgn-value") * (1 + Math.sqrt(c));
        return scale("bgn-value") * Math.sqrt((1 + t2) * (c + t2)) / theta;
    }

    /** Left overlap limit rho_u = (theta^4 - c)/(theta^2 (theta^2 + c)), 0 below threshold. */
    public double rhoU(double theta, double c) {
        double t2 = theta * theta;
        return scale("bgn-overlap") * Math.max(0, (t2 * t2 - bgnThreshold4(c)) / (t2 * (t2 + c)));
    }

    /** Right overlap limit rho_v = (theta^4 - c)/(theta^2 (theta^2 + 1)), 0 below threshold. */
    public double rhoV(double theta, double c) {
        double t2 = theta * theta;
        return scale("bgn-overlap") * Math.max(0, (t2 * t2 - bgnThreshold4(c)) / (t2 * (t2 + 1)));
    }

    /** Pretraining samples n* = sigma^2 sqrt(m p)/theta^2 above which the spike is detectable. */
    public double detectableSampleSize(double noise, double theta, int m, int p) {
        return noise * noise * Math.sqrt(bgnThreshold4((double) m / p)) * p / (theta * theta);
    }

    // ---- P6, P7: shared-noise overlap (reconstructed, unreviewed) ---------------------------------------------------

    /** Limit of <u^(X1), u^(X2)>^2 for X_j = theta_j a b^T + N with the same noise N. */
    public double sharedU(double t1, double t2, double c) {
        if (has(Error.SHARED_NOISE_AS_INDEPENDENT)) return rhoU(t1, c) * rhoU(t2, c);
        return scale("shared-overlap") * shared(t1, t2, c, c);
    }

    /** Limit of <v^(X1), v^(X2)>^2 (same noise). */
    public double sharedV(double t1, double t2, double c) {
        if (has(Error.SHARED_NOISE_AS_INDEPENDENT)) return rhoV(t1, c) * rhoV(t2, c);
        return scale("shared-overlap") * shared(t1, t2, c, 1);
    }

    private static double shared(double t1, double t2, double c, double side) {
        double a = t1 * t1, b = t2 * t2, x = t1 * t2 + side, d = a * b - c;
        return x * x * (a * a - c) * (b * b - c) / (d * d * (a + side) * (b + side));
    }

    /** Stability after fine-tuning time t toward theta' a b^T (M2, Sigma = I) of a checkpoint with effective SNR thetaEff. */
    public double stability(double thetaEff, double t, double thetaPrime, double noiseScale, double c) {
        return sharedU(thetaEff, thetaEff + Math.expm1(t) * thetaPrime / noiseScale, c);
    }

    // ---- P8: covariance spike (BBP) ---------------------------------------------------------------------------------

    private double bbpThreshold2(double gamma) {
        double t = has(Error.BBP_THRESHOLD_MOVED) ? 1.2 : 1;
        return gamma * t * t;
    }

    /** Top sample eigenvalue limit (1 + theta)(1 + gamma/theta) above sqrt(gamma), (1 + sqrt(gamma))^2 below. */
    public double bbpEigenvalue(double theta, double gamma) {
        if (theta * theta <= bbpThreshold2(gamma)) return scale("bbp-eigenvalue") * Math.pow(1 + Math.sqrt(gamma), 2);
        return scale("bbp-eigenvalue") * (1 + theta) * (1 + gamma / theta);
    }

    /** Overlap limit (1 - gamma/theta^2)/(1 + gamma/theta), 0 below threshold. */
    public double bbpOverlap(double theta, double gamma) {
        return scale("bbp-overlap") * Math.max(0, (1 - bbpThreshold2(gamma) / (theta * theta)) / (1 + gamma / theta));
    }

    // ---- P9: intruder crossing time -----------------------------------------------------------------------------------

    /** Time at which a new target mode eta overtakes the pretrained mode theta0 (target theta' on it): ln(1 + theta0/(eta - theta')). */
    public double crossingTime(double theta0, double thetaPrime, double eta) {
        double denominator = has(Error.CROSSING_IGNORES_TARGET) ? eta : eta - thetaPrime;
        return scale("crossing-time") * Math.log1p(theta0 / denominator);
    }

    // ---- P10: parameter arithmetic ------------------------------------------------------------------------------------

    /** Trainable coefficients of one d_out x d_in matrix: k (diagonal) or k^2 (k x k core). */
    public long coefficientsPerMatrix(int k, boolean core) {
        long n = core ? (long) k * k : k;
        return Math.round(scale("param-count") * n);
    }

    /** LoRA rank-r adapter on one d_out x d_in matrix: A (r x d_in) and B (d_out x r), r (d_in + d_out) parameters. */
    public long loraPerMatrix(int r, int dIn, int dOut) {
        long n = has(Error.LORA_ONE_FACTOR) ? (long) r * dIn : (long) r * (dIn + dOut);
        return Math.round(scale("param-count") * n);
    }
}
