package org.ftverify.theory.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;
import org.ftverify.simd.GaussianSampler;
import org.junit.jupiter.api.Test;

/** The simulators against exact moments, the two M2 kernels against each other, and reproducibility. */
class SimulatorsTest {

    private static double[] m2Moments(M2Task task, M2Simulator.Kernel kernel, int n, long seed) {
        M2Simulator sim = new M2Simulator(task);
        double[] risk = new double[n], risk2 = new double[n];
        SeedParallel.chunks(n, (from, to) -> {
            double[] delta = new double[task.dimension()];
            double[][] s = sim.scratch();
            for (int i = from; i < to; i++) {
                sim.start(delta);
                sim.advance(delta, task.horizon(), kernel, s, GaussianSampler.stream(seed, i));
                risk[i] = sim.excessRisk(delta);
                risk2[i] = risk[i] * risk[i];
            }
        });
        return new double[] {SampleStats.mean(risk), SampleStats.se(risk), SampleStats.mean(risk2), SampleStats.se(risk2)};
    }

    /** Projected (O(b + d)) and literal (O(b d)) kernels: same exact mean, and the same second moment of the risk. */
    @Test
    void m2KernelsAgreeInLaw() {
        double[] d0 = new double[8];
        new GaussianSampler(3).fill(d0, 8);
        M2Task task = new M2Task(M2Task.powerLawSpectrum(8, 1), 2, 0.5 * M2Task.stabilityLimit(M2Task.powerLawSpectrum(8, 1), 2), 0.25, 60, d0);
        double exact = RiskTheoryModel.exact().m2().excessRisk(task, new int[] {60})[0];
        double[] lit = m2Moments(task, M2Simulator.Kernel.LITERAL, 20_000, 11), proj = m2Moments(task, M2Simulator.Kernel.PROJECTED, 20_000, 12);
        assertEquals(exact, lit[0], 5 * lit[1]);
        assertEquals(exact, proj[0], 5 * proj[1]);
        // The 5-SE bands use each kernel's own SE, so a kernel that blows up widens its own tolerance (mutation testing
        // found sign flips of the update surviving): the SE must also be what a bounded process gives, coefficient of
        // variation <= 5 (the exact process: 0.9), i.e. SE <= 5 * exact / sqrt(N).
        System.out.printf("m2 kernels: exact %.5g, literal %.5g +- %.2g, projected %.5g +- %.2g%n", exact, lit[0], lit[1], proj[0], proj[1]);
        assertTrue(lit[1] <= 5 * exact / Math.sqrt(20_000), "literal kernel SE " + lit[1]);
        assertTrue(proj[1] <= 5 * exact / Math.sqrt(20_000), "projected kernel SE " + proj[1]);
        assertEquals(lit[2], proj[2], 5 * Math.hypot(lit[3], proj[3]), "E[(excess risk)^2] (fourth moment of delta)");
    }

    @Test
    void forkEstimatesAreReproducible() {
        M3Simulator sim = new M3Simulator(new M3Task(0.75, 0.5, 10, 1, 0.01, 500), 0);
        ForkEstimator.Estimate a = ForkEstimator.run(sim.forkAt(50), 300, 5, 99), b = ForkEstimator.run(sim.forkAt(50), 300, 5, 99);
        assertEquals(a, b);
        ForkEstimator.Estimate c = ForkEstimator.run(sim.forkAt(50), 300, 5, 100);
        assertTrue(a.value() != c.value());
    }

    @Test
    void m3TailMakesTheHorizonInfinite() {
        M3Task inf = new M3Task(0.75, 0.5, 10, 1, 0, Double.POSITIVE_INFINITY);
        ForkEstimator.Estimate e = ForkEstimator.run(new M3Simulator(inf, 40).forkAt(20), 2000, 6, 5);
        assertEquals(RiskTheoryModel.exact().m3().risk(inf, 20), e.value(), 5 * e.se());
        ForkEstimator.Estimate end = ForkEstimator.run(new M3Simulator(inf.withTau2(0.3), 40).forkAt(M3Simulator.END), 500, 6, 6);
        assertEquals(0.3, end.value(), 5 * end.se(), "forks of the final state differ only in evaluation noise: L_int");
    }

    @Test
    void m1StepsDoNotDependOnHowTheRunIsSplit() {
        M1Simulator sim = new M1Simulator(M1Task.reference());
        double[] a = new double[64], b = new double[64], z = new double[64];
        sim.start(a);
        sim.start(b);
        GaussianSampler ga = GaussianSampler.stream(1, 2), gb = GaussianSampler.stream(1, 2);
        sim.advance(a, 100, z, ga);
        sim.advance(b, 37, z, gb);
        sim.advance(b, 63, z, gb);
        assertArrayEquals(a, b, 0);
    }
}
