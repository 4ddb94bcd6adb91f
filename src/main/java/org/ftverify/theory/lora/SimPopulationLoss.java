package org.ftverify.theory.lora;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Population loss L(u, m) = ½ E[(sigma(mu nu + u rho) - sigma(nu))²] of an SGD state, the simulator's "loss estimate"
 * at checkpoints. Because ||v|| = 1 and ||w*|| = 1, (nu, rho) is exactly a standard Gaussian pair with correlation m
 * whatever d is, so the loss of the d-dimensional state is a 2-D Gaussian integral: this is the quantity a test set of
 * infinite size would measure, with none of a finite test set's Monte-Carlo noise (which would blur the log-loss fits
 * of P7c). Tensor Gauss–Hermite rule with {@value #NODES} nodes per dimension: exact for polynomial activations up to
 * degree 2·NODES-1 in the squared error (He_k with k <= 39), ~1e-12 for smooth erf/tanh/sigmoid, and only ~1e-4
 * relative for ReLU because of the kink. Used outside the SGD step loop only. Own copy of the nodes so the simulator
 * does not depend on helper "lora"'s quadrature (the model is the theory under test; the simulator must stay
 * independent of it).
 */
final class SimPopulationLoss {
    static final int NODES = 40;
    private static final double[] Z = new double[NODES];
    private static final double[] W = new double[NODES];

    static {
        GaussIntegrator rule = new GaussIntegratorFactory().hermite(NODES);
        double norm = 1 / Math.sqrt(Math.PI);
        for (int i = 0; i < NODES; i++) {
            Z[i] = Math.sqrt(2) * rule.getPoint(i); // E f(z) = pi^{-1/2} sum w_i f(sqrt2 x_i)
            W[i] = norm * rule.getWeight(i);
        }
    }

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
