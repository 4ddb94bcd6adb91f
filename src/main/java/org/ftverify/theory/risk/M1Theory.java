package org.ftverify.theory.risk;

/**
 * The theory's Bayes risk of model M1, constant-step SGD on a noisy quadratic (docs/theory/risk.adoc#risk-m1), in the
 * eigenbasis of H: the prefix and remaining noise covariances, the posterior E[R|I_c], Var(R|I_c) and
 * L(c) = tau^2 + 1/2 tr((H S^)^2) + m'H S^ H m + tr(H S^ H A^(T-c) S_c A^(T-c)'), S^ = S_(T-c) + Psi.
 *
 * @param quadFormMeanTerm      Var(x'Bx) keeps its 4 mu'BSB mu term (false: a mutant)
 * @param mismatchSeedCoupling  the mismatch Psi couples to the revealed seed noise (false: L_int taken as static)
 * @param uniformRevelation     a mutant: V_opt(c) = (1 - c/T) V_opt(0)
 * @param riskScale             power probes: L(c) multiplied by this factor
 */
public record M1Theory(boolean quadFormMeanTerm, boolean mismatchSeedCoupling, boolean uniformRevelation, double riskScale) {

    /** Diagonal of S_k = sum_{j<k} A^j (eta^2 Sigma) A^j' = eta^2 sigma_i^2 (1 - a_i^2k)/(1 - a_i^2). */
    public double[] noiseCovariance(M1Task t, int k) {
        double[] s = new double[t.dimension()];
        for (int i = 0; i < s.length; i++) {
            double x = t.eta * t.h[i];
            s[i] = k == 0 ? 0 : t.eta * t.sigma2[i] * -Math.expm1(k * t.logA2(i)) / (t.h[i] * (2 - x));
        }
        return s;
    }

    /** E[R|I_c] and Var(R|I_c) as quadratic forms in delta_c. */
    M1Posterior posterior(M1Task t, int c) {
        int d = t.dimension();
        double[] sHat = noiseCovariance(t, t.horizon - c);
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

    /** Bayes risk L(c) = E[Var(R|I_c)]. */
    public double risk(M1Task t, int c) {
        if (c < 0 || c > t.horizon) throw new IllegalArgumentException("probe depth c = " + c + " must lie in [0, T = " + t.horizon + "]");
        if (uniformRevelation) {
            double l0 = stated(t, 0), lT = stated(t, t.horizon);
            return riskScale * (lT + (1 - (double) c / t.horizon) * (l0 - lT));
        }
        return riskScale * stated(t, c);
    }

    private double stated(M1Task t, int c) {
        int T = t.horizon;
        double[] rest = noiseCovariance(t, T - c), prefix = noiseCovariance(t, c);
        double l = t.tau2;
        for (int i = 0; i < t.dimension(); i++) {
            double h2 = t.h[i] * t.h[i], sHat = rest[i] + t.psi[i];
            double m = Math.exp(0.5 * T * t.logA2(i)) * Math.abs(t.delta0[i]); // |a_i^T delta0_i|
            double revealed = t.a2k(i, T - c) * prefix[i];                      // Var of mu_c,i
            l += 0.5 * h2 * sHat * sHat;
            if (!quadFormMeanTerm) continue;
            l += h2 * sHat * m * m + h2 * (mismatchSeedCoupling ? sHat : rest[i]) * revealed;
        }
        return l;
    }

    /** L_int = L(T). */
    public double intrinsicLimit(M1Task t) {
        return risk(t, t.horizon);
    }

    /** V_opt(c)/V_opt(0). */
    public double revelationRatio(M1Task t, int c) {
        double lT = risk(t, t.horizon);
        return (risk(t, c) - lT) / (risk(t, 0) - lT);
    }

    /** E[R] = 1/2 (m'Hm + tr(H (S_T + Psi))) with m = A^T delta0. */
    public double expectedOutcome(M1Task t) {
        double[] s = noiseCovariance(t, t.horizon);
        double e = 0;
        for (int i = 0; i < t.dimension(); i++) {
            double m = Math.exp(0.5 * t.horizon * t.logA2(i)) * t.delta0[i];
            e += 0.5 * t.h[i] * (m * m + s[i] + t.psi[i]);
        }
        return e;
    }
}
