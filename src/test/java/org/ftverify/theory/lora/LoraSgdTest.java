package org.ftverify.theory.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ftverify.core.CheckAbort;
import org.ftverify.simd.GaussianSampler;
import org.junit.jupiter.api.Test;

class LoraSgdTest {

    /** theory page, lora-model written out with plain loops and full matrices, sharing only the random stream. */
    private static final class Reference {
        final Activation s;
        final double mu, eta;
        final int d, b;
        final GaussianSampler rng;
        final double[] w;
        double u;
        double[] v;

        Reference(SimSetup setup, long seed, double[] wStar) {
            s = setup.activation();
            mu = setup.mu();
            eta = setup.eta();
            d = setup.d();
            b = setup.batch();
            rng = new GaussianSampler(seed);
            w = wStar;
        }

        void step() {
            double[][] x = new double[b][d];
            for (int i = 0; i < b; i++) rng.fill(x[i], d);
            double gu = 0;
            double[] gvec = new double[d];
            for (int i = 0; i < b; i++) {
                double nu = 0, rho = 0;
                for (int j = 0; j < d; j++) {
                    nu += x[i][j] * w[j];
                    rho += x[i][j] * v[j];
                }
                double lambda = mu * nu + u * rho;
                double g = (s.value(lambda) - s.value(nu)) * s.d1(lambda);
                gu += g * rho / b;
                for (int j = 0; j < d; j++) gvec[j] += u * g * x[i][j] / b;
            }
            u -= eta * gu;
            double n2 = 0;
            for (int j = 0; j < d; j++) {
                v[j] -= eta * gvec[j];
                n2 += v[j] * v[j];
            }
            for (int j = 0; j < d; j++) v[j] /= Math.sqrt(n2);
        }
    }

    private static double[] e1(int d) {
        double[] e = new double[d];
        e[0] = 1;
        return e;
    }

    @Test
    void stepMatchesPlainLoopReferenceOnTinyDimension() {
        // NB: rows are drawn in the same order in both, so the only differences are summation order: 1e-12 suffices.
        for (Activation a : new Activation[] {Activation.LIN, Activation.TANH, Activation.HE3, Activation.RELU, Activation.ERF}) {
            SimSetup setup = SimSetup.ofBaseRate(a, 0.4, 0.2, 7, 3); // small rate: d = 7 is far from the ODE regime
            for (boolean warm : new boolean[] {true, false}) {
                LoraSgd sim = new LoraSgd(setup, 42);
                Reference ref = new Reference(setup, 42, e1(7));
                if (warm) {
                    sim.startWarm(0.3, 0.2);
                    ref.v = new double[7];
                    ref.v[0] = 0.2;
                    ref.v[1] = Math.sqrt(1 - 0.04);
                } else {
                    sim.startRandom(0.3);
                    ref.v = new double[7];
                    ref.rng.fill(ref.v, 7);
                    double n = 0;
                    for (double c : ref.v) n += c * c;
                    for (int j = 0; j < 7; j++) ref.v[j] /= Math.sqrt(n);
                }
                ref.u = 0.3;
                assertArrayEquals(ref.v, sim.v(), 1e-15, a + " start");
                for (int t = 0; t < 25; t++) {
                    sim.step();
                    ref.step();
                    assertEquals(ref.u, sim.u(), 1e-12, a + " u after step " + t);
                    assertArrayEquals(ref.v, sim.v(), 1e-12, a + " v after step " + t);
                    assertEquals(ref.v[0], sim.m(), 1e-12);
                }
            }
        }
    }

    @Test
    void generalTargetPathMatchesReferenceWithRandomTarget() {
        double[] w = randomUnit(9, 5);
        SimSetup setup = new SimSetup(Activation.TANH, 0.6, 0.7, 9, 2);
        LoraSgd sim = LoraSgd.withTarget(setup, 8, w).startWarm(0.1, 0.3);
        Reference ref = new Reference(setup, 8, w);
        ref.u = 0.1;
        ref.v = sim.v();
        assertEquals(0.3, sim.m(), 1e-14, "warm start overlap with the random target");
        assertEquals(1, dot(ref.v, ref.v), 1e-14);
        for (int t = 0; t < 25; t++) {
            sim.step();
            ref.step();
            assertEquals(ref.u, sim.u(), 1e-12);
            assertArrayEquals(ref.v, sim.v(), 1e-12);
            assertEquals(dot(ref.v, w), sim.m(), 1e-12);
        }
    }

    @Test
    void vStaysOnTheSphereAfterEveryStep() {
        LoraSgd sim = new LoraSgd(SimSetup.ofBaseRate(Activation.HE2, 0.3, 1, 256, 4), 3).startRandom(1.0 / (256 * 256));
        for (int t = 0; t < 500; t++) {
            sim.step();
            double[] v = sim.v();
            assertEquals(1, dot(v, v), 1e-12, "||v||^2 after step " + t);
        }
    }

