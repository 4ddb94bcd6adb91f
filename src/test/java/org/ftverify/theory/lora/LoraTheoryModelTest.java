package org.ftverify.theory.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.ftverify.core.CheckAbort;
import org.ftverify.ode.Event;
import org.ftverify.ode.Trajectory;
import org.junit.jupiter.api.Test;

class LoraTheoryModelTest {
    private final LoraTheoryModel model = LoraTheoryModel.exact();

    @Test
    void lossClosedFormsMatchSpecPolynomialsAndQuadrature() {
        Random rnd = new Random(17);
        double worstErf = 0;
        for (int t = 0; t < 60; t++) {
            double mu = rnd.nextDouble(), u = 2 * rnd.nextDouble() - 1, m = 2 * rnd.nextDouble() - 1;
            if (t % 2 == 1) { mu = 0.7 + 0.3 * mu; u = 0.7 + 0.3 * Math.abs(u); m = 0.9 + 0.1 * Math.abs(m); } // large Q
            double mu2 = mu * mu, u2 = u * u, m2 = m * m;
            double he2 = 0.5 * (12 * m2 * mu2 * u2 - 4 * m2 * u2 + 12 * m * mu2 * mu * u + 12 * m * mu * u2 * u - 12 * m * mu * u
                    + 3 * mu2 * mu2 + 6 * mu2 * u2 - 6 * mu2 + 3 * u2 * u2 - 2 * u2 + 3);
            assertEquals(he2, model.loss(Activation.HE2, mu, u, m), 1e-12);
            for (Activation s : new Activation[] {Activation.LIN, Activation.HE2, Activation.HE3, Activation.HE4, Activation.ERF}) {
                assertEquals(PopulationLoss.reference(s, mu, u, m), model.loss(s, mu, u, m), 1e-10, s + " loss");
            }
            worstErf = Math.max(worstErf, Math.abs(PopulationLoss.reference(Activation.ERF, mu, u, m) - model.loss(Activation.ERF, mu, u, m)));
            // ReLU: kinks make the quadrature reference converge slowly
            assertEquals(PopulationLoss.reference(Activation.RELU, mu, u, m), model.loss(Activation.RELU, mu, u, m), 2e-3);
        }
        System.out.printf("erf loss: arcsin closed form vs trapezoid reference, max |diff| %.3g (incl. Q up to 4)%n", worstErf);
        assertTrue(worstErf < 1e-12, "erf loss reference error " + worstErf);
    }

    @Test
    void lossAtZeroLoraMatchesSpec() {
        for (double mu : new double[] {0, 0.3, 0.7, 1}) {
            double mu2 = mu * mu;
            assertEquals(0.5 * (1 - mu) * (1 - mu), model.loss(Activation.LIN, mu, 0, 0.3), 1e-14);
            assertEquals(1.5 * (1 - mu2) * (1 - mu2), model.loss(Activation.HE2, mu, 0, 0.3), 1e-13);
            assertEquals(1.5 * (5 * mu2 * mu2 * mu2 - 6 * mu2 * mu2 - 4 * mu2 * mu + 3 * mu2 + 2), model.loss(Activation.HE3, mu, 0, 0.3), 1e-12);
        }
        assertEquals(0, model.loss(Activation.ERF, 0.4, 0.6, 1), 1e-15);
        assertEquals(0, model.loss(Activation.RELU, 0.4, 0.6, 1), 1e-15);
        assertEquals(1.1 * model.loss(Activation.HE3, 0.4, 0.2, 0.5), model.with(Knob.LOSS_SCALE, 1.1).loss(Activation.HE3, 0.4, 0.2, 0.5), 1e-14);
    }

    @Test
    void kappaSlowMatchesSpecValues() {
        assertEquals(0.4375, model.kappaSlow(Activation.LIN, 0.5, 1), 1e-14);
        assertEquals(0.203125, model.kappaSlow(Activation.HE2, 0.5, 0.5 / 4), 1e-12);
        assertEquals(0.015625, model.kappaSlow(Activation.HE3, 0.5, 0.5 / 18), 1e-12);
        assertEquals(0.4375 * 1.2, model.with(Knob.KAPPA_SCALE, 1.2).kappaSlow(Activation.LIN, 0.5, 1), 1e-14);
    }

