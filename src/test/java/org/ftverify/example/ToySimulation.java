package org.ftverify.example;

import org.ftverify.simd.GaussianSampler;
import org.ftverify.simd.Kernels;

/** The actual d-dimensional system: e <- (1 - eta) e + eta z with z ~ N(0, I_d); returns q = |e|^2 / d after t steps. */
final class ToySimulation {
    private ToySimulation() {}

    static double run(int d, double eta, double q0, int steps, long seed) {
        GaussianSampler g = new GaussianSampler(seed);
        double[] e = new double[d], z = new double[d];
        java.util.Arrays.fill(e, Math.sqrt(q0));
        for (int t = 0; t < steps; t++) {
            g.fill(z, d);
            Kernels.scale(1 - eta, e, d);
            Kernels.axpy(eta, z, e, d);
        }
        return Kernels.squaredNorm(e, d) / d;
    }
}