    @Test
    void sameSeedGivesIdenticalTrajectoryAndOtherSeedDoesNot() {
        SimSetup setup = new SimSetup(Activation.LIN, 0.6, 1, 128, 4);
        double[] cps = {0.5, 1, 2, 4};
        SimRun a = new LoraSgd(setup, 11).startRandom(1e-4).run(cps, 2, 4);
        SimRun b = new LoraSgd(setup, 11).startRandom(1e-4).run(cps, 2, 4);
        SimRun c = new LoraSgd(setup, 12).startRandom(1e-4).run(cps, 2, 4);
        assertArrayEquals(a.m(), b.m(), 0.0);
        assertArrayEquals(a.u(), b.u(), 0.0);
        assertArrayEquals(a.loss(), b.loss(), 0.0);
        assertFalse(a.m()[3] == c.m()[3], "another seed must give another trajectory");
    }

    @Test
    void linearWarmStartTracksTheClosedFormOdeWithinThreeOverSqrtD() {
        // theory page, lora-p1: max gap <= C/sqrt(d) with C = 3; the spec saw C ~ 0.5 for this case (lora-dynamics table).
        int d = 4096;
        double mu = 0.5, gamma = 0.5;
        double[] cps = new double[41];
        for (int i = 0; i < cps.length; i++) cps[i] = 0.5 * i;
        SimRun run = new LoraSgd(new SimSetup(Activation.LIN, mu, gamma, d, 16), 2024).startWarm(0.05, 0.2).run(cps, 2, 20);
        assertEquals(41, run.size());
        double worst = 0;
        for (int i = 0; i < run.size(); i++) {
            double[] ode = he1Ode(mu, gamma, 0.05, 0.2, run.alpha()[i]);
            worst = Math.max(worst, Math.max(Math.abs(ode[0] - run.u()[i]), Math.abs(ode[1] - run.m()[i])));
        }
        assertTrue(worst <= 3 / Math.sqrt(d), "max |SGD - ODE| = " + worst + " > 3/sqrt(d) = " + 3 / Math.sqrt(d));
        // The trajectory must actually move (the ODE takes m from 0.2 to ~0.85): otherwise the comparison is vacuous.
        assertTrue(run.lastM() > 0.7, "m(20) = " + run.lastM());
        // Negative control on the same run: the ODE at a 20% wrong rate (gamma = 0.6) must be rejected.
        double wrong = 0;
        for (int i = 0; i < run.size(); i++) wrong = Math.max(wrong, Math.abs(he1Ode(mu, 0.6, 0.05, 0.2, run.alpha()[i])[1] - run.m()[i]));
        assertTrue(wrong > 3 / Math.sqrt(d), "gap to the gamma = 0.6 ODE only " + wrong);
        System.out.printf("linear ODE tracking d = %d: max gap %.4f (tolerance %.4f), wrong-rate gap %.4f%n", d, worst, 3 / Math.sqrt(d), wrong);
        // Loss estimate: linear population loss in closed form (theory page, lora-loss He1).
        int last = run.size() - 1;
        double u = run.u()[last], m = run.m()[last];
        assertEquals(0.5 * ((1 - mu) * (1 - mu) + u * u - 2 * (1 - mu) * u * m), run.loss()[last], 1e-12);
    }

    @Test
    void randomTargetHasTheSameStatisticsAsE1() {
        // Rotational invariance (theory page, lora-model): the law of (u, m) does not depend on w*. Compare seed means at three
        // checkpoints; tolerance 4 standard errors of the difference of two independent means.
        int d = 512, n = 16;
        SimSetup setup = new SimSetup(Activation.LIN, 0.5, 0.5, d, 8);
        double[] cps = {2, 5, 10};
        double[] w = randomUnit(d, 99);
        double[][] mE1 = new double[cps.length][n], mRot = new double[cps.length][n], vFirst = new double[cps.length][n];
        for (int k = 0; k < n; k++) {
            SimRun a = new LoraSgd(setup, 1000 + k).startWarm(0.05, 0.2).run(cps, 2, 10);
            LoraSgd rot = LoraSgd.withTarget(setup, 5000 + k, w).startWarm(0.05, 0.2);
            SimRun b = rot.run(cps, 2, 10);
            for (int i = 0; i < cps.length; i++) {
                mE1[i][k] = a.m()[i];
                mRot[i][k] = b.m()[i];
            }
            vFirst[cps.length - 1][k] = rot.v()[0]; // what an e1-only code would wrongly report as m
        }
        for (int i = 0; i < cps.length; i++) {
            double diff = mean(mE1[i]) - mean(mRot[i]);
            double se = Math.sqrt(var(mE1[i]) / n + var(mRot[i]) / n);
            assertTrue(Math.abs(diff) <= 4 * se + 1e-12, "alpha " + cps[i] + ": mean m e1 " + mean(mE1[i]) + " vs rotated " + mean(mRot[i]) + " (se " + se + ")");
        }
        // Negative control: reading v[0] as the overlap under a random target is far off the e1 statistics
        // (v[0] is ~N(0, 1/d) by symmetry, while m(10) ~ 0.46 on the ODE), so the comparison above can fail.
        double wrong = mean(vFirst[cps.length - 1]) - mean(mE1[cps.length - 1]);
        assertTrue(Math.abs(wrong) > 0.3, "v[0] under a random target should not look like m, diff " + wrong);
    }

