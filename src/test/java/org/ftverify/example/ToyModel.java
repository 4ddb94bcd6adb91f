package org.ftverify.example;

/**
 * The predictions of the toy theory (online SGD estimating the mean of N(mu, I_d)): with e_t = w_t - mu and
 * q_t = |e_t|^2 / d, one step e_{t+1} = (1 - eta) e_t + eta z_t gives E q_{t+1} = (1 - eta)^2 q_t + eta^2, so
 * q relaxes at rate (1 - eta)^2 per step to q_inf = eta / (2 - eta). Perturbations are data: one factor per mutant.
 */
record ToyModel(double rateScale, double plateauScale, double transientTerm) {
    static ToyModel exact() {
        return new ToyModel(1, 1, 0);
    }

    /** Stationary value of q. */
    double plateau(double eta) {
        return plateauScale * eta / (2 - eta);
    }

    /** Per-step contraction of E q - q_inf. */
    double contraction(double eta) {
        return Math.pow(1 - eta, 2 * rateScale);
    }

    /** E q_t from q_0. */
    double meanQ(double eta, double q0, int t) {
        return plateau(eta) + (q0 - plateau(eta)) * Math.pow(contraction(eta), t);
    }

    /**
     * The drift of the reduced dynamics, E[q_{t+1} - q_t | q_t = q]. {@code transientTerm} adds c·(q - q_inf)^2: an
     * error that vanishes at the fixed point and is quadratic there, so it changes neither the plateau nor the rate.
     */
    double drift(double eta, double q) {
        double x = q - plateau(eta);
        return (contraction(eta) - 1) * x + transientTerm * eta * x * x;
    }
}
