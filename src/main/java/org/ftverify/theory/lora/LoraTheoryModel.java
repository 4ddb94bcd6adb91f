package org.ftverify.theory.lora;

import java.util.List;
import org.ftverify.core.CheckAbort;
import org.ftverify.ode.Event;
import org.ftverify.ode.OdeSolver;
import org.ftverify.ode.Trajectory;

/**
 * The LoRA theory under test (lora.md §2): every prediction a claim compares against comes from this object.
 * {@link #exact()} is the theory as derived; the {@code with*} methods return a deliberately wrong copy, so that a
 * mutant test can feed a perturbed theory through the very same claim and show it is rejected.
 *
 * <p>Conventions (lora.md §1.4, §3): σ = σ* (matched teacher); γ is the EFFECTIVE rate ηd/B, so for He_k the
 * caller passes γ₀/(k!k) and the drift uses the raw He_k; A, B and τ are normalised by k!k, so τ is in base-lr
 * t-units. Immutable and thread-safe.
 */
public final class LoraTheoryModel {
    private static final LoraTheoryModel EXACT = new LoraTheoryModel(1, 1, 0, 1, 1, 0);
    /** Per-thread scratch for the three drift moments: the drift must not allocate. */
    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[3]);

    private final double tauScale, noiseFactor, fixedPointShift, kappaScale, lossScale, saddleShift;

    private LoraTheoryModel(double tauScale, double noiseFactor, double fixedPointShift, double kappaScale,
                            double lossScale, double saddleShift) {
        this.tauScale = tauScale;
        this.noiseFactor = noiseFactor;
        this.fixedPointShift = fixedPointShift;
        this.kappaScale = kappaScale;
        this.lossScale = lossScale;
        this.saddleShift = saddleShift;
    }

    public static LoraTheoryModel exact() {
        return EXACT;
    }

    /** τ(μ), and so every escape-time / growth-rate prediction, multiplied by f. */
    public LoraTheoryModel withTauScale(double f) {
        requirePositive("tauScale", f);
        return new LoraTheoryModel(f, noiseFactor, fixedPointShift, kappaScale, lossScale, saddleShift);
    }

    /** Multiplies the SGD-noise term (γ²/2) u² m Ψ of dm/dα (0 drops it). */
    public LoraTheoryModel withNoiseFactor(double f) {
        if (!(f >= 0 && Double.isFinite(f))) throw new IllegalArgumentException("noiseFactor: must be finite and >= 0, got " + f);
        return new LoraTheoryModel(tauScale, f, fixedPointShift, kappaScale, lossScale, saddleShift);
    }

    /** Every predicted fixed point / plateau m-coordinate moved by dm; u follows the formula where there is one. */
    public LoraTheoryModel withFixedPointShift(double dm) {
        requireFinite("fixedPointShift", dm);
        return new LoraTheoryModel(tauScale, noiseFactor, dm, kappaScale, lossScale, saddleShift);
    }

    /** κ_slow multiplied by f. */
    public LoraTheoryModel withKappaScale(double f) {
        requirePositive("kappaScale", f);
        return new LoraTheoryModel(tauScale, noiseFactor, fixedPointShift, f, lossScale, saddleShift);
    }

    /** Population-loss closed forms multiplied by f. */
    public LoraTheoryModel withLossScale(double f) {
        requirePositive("lossScale", f);
        return new LoraTheoryModel(tauScale, noiseFactor, fixedPointShift, kappaScale, f, saddleShift);
    }

    /** A(μ) + dA: moves the roots μ*, changes τ and the escape direction's sign. */
    public LoraTheoryModel withSaddleShift(double dA) {
        requireFinite("saddleShift", dA);
        return new LoraTheoryModel(tauScale, noiseFactor, fixedPointShift, kappaScale, lossScale, dA);
    }

    public boolean isExact() {
        return this == EXACT || (tauScale == 1 && noiseFactor == 1 && fixedPointShift == 0 && kappaScale == 1
                && lossScale == 1 && saddleShift == 0);
    }

    public double tauScale() { return tauScale; }
    public double noiseFactor() { return noiseFactor; }
    public double fixedPointShift() { return fixedPointShift; }
    public double kappaScale() { return kappaScale; }
    public double lossScale() { return lossScale; }
    public double saddleShift() { return saddleShift; }

    /** A(μ), normalised by k!k, direct form by quadrature (lora.md §2.4). */
    public double A(Activation s, double mu) {
        requireMu(mu);
        return SaddleRates.directA(s, mu) + saddleShift;
    }

    /** B(μ), normalised by k!k, direct form by quadrature. */
    public double B(Activation s, double mu) {
        requireMu(mu);
        return SaddleRates.directB(s, mu);
    }

    /** Unstable eigenvalue λ₊ of [[B, A], [A, 0]] in base-lr t-units (= 1/τ). */
    public double lambdaPlus(Activation s, double mu) {
        return 1 / tau(s, mu);
    }

    /** τ(μ) = 1/λ₊ in t-units (base lr); +∞ where A = 0 and B ≤ 0. */
    public double tau(Activation s, double mu) {
        return tauScale * SaddleRates.tau(A(s, mu), B(s, mu));
    }

    /** Population loss L(u, m) (closed form where one exists, else 100×100 quadrature). */
    public double loss(Activation s, double mu, double u, double m) {
        requireMu(mu);
        requireM(m);
        return lossScale * PopulationLoss.of(s, mu, u, m);
    }

    /**
     * (du/dα, dm/dα) of lora.md §2.1 into out[0..1]:
     * du/dα = −γ E[gρ], dm/dα = −γ u (E[gν] − m E[gρ]) − noiseFactor·(γ²/2) u² m Ψ.
     * Allocation-free (per-thread scratch); no argument checks on this hot path beyond what the ODE needs.
     */
    public void drift(Activation s, double mu, double gamma, double u, double m, double[] out) {
        double[] mom = SCRATCH.get();
        // The ODE keeps |m| <= 1 analytically (dm/dα carries (1−m²)); clamp rounding excursions of the integrator.
        double mc = m > 1 ? 1 : (m < -1 ? -1 : m);
        LoraDrift.moments(s, mu, u, mc, mom);
        out[0] = -gamma * mom[0];
        out[1] = -gamma * u * mom[1] - noiseFactor * 0.5 * gamma * gamma * u * u * m * mom[2];
    }

    /** Integrates the drift from (u0, m0) over α ∈ [0, alphaMax] (DP853, rel/abs 1e-10, dense output, events). */
    public Trajectory integrate(Activation s, double mu, double gamma, double u0, double m0, double alphaMax, List<Event> events) {
        return integrate(s, mu, gamma, u0, m0, alphaMax, events, OdeSolver.Settings.defaults());
    }

    public Trajectory integrate(Activation s, double mu, double gamma, double u0, double m0, double alphaMax,
                                List<Event> events, OdeSolver.Settings settings) {
        requireMu(mu);
        requireM(m0);
        requirePositive("gamma", gamma);
        requireFinite("u0", u0);
        return OdeSolver.integrate((t, y, dydt) -> drift(s, mu, gamma, y[0], y[1], dydt), 0, new double[] {u0, m0},
                alphaMax, settings, events);
    }

    /**
     * Late convergence rate at the optimum (u*, m) = (1−μ, 1), lora.md §2.7, in α-units:
     * κ_slow = γ u*² (2 E[σ'²] − γ u*² E[σ'⁴]) (times kappaScale). Negative means the optimum is unstable.
     */
    public double kappaSlow(Activation s, double mu, double gamma) {
        requireMu(mu);
        requirePositive("gamma", gamma);
        GaussianRule g = GaussianRule.hermite(SaddleRates.DIRECT_POINTS);
        double e2 = 0, e4 = 0;
        for (int i = 0; i < g.size(); i++) {
            double d = s.d1(g.node(i)), d2 = d * d;
            e2 += g.weight(i) * d2;
            e4 += g.weight(i) * d2 * d2;
        }
        double u2 = (1 - mu) * (1 - mu);
        return kappaScale * gamma * u2 * (2 * e2 - gamma * u2 * e4);
    }

    /**
     * Linear noise plateau (lora.md §2.3(4)): {u∞, m∞} with m∞ = √(2/(γ(1−μ)²)), u∞ = (1−μ) m∞ (u follows the shifted
     * m). Outside its domain (γ(1−μ)² ≤ 2: the optimum m = 1 is stable) it throws CheckAbort.outsideDomain.
     */
    public double[] linearNoisePlateau(double mu, double gamma) {
        requireMu(mu);
        requirePositive("gamma", gamma);
        double c = gamma * (1 - mu) * (1 - mu);
        if (!(c > 2)) throw CheckAbort.outsideDomain("linear noise plateau needs gamma(1-mu)^2 > 2, got " + c);
        double m = Math.sqrt(2 / c) + fixedPointShift;
        return new double[] {(1 - mu) * m, m};
    }

    /**
     * The even-k bias plateau of lora.md §2.3(3) for He2: {u*, m*} with m* = 0 + fixedPointShift and u* the root of
     * ∂_u L(u, m*) = 0 near √(1/3 − μ²) (exactly √(1/3 − μ²) when m* = 0: ∂_u L(u, 0) = (6Q − 2)u). Exists for
     * μ < 1/√3 only. Caveat (also in the P12 claim): m = 0 is invariant under the full ODE only at μ = 0; for μ > 0,
     * dm/dα = 4γμu* ≠ 0 at the plateau (−(1−m²)∂_m L = 4μu at Q = 1/3), so the plateau lives on the restricted flow.
     */
    public double[] he2BiasPlateau(double mu) {
        requireMu(mu);
        double u2 = 1.0 / 3 - mu * mu;
        if (!(u2 > 0)) throw CheckAbort.outsideDomain("He2 bias plateau needs mu < 1/sqrt(3), got mu = " + mu);
        double m = fixedPointShift, u = Math.sqrt(u2);
        if (m != 0) {
            if (!(m >= -1 && m <= 1)) throw new IllegalArgumentException("fixedPointShift: He2 plateau m* = " + m + " outside [-1, 1]");
            double[] mom = new double[3];
            for (int it = 0; it < 50; it++) { // Newton on E[g rho](u, m*) = dL/du, derivative by central difference
                double h = 1e-6;
                LoraDrift.moments(Activation.HE2, mu, u, m, mom);
                double f = mom[0];
                LoraDrift.moments(Activation.HE2, mu, u + h, m, mom);
                double fp = mom[0];
                LoraDrift.moments(Activation.HE2, mu, u - h, m, mom);
                double step = f / ((fp - mom[0]) / (2 * h));
                u -= step;
                if (Math.abs(step) < 1e-15) break;
            }
        }
        return new double[] {u, m};
    }

    /**
     * A fixed point found by the ODE (e.g. the He2 noise plateau or the He3 "un-learning" point), reported as a
     * prediction: the m-coordinate carries fixedPointShift (no closed formula for u, so u is left as found).
     */
    public double[] predictedFixedPoint(double[] odeEndState) {
        return new double[] {odeEndState[0], odeEndState[1] + fixedPointShift};
    }

    private static void requireMu(double mu) {
        if (!(mu >= 0 && mu <= 1)) throw new IllegalArgumentException("mu: pre-training strength must be in [0, 1], got " + mu);
    }

    private static void requireM(double m) {
        if (!(m >= -1 && m <= 1)) throw new IllegalArgumentException("m: overlap must be in [-1, 1], got " + m);
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0 && Double.isFinite(v))) throw new IllegalArgumentException(name + ": must be finite and > 0, got " + v);
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(name + ": must be finite, got " + v);
    }

    @Override
    public String toString() {
        return isExact() ? "LoraTheoryModel[exact]" : String.format("LoraTheoryModel[tau x%g, noise x%g, fixed point %+g, kappa x%g, loss x%g, A %+g]",
                tauScale, noiseFactor, fixedPointShift, kappaScale, lossScale, saddleShift);
    }
}
