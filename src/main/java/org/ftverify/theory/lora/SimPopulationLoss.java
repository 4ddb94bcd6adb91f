package org.ftverify.theory.lora;

/**
 * Population loss L(u, m) = ½ E[(sigma(mu nu + u rho) - sigma(nu))²] of an SGD state, the simulator's "loss estimate"
 * at checkpoints. Because ||v|| = 1 and ||w*|| = 1, (nu, rho) is exactly a standard Gaussian pair with correlation m
 * whatever d is, so the loss of the d-dimensional state is a 2-D Gaussian integral: this is the quantity a test set of
 * infinite size would measure, with none of a finite test set's Monte-Carlo noise (which would blur the log-loss fits
 * of P7c). Tensor Gauss–Hermite rule with {@value #NODES} nodes per dimension: exact for polynomial activations up to
 * degree 2·NODES-1 in the squared error (He_k with k <= 39); measured ~3e-8 relative for erf (erf' is narrower than
 * the Gaussian weight) and ~1e-2 relative for ReLU (kink) in SimHelpersTest; only lin and He_k losses enter a
 * comparison (P7c, P9), the others are diagnostics. Used outside the SGD step loop only. Own nodes ({@link SimGauss}) so the
 * simulator does not depend on helper "lora"'s quadrature (the model is the theory under test; the simulator must stay
 * independent of it).
 */
final class SimPopulationLoss {
    static final int NODES = SimGauss.NODES;
    private static final double[] Z = SimGauss.Z;
    private static final double[] W = SimGauss.W;

    private SimPopulationLoss() {}

    static double of(Activation s, double mu, double u, double m) {
        double c = Math.sqrt(Math.max(0, 1 - m * m));
        double sum = 0;
        for (int i = 0; i < NODES; i++) {
            double nu = Z[i], target = s.value(nu);
            double inner = 0;
            for (int j = 0; j < NODES; j++) {
                double rho = m * nu + c * Z[j];
                double e = s.value(mu * nu + u * rho) - target;
                inner += W[j] * e * e;
            }
            sum += W[i] * inner;
        }
        return 0.5 * sum;
    }
}
