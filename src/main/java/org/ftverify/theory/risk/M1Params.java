package org.ftverify.theory.risk;

import java.util.List;
import java.util.SplittableRandom;
import org.ftverify.core.Parameter;
import org.ftverify.core.Params;

/**
 * The parameter space shared by the M1 claims (docs/theory/risk.adoc#risk-p1 to #risk-p3) and how a point plus the try's seed becomes an
 * {@link M1Task}: h_i log-uniform in [0.01, 2], Sigma = H ("proportional") or diagonal with entries in [0.1, 2] h_i,
 * eta = etaFraction * 2/h_max (so eta h_max in [0.01, 1.5]), Psi_ii uniform in [0, psiMax], delta0_i = 2/sqrt(d).
 */
final class M1Params {
    private M1Params() {}

    static Parameter dimension(int lo, int hi, int simple) {
        return Parameter.integer("d", lo, hi, simple, true, "dimension (eigenvalues h_i drawn log-uniform in [0.01, 2] from the try's seed)");
    }

    static Parameter horizon(int lo, int hi, int simple) {
        return Parameter.integer("T", lo, hi, simple, true, "training steps");
    }

    static Parameter etaFraction(double lo, double hi, double simple) {
        return Parameter.real("etaFraction", lo, hi, simple, "step as a fraction of the stability limit: eta = etaFraction * 2/h_max");
    }

    static Parameter noise() {
        return Parameter.choice("noise", List.of("proportional", "diagonal"), "gradient noise Sigma = H, or diagonal with entries in [0.1, 2] h_i");
    }

    static Parameter psiMax(double hi, double simple) {
        return Parameter.real("psiMax", 0, hi, simple, "train/test mismatch: Psi_ii uniform in [0, psiMax]");
    }

    static Parameter tau2(double hi, double simple) {
        return Parameter.real("tau2", 0, hi, simple, "evaluation-noise variance tau^2");
    }

    static M1Task task(Params p, long seed) {
        int d = p.integer("d");
        SplittableRandom rng = new SplittableRandom(seed);
        double[] h = new double[d], s2 = new double[d], d0 = new double[d], psi = new double[d];
        boolean proportional = p.choice("noise").equals("proportional");
        double psiMax = p.real("psiMax");
        for (int i = 0; i < d; i++) {
            h[i] = Math.exp(Math.log(0.01) + rng.nextDouble() * Math.log(2 / 0.01));
            s2[i] = proportional ? h[i] : (0.1 + 1.9 * rng.nextDouble()) * h[i];
            d0[i] = 2 / Math.sqrt(d);
            psi[i] = psiMax * rng.nextDouble();
        }
        double eta = p.real("etaFraction") * M1Task.stabilityLimit(h);
        return new M1Task(h, s2, d0, eta, p.integer("T"), psi, p.real("tau2"));
    }

    /** The depth at which the slowest mode has contracted by e^-2 before the end: T - ceil(2/(eta h_min)), at least 0. */
    static int lateDepth(M1Task t) {
        return (int) Math.max(0, t.horizon - Math.ceil(2 / (t.eta * t.hMin())));
    }
}
