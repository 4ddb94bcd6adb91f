package org.ftverify.theory.risk;

import org.ftverify.simd.GaussianSampler;

/**
 * The actual M4 run: theta* ~ N(0, v0 I) is drawn per run (the task latent), theta_0 = 0, and
 * theta_{t+1} = theta_t - eta (H (theta_t - theta*) + xi_t). The observer sees only theta_0..theta_c; it forms
 * z_t = (theta_{t+1} - (I - eta H) theta_t)/eta = H theta* - xi_t and from sum z the two predictors of
 * R = g'theta* + eps: the Bayes (Kalman) posterior mean m_c = P_c H Sigma^-1 sum z with P_c = (1/v0 + c J)^-1, written
 * here from Bayes' rule (ground truth, not the theory under test), and the unbiased OLS theta_hat = H^-1 mean z.
 */
final class M4Simulator {
    private final M4Task task;
    private final double[] sigma;
    private final double sqrtV0, tau;

    M4Simulator(M4Task task) {
        this.task = task;
        sigma = new double[task.dimension()];
        for (int i = 0; i < sigma.length; i++) sigma[i] = Math.sqrt(task.sigma2[i]);
        sqrtV0 = Math.sqrt(task.v0);
        tau = Math.sqrt(task.tau2);
    }

    /** Scratch: theta*, theta, sum z, noise. */
    double[][] scratch() {
        int d = task.dimension();
        return new double[][] {new double[d], new double[d], new double[d], new double[d]};
    }

    /**
     * One run observed at the increasing depths; writes g'm_c to {@code bayes[k]} and g'theta_hat to {@code ols[k]}
     * (NaN at c = 0) and returns R.
     */
    double run(int[] depths, double[] bayes, double[] ols, double[][] s, GaussianSampler g) {
        int d = task.dimension();
        double[] star = s[0], theta = s[1], sumZ = s[2], z = s[3];
        g.fill(star, d);
        for (int i = 0; i < d; i++) {
            star[i] *= sqrtV0;
            theta[i] = 0;
            sumZ[i] = 0;
        }
        int t = 0;
        for (int k = 0; k < depths.length; k++) {
            for (; t < depths[k]; t++) {
                g.fill(z, d);
                for (int i = 0; i < d; i++) {
                    double h = task.h[i], eta = task.eta;
                    double next = theta[i] - eta * (h * (theta[i] - star[i]) + sigma[i] * z[i]);
                    sumZ[i] += (next - (1 - eta * h) * theta[i]) / eta;
                    theta[i] = next;
                }
            }
            double b = 0, o = 0;
            for (int i = 0; i < d; i++) {
                double prec = 1 / task.v0 + t * task.fisher(i);
                b += task.g[i] * (task.h[i] / task.sigma2[i]) * sumZ[i] / prec;
                o += task.g[i] * sumZ[i] / (t * task.h[i]);
            }
            bayes[k] = b;
            ols[k] = t == 0 ? Double.NaN : o;
        }
        double r = 0;
        for (int i = 0; i < d; i++) r += task.g[i] * star[i];
        return r + tau * g.next();
    }
}
