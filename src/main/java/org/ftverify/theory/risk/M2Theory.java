package org.ftverify.theory.risk;

/**
 * The theory of model M2, online minibatch SGD on Gaussian linear regression (docs/theory/risk.adoc#risk-m2): the
 * exact second-moment recursion in H's eigenbasis, m_(t+1) = [(1 - eta h)^2 + eta^2 h^2/b] m_t + (eta^2/b) h (h'm_t)
 * + (eta^2 sigma^2/b) h, its Sherman–Morrison fixed point, and its drift (m_(t+1) - m_t)/eta.
 *
 * @param fourthMomentTerms the multiplicative-noise terms (eta^2/b)(H M H + tr(HM) H) are kept (false: a mutant)
 * @param riskScale         power probes: E_t and E_inf multiplied by this factor
 */
public record M2Theory(boolean fourthMomentTerms, double riskScale) {

    /** One step of the second-moment recursion (m_i = E delta_i^2). */
    public void step(M2Task t, double[] m, double[] out) {
        double eta = t.eta;
        double[] f = drift(t, m);
        for (int i = 0; i < m.length; i++) out[i] = m[i] + eta * f[i];
    }

    /**
     * Drift (m_(t+1) - m_t)/eta = -2 h m + eta [(1 + 1/b) h^2 m + h (h'm)/b + sigma^2 h/b]: the expected one-step change
     * of delta_i^2 divided by eta, exact (not a small-step limit) for Gaussian features.
     */
    public double[] drift(M2Task t, double[] m) {
        double eta = t.eta, b = t.batch, hm = 0;
        for (int i = 0; i < m.length; i++) hm += t.h[i] * m[i];
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            double h = t.h[i];
            out[i] = fourthMomentTerms
                    ? -2 * h * m[i] + eta * ((1 + 1 / b) * h * h * m[i] + h * hm / b + t.sigma2 * h / b)
                    : -2 * h * m[i] + eta * (h * h * m[i] + t.sigma2 * h / b);
        }
        return out;
    }

    /** Expected excess risk E_t = 1/2 h'm_t at the given (increasing) times, from m_0 = delta0^2. */
    public double[] excessRisk(M2Task t, int[] times) {
        double[] m = new double[t.dimension()], next = new double[m.length], out = new double[times.length];
        for (int i = 0; i < m.length; i++) m[i] = t.delta0[i] * t.delta0[i];
        int step = 0;
        for (int k = 0; k < times.length; k++) {
            while (step < times[k]) {
                step(t, m, next);
                double[] tmp = m; m = next; next = tmp;
                step++;
            }
            out[k] = riskScale * halfDot(t.h, m);
        }
        return out;
    }

    /** Stationary E_inf by Sherman–Morrison: h'm = (eta^2 sigma2/b)(h'u)/(1 - (eta^2/b) h'u), u_i = 1/(2 eta - eta^2 h_i (1+1/b)). */
    public double stationaryRisk(M2Task t) {
        double eta = t.eta, b = t.batch;
        if (!fourthMomentTerms) {
            double e = 0;
            for (double h : t.h) e += 0.5 * h * eta * eta * t.sigma2 / b * h / (1 - (1 - eta * h) * (1 - eta * h));
            return riskScale * e;
        }
        double hu = 0;
        for (double h : t.h) hu += h / (2 * eta - eta * eta * h * (1 + 1 / b));
        return riskScale * 0.5 * (eta * eta * t.sigma2 / b) * hu / (1 - eta * eta / b * hu);
    }

    static double halfDot(double[] h, double[] m) {
        double s = 0;
        for (int i = 0; i < h.length; i++) s += h[i] * m[i];
        return 0.5 * s;
    }
}
