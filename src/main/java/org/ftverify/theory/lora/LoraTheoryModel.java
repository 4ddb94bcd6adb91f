package org.ftverify.theory.lora;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ftverify.ode.Event;
import org.ftverify.ode.OdeSolver;
import org.ftverify.ode.Trajectory;

/**
 * The LoRA theory under test (theory page, anchor lora-dynamics): every prediction a claim compares against comes from
 * this object. It is a facade over the parts that compute (saddle rates {@link SaddleRates}, drift {@link LoraDrift},
 * population loss {@link PopulationLoss}, fixed points {@link FixedPoints}) plus a map of {@link Knob}s: the exact
 * theory has every knob at its exact value, a mutant or power probe turns one ({@link #with}).
 *
 * <p>Conventions (lora-notation): σ = σ* (matched teacher); γ is the EFFECTIVE rate ηd/B, so for He_k the caller
 * passes γ₀/(k!k) and the drift uses the raw He_k; A, B and τ are normalised by k!k, so τ is in base-lr t-units.
 * Immutable and thread-safe.
 */
public final class LoraTheoryModel {
    private static final LoraTheoryModel EXACT = new LoraTheoryModel(new EnumMap<>(Knob.class));
    /** Per-thread scratch for the three drift moments: the drift must not allocate. */
    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[3]);

    private final Map<Knob, Double> turned;
    private final double tauScale, reluTauScale, noiseFactor, fixedPointShift, kappaScale, lossScale, saddleShift, saddleScale, driftScale, transient_;

    private LoraTheoryModel(EnumMap<Knob, Double> turned) {
        this.turned = turned;
        tauScale = knob(Knob.TAU_SCALE);
        reluTauScale = knob(Knob.RELU_TAU_SCALE);
        noiseFactor = knob(Knob.NOISE_FACTOR);
        fixedPointShift = knob(Knob.FIXED_POINT_SHIFT);
        kappaScale = knob(Knob.KAPPA_SCALE);
        lossScale = knob(Knob.LOSS_SCALE);
        saddleShift = knob(Knob.SADDLE_SHIFT);
        saddleScale = knob(Knob.SADDLE_SCALE);
        driftScale = knob(Knob.DRIFT_SCALE);
        transient_ = knob(Knob.TRANSIENT_TERM);
    }

    public static LoraTheoryModel exact() {
        return EXACT;
    }

    /** This model with {@code knob} set to {@code value} (finite; scale factors > 0, the noise factor >= 0). */
    public LoraTheoryModel with(Knob knob, double value) {
        boolean scale = knob.exact() == 1;
        if (!Double.isFinite(value) || (scale && knob != Knob.NOISE_FACTOR && !(value > 0)) || (knob == Knob.NOISE_FACTOR && value < 0))
            throw new IllegalArgumentException(knob.name().toLowerCase() + ": must be finite" + (scale ? " and > 0" : "") + ", got " + value);
        EnumMap<Knob, Double> next = turned.isEmpty() ? new EnumMap<>(Knob.class) : new EnumMap<>(turned);
        if (value == knob.exact()) next.remove(knob);
        else next.put(knob, value);
        return new LoraTheoryModel(next);
    }

    public double knob(Knob k) {
        return turned.getOrDefault(k, k.exact());
    }

    public boolean isExact() {
        return turned.isEmpty();
    }

    /** A(μ), normalised by k!k, direct form by quadrature (lora-saddle). */
    public double A(Activation s, double mu) {
        requireMu(mu);
        return saddleScale * SaddleRates.directA(s, mu) + saddleShift;
    }

    /** B(μ), normalised by k!k, direct form by quadrature. */
    public double B(Activation s, double mu) {
        requireMu(mu);
        return SaddleRates.directB(s, mu);
    }

    /** τ(μ) = 1/λ₊ of [[B, A], [A, 0]] in t-units (base lr); +∞ where A = 0 and B ≤ 0. */
    public double tau(Activation s, double mu) {
        return tauScale * (s == Activation.RELU ? reluTauScale : 1) * SaddleRates.tau(A(s, mu), B(s, mu));
    }

    /** Population loss L(u, m) (closed form where one exists, else quadrature; lora-loss). */
    public double loss(Activation s, double mu, double u, double m) {
        requireMu(mu);
        requireM(m);
        return lossScale * PopulationLoss.of(s, mu, u, m);
    }

    /**
     * (du/dα, dm/dα) into out[0..1] (lora-dynamics): du/dα = −γ E[gρ], dm/dα = −γ u (E[gν] − m E[gρ]) − (γ²/2) u² m Ψ,
     * with the knobs applied. Allocation-free (per-thread scratch).
     */
    public void drift(Activation s, double mu, double gamma, double u, double m, double[] out) {
        double[] mom = SCRATCH.get();
        // The ODE keeps |m| <= 1 analytically (dm/dα carries (1−m²)); clamp rounding excursions of the integrator.
        double mc = m > 1 ? 1 : (m < -1 ? -1 : m);
        LoraDrift.moments(s, mu, u, mc, mom);
        double du = -gamma * mom[0];
        double dm = -gamma * u * mom[1] - noiseFactor * 0.5 * gamma * gamma * u * u * m * mom[2] + transient_ * m * du;
        out[0] = driftScale * du;
        out[1] = driftScale * dm;
    }

    /** Integrates the drift from (u0, m0) over α ∈ [0, alphaMax] (DP853, rel/abs 1e-10, dense output, events). */
    public Trajectory integrate(Activation s, double mu, double gamma, double u0, double m0, double alphaMax, List<Event> events) {
        requireMu(mu);
        requireM(m0);
        if (!(gamma > 0 && Double.isFinite(gamma))) throw new IllegalArgumentException("gamma: must be finite and > 0, got " + gamma);
        if (!Double.isFinite(u0)) throw new IllegalArgumentException("u0: must be finite, got " + u0);
        return OdeSolver.integrate((t, y, dydt) -> drift(s, mu, gamma, y[0], y[1], dydt), 0, new double[] {u0, m0},
                alphaMax, OdeSolver.Settings.defaults(), events);
    }

    /** κ_slow at the optimum (lora-p7), times the kappa knob. */
    public double kappaSlow(Activation s, double mu, double gamma) {
        requireMu(mu);
        return kappaScale * FixedPoints.kappaSlow(s, mu, gamma);
    }

    /** Linear noise plateau {u∞, m∞} (lora-p9): m∞ = √(2/(γ(1−μ)²)) + shift, u∞ = (1−μ) m∞. */
    public double[] linearNoisePlateau(double mu, double gamma) {
        requireMu(mu);
        double m = FixedPoints.linearPlateauM(mu, gamma) + fixedPointShift;
        return new double[] {(1 - mu) * m, m};
    }

    /** He2 bias plateau {u*, m*} on the line m = 0 + shift (lora-p12). */
    public double[] he2BiasPlateau(double mu) {
        requireMu(mu);
        return new double[] {FixedPoints.he2BiasPlateauU(mu, fixedPointShift), fixedPointShift};
    }

    /** A fixed point the ODE found, reported as a prediction: its m-coordinate carries the fixed-point shift. */
    public double[] predictedFixedPoint(double[] odeEndState) {
        return new double[] {odeEndState[0], odeEndState[1] + fixedPointShift};
    }

    private static void requireMu(double mu) {
        if (!(mu >= 0 && mu <= 1)) throw new IllegalArgumentException("mu: pre-training strength must be in [0, 1], got " + mu);
    }

    private static void requireM(double m) {
        if (!(m >= -1 && m <= 1)) throw new IllegalArgumentException("m: overlap must be in [-1, 1], got " + m);
    }

    @Override
    public String toString() {
        return isExact() ? "LoraTheoryModel[exact]"
                : "LoraTheoryModel[" + turned.entrySet().stream().map(e -> e.getKey().describe(e.getValue())).collect(Collectors.joining(", ")) + "]";
    }
}