    @Test
    void escapeStopsTheRunAtTheThreshold() {
        SimRun run = new LoraSgd(new SimSetup(Activation.LIN, 0.6, 1, 256, 16), 5).startRandom(1.0 / (256.0 * 256)).run(new double[0], 0.5, 200);
        assertTrue(run.escaped(), "linear mu = 0.6 must escape well before alpha = 200");
        assertEquals(run.escapeAlpha(), run.endAlpha(), 0.0);
        assertTrue(run.escapeAlpha() > 1 && run.escapeAlpha() < 100, "escape alpha " + run.escapeAlpha());
        SimRun none = new LoraSgd(new SimSetup(Activation.LIN, 0.6, 1, 256, 16), 5).startRandom(1.0 / (256.0 * 256)).run(new double[] {1}, 2, 3);
        assertFalse(none.escaped());
        assertEquals(3, none.endAlpha(), 1e-12);
        assertEquals(1, none.size());
    }

    @Test
    void stepLoopAllocatesNothing() {
        // HotSpot's per-thread allocation counter; after warm-up, 3000 steps must not allocate (a few hundred bytes of
        // slack for the counter's own bookkeeping). The Vector API only stops boxing its vectors once C2 has compiled
        // the kernels, so the warm-up must be long enough for C2 (tens of thousands of kernel calls), not just C1.
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        LoraSgd sim = new LoraSgd(SimSetup.ofBaseRate(Activation.HE3, 0.6, 0.5, 256, 8), 4).startRandom(1e-5);
        for (int t = 0; t < 60_000; t++) sim.step();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int t = 0; t < 3000; t++) sim.step();
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 1024, "3000 steps allocated " + allocated + " bytes");
    }

    @Test
    void divergenceIsReportedWithStepAlphaAndState() {
        LoraSgd sim = new LoraSgd(new SimSetup(Activation.LIN, 0.5, 900, 64, 1), 1).startWarm(1, 0.5);
        CheckAbort e = assertThrows(CheckAbort.class, () -> sim.run(new double[0], 2, 100));
        assertEquals(CheckAbort.Kind.DIVERGED, e.kind());
        assertTrue(e.getMessage().contains("step") && e.getMessage().contains("alpha") && e.getMessage().contains("u ="), e.getMessage());
    }

    @Test
    void badInputIsRejectedNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SimSetup(Activation.LIN, 1.5, 1, 64, 1));
        assertTrue(e.getMessage().startsWith("mu:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SimSetup(Activation.LIN, 0.5, 1, 64, 65));
        LoraSgd sim = new LoraSgd(new SimSetup(Activation.LIN, 0.5, 1, 64, 1), 1);
        assertThrows(IllegalStateException.class, sim::step);
        assertThrows(IllegalArgumentException.class, () -> sim.startWarm(0, 1.5));
        sim.startWarm(0, 0.1);
        assertThrows(IllegalArgumentException.class, () -> sim.run(new double[] {2, 1}, 0.5, 3));
        assertThrows(IllegalArgumentException.class, () -> LoraSgd.withTarget(new SimSetup(Activation.LIN, 0.5, 1, 4, 1), 1, new double[] {1, 1, 0, 0}));
    }

    /** RK4 of theory page, lora-loss He1 (linear) from (u0, m0) to alpha, step 1e-3. */
    static double[] he1Ode(double mu, double gamma, double u0, double m0, double alpha) {
        double[] y = {u0, m0};
        int n = (int) Math.ceil(alpha / 1e-3);
        double h = alpha / Math.max(1, n);
        for (int i = 0; i < n; i++) {
            double[] k1 = he1(mu, gamma, y), y2 = {y[0] + h / 2 * k1[0], y[1] + h / 2 * k1[1]};
            double[] k2 = he1(mu, gamma, y2), y3 = {y[0] + h / 2 * k2[0], y[1] + h / 2 * k2[1]};
            double[] k3 = he1(mu, gamma, y3), y4 = {y[0] + h * k3[0], y[1] + h * k3[1]};
            double[] k4 = he1(mu, gamma, y4);
            for (int j = 0; j < 2; j++) y[j] += h / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
        }
        return y;
    }

    private static double[] he1(double mu, double gamma, double[] y) {
        double u = y[0], m = y[1], a = 1 - mu;
        return new double[] {gamma * (a * m - u),
                gamma * a * u * (1 - m * m) - 0.5 * gamma * gamma * u * u * m * (a * a + u * u - 2 * a * u * m)};
    }

    static double[] randomUnit(int d, long seed) {
        double[] w = new double[d];
        new GaussianSampler(seed).fill(w, d);
        double n = Math.sqrt(dot(w, w));
        for (int i = 0; i < d; i++) w[i] /= n;
        return w;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    static double var(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s / (x.length - 1);
    }
}