    @Test
    void linearNoisePlateauAndOdeAgree() {
        double[] p = model.linearNoisePlateau(0.5, 10);
        assertEquals(0.894427191, p[1], 1e-9);
        assertEquals(0.5 * p[1], p[0], 1e-15);
        Trajectory tr = model.integrate(Activation.LIN, 0.5, 10, 0.05, 0.2, 60, List.of());
        double[] end = tr.at(60);
        assertEquals(p[1], end[1], 1e-7);
        assertEquals(p[0], end[0], 1e-7);
        assertThrows(CheckAbort.class, () -> model.linearNoisePlateau(0.5, 4));
        assertEquals(p[1] + 0.01, model.with(Knob.FIXED_POINT_SHIFT, 0.01).linearNoisePlateau(0.5, 10)[1], 1e-15);
        assertEquals(0.5 * (p[1] + 0.01), model.with(Knob.FIXED_POINT_SHIFT, 0.01).linearNoisePlateau(0.5, 10)[0], 1e-15);
    }

    @Test
    void he2NoisePlateauOfSpecIsReproducedAndNeedsTheNoiseTerm() {
        // theory page, lora-fixed-points: He2, mu = 0.1, gamma0 = 1 -> ODE fixed point (0.8633, 0.9269), L = 0.2206
        double gamma = 1.0 / 4;
        long t0 = System.nanoTime();
        Trajectory tr = model.integrate(Activation.HE2, 0.1, gamma, 0.05, 0.2, 600, List.of());
        double[] end = tr.at(600);
        System.out.printf("He2 noise plateau: (%.5f, %.5f), L = %.5f; %d evaluations, %.1f ms%n", end[0], end[1],
                model.loss(Activation.HE2, 0.1, end[0], end[1]), tr.evaluations(), (System.nanoTime() - t0) / 1e6);
        assertEquals(0.8633, end[0], 5e-4);
        assertEquals(0.9269, end[1], 5e-4);
        assertEquals(0.2206, model.loss(Activation.HE2, 0.1, end[0], end[1]), 5e-4);
        // negative case: without the gamma^2 term the flow goes to the global minimum (0.9, 1)
        double[] noNoise = model.with(Knob.NOISE_FACTOR, 0).integrate(Activation.HE2, 0.1, gamma, 0.05, 0.2, 600, List.of()).at(600);
        assertEquals(0.9, noNoise[0], 1e-3);
        assertEquals(1, noNoise[1], 1e-3);
    }

    @Test
    void he3UnlearningFixedPointBelowMuStar() {
        // theory page, lora-fixed-points: He3, gamma0 = 1, mu = 0.2 -> (0.1833, -0.9252); start on the unstable direction (u m < 0)
        long t0 = System.nanoTime();
        Trajectory tr = model.integrate(Activation.HE3, 0.2, 1.0 / 18, 0.02, -0.02, 40000, List.of());
        double[] end = tr.at(40000);
        System.out.printf("He3 mu=0.2 end point (%.5f, %.5f), R = %.4f; %d evaluations, %.1f ms%n", end[0], end[1],
                0.2 + end[0] * end[1], tr.evaluations(), (System.nanoTime() - t0) / 1e6);
        assertEquals(0.1833, end[0], 5e-4);
        assertEquals(-0.9252, end[1], 5e-4);
    }

    @Test
    void escapeEventAndTauScaleAndSaddleShift() {
        Trajectory tr = model.integrate(Activation.TANH, 0.6, 1, 1e-4, 1e-4, 2000, List.of(Event.absReaches("escape", 1, 0.5, true)));
        assertTrue(tr.eventTime("escape") > 0 && tr.endTime() < 2000);
        assertEquals(2 * model.tau(Activation.HE3, 0.5), model.with(Knob.TAU_SCALE, 2).tau(Activation.HE3, 0.5), 1e-12);
        assertEquals(model.A(Activation.HE3, 0.5) + 0.01, model.with(Knob.SADDLE_SHIFT, 0.01).A(Activation.HE3, 0.5), 1e-15);
        assertTrue(model.with(Knob.SADDLE_SHIFT, 0.01).tau(Activation.HE3, 0.5) < model.tau(Activation.HE3, 0.5));
    }

    @Test
    void badInputIsRejectedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.with(Knob.TAU_SCALE, -1));
        assertTrue(e.getMessage().startsWith("tau_scale"));
        assertThrows(IllegalArgumentException.class, () -> model.loss(Activation.LIN, 0.5, 0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> model.integrate(Activation.LIN, 0.5, 0, 0, 0.1, 1, List.of()));
    }
}
