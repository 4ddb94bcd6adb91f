package org.ftverify.theory.lora;

import java.util.function.DoubleUnaryOperator;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Gauss–Hermite nodes for standard-normal expectations, E f(z) = sum_i W_i f(Z_i), owned by the simulation side so
 * that its reference numbers (population loss of SGD states, the mu -> 1 constant of P7a) never come from the model
 * under test. {@value #NODES} nodes: exact for polynomials of degree <= 2·NODES - 1; E[erf'(z)²] comes out to 1.5e-7
 * relative (measured), far inside P7a's 1%; kinks (ReLU) converge only algebraically, but the P7a integrands
 * sigma'² and z² sigma'² of ReLU are step functions symmetric in the nodes' sense and are integrated to ~1e-15.
 */
final class SimGauss {
    static final int NODES = 40;
    static final double[] Z = new double[NODES];
    static final double[] W = new double[NODES];

    static {
        GaussIntegrator rule = new GaussIntegratorFactory().hermite(NODES);
        double norm = 1 / Math.sqrt(Math.PI);
        for (int i = 0; i < NODES; i++) {
            Z[i] = Math.sqrt(2) * rule.getPoint(i); // E f(z) = pi^{-1/2} sum w_i f(sqrt2 x_i)
            W[i] = norm * rule.getWeight(i);
        }
    }

    private SimGauss() {}

    static double expect(DoubleUnaryOperator f) {
        double s = 0;
        for (int i = 0; i < NODES; i++) s += W[i] * f.applyAsDouble(Z[i]);
        return s;
    }
}
