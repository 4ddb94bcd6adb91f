package org.ftverify.theory.risk;

/**
 * The covariance dynamics of M1 in H's eigenbasis (docs/theory/risk.adoc#risk-dynamics): the one-step map
 * S -> A S A' + eta^2 Sigma (A = I - eta H), its fixed point (the discrete Lyapunov equation
 * H S + S H - eta H S H = eta Sigma), the continuous (SDE) limit and the transient of the covariance ODE.
 *
 * @param etaHsh     the eta^2 H S H term of the step is kept (false: a mutant using the continuous-time equation)
 * @param stationaryScale power probes: S_inf multiplied by this factor
 */
public record CovarianceTheory(boolean etaHsh, double stationaryScale) {

    /**
     * The drift (S' - S)/eta of the expected outer product one SGD step after a state with outer product S:
     * -H S - S H + eta H S H + eta Sigma (the reduced dynamics whose fixed point is S_inf).
     */
    public double[][] drift(double[] h, double[][] sigmaEig, double eta, double[][] s) {
        int d = h.length;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
                out[i][j] = -(h[i] + h[j]) * s[i][j] + (etaHsh ? eta * h[i] * h[j] * s[i][j] : 0) + eta * sigmaEig[i][j];
        return out;
    }

    /** Stationary covariance: S_ij = eta Sigma_ij/(h_i + h_j - eta h_i h_j), the zero of {@link #drift}. */
    public double[][] stationary(double[] h, double[][] sigmaEig, double eta) {
        int d = h.length;
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double denom = h[i] + h[j] - (etaHsh ? eta * h[i] * h[j] : 0);
                s[i][j] = stationaryScale * eta * sigmaEig[i][j] / denom;
            }
        }
        return s;
    }

    /** S_cont solving H S + S H = Sigma (the eta -> 0 limit of S_inf(eta)/eta). */
    public double[][] continuous(double[] h, double[][] sigmaEig) {
        int d = h.length;
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) s[i][j] = sigmaEig[i][j] / (h[i] + h[j]);
        return s;
    }

    /** Transient of the SDE limit dS/dtau = -HS - SH + eta Sigma from S(0) = 0. */
    public double[][] transientAt(double[] h, double[][] sigmaEig, double eta, double tau) {
        int d = h.length;
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double r = h[i] + h[j];
                s[i][j] = eta * sigmaEig[i][j] * -Math.expm1(-r * tau) / r;
            }
        }
        return s;
    }

    /** Transient with eta(tau) = eta0 exp(-kappa tau): S_ij = eta0 Sigma_ij (e^-kappa tau - e^-r tau)/(r - kappa), r = h_i + h_j. */
    public double[][] transientDecayingStep(double[] h, double[][] sigmaEig, double eta0, double kappa, double tau) {
        int d = h.length;
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double r = h[i] + h[j];
                s[i][j] = eta0 * sigmaEig[i][j] * Math.exp(-kappa * tau) * -Math.expm1(-(r - kappa) * tau) / (r - kappa);
            }
        }
        return s;
    }
}
