package org.ftverify.theory.lora;

import org.ftverify.core.CheckAbort;

/**
 * The exact fixed-point predictions of the reduced dynamics (theory page, anchors lora-fixed-points and lora-p9,
 * lora-p12) and the late rate at the optimum (lora-p7): closed forms, no perturbation. {@link LoraTheoryModel} turns
 * its knobs on top of these.
 */
final class FixedPoints {
    private FixedPoints() {}

    /**
     * Late convergence rate at the optimum (u*, m) = (1−μ, 1) in α-units:
     * κ_slow = γ u*² (2 E[σ'²] − γ u*² E[σ'⁴]). Negative means the optimum is unstable.
     */
    static double kappaSlow(Activation s, double mu, double gamma) {
        GaussianRule g = GaussianRule.hermite(SaddleRates.DIRECT_POINTS);
        double e2 = 0, e4 = 0;
        for (int i = 0; i < g.size(); i++) {
            double d = s.d1(g.node(i)), d2 = d * d;
            e2 += g.weight(i) * d2;
            e4 += g.weight(i) * d2 * d2;
        }
        double u2 = (1 - mu) * (1 - mu);
        return gamma * u2 * (2 * e2 - gamma * u2 * e4);
    }

    /**
     * Linear noise plateau: m∞ = √(2/(γ(1−μ)²)). Outside its domain (γ(1−μ)² ≤ 2: the optimum m = 1 is stable) it
     * throws CheckAbort.outsideDomain.
     */
    static double linearPlateauM(double mu, double gamma) {
        double c = gamma * (1 - mu) * (1 - mu);
        if (!(c > 2)) throw CheckAbort.outsideDomain("linear noise plateau needs gamma(1-mu)^2 > 2, got " + c);
        return Math.sqrt(2 / c);
    }

    /**
     * The He2 bias plateau u* at overlap m: the root of ∂_u L(u, m) = 0 near √(1/3 − μ²) (exactly √(1/3 − μ²) at
     * m = 0, where ∂_u L(u, 0) = (6Q − 2)u). Exists for μ < 1/√3 only.
     */
    static double he2BiasPlateauU(double mu, double m) {
        double u2 = 1.0 / 3 - mu * mu;
        if (!(u2 > 0)) throw CheckAbort.outsideDomain("He2 bias plateau needs mu < 1/sqrt(3), got mu = " + mu);
        double u = Math.sqrt(u2);
        if (m == 0) return u;
        if (!(m >= -1 && m <= 1)) throw new IllegalArgumentException("m: He2 plateau overlap must be in [-1, 1], got " + m);
        double[] mom = new double[3];
        for (int it = 0; it < 50; it++) { // Newton on E[g rho](u, m) = dL/du, derivative by central difference
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
        return u;
    }
}
