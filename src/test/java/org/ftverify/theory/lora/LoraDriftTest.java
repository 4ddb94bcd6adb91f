package org.ftverify.theory.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LoraDriftTest {
    private final LoraTheoryModel model = LoraTheoryModel.exact();

    /** theory page, lora-loss He2 polynomials (raw, before dividing by k!k). */
    static double[] he2Polynomials(double mu, double u, double m) {
        double gr = 6 * m * Math.pow(mu, 3) + 18 * m * mu * u * u - 6 * m * mu + 6 * Math.pow(u, 3)
                + u * (12 * m * m * mu * mu - 4 * m * m + 6 * mu * mu - 2);
        double gp = 2 * (1 - m * m) * (6 * m * mu * mu * u - 2 * m * u + 3 * Math.pow(mu, 3) + 3 * mu * u * u - 3 * mu);
        double psi = 60 * Math.pow(mu * mu - 1, 2) * mu * mu + 60 * Math.pow(u, 6) + 360 * m * mu * Math.pow(u, 5)
                + Math.pow(u, 4) * (720 * m * m * mu * mu - 96 * m * m + 180 * mu * mu - 24)
                + Math.pow(u, 3) * (480 * Math.pow(m * mu, 3) - 192 * Math.pow(m, 3) * mu + 720 * m * Math.pow(mu, 3) - 288 * m * mu)
                + u * u * (720 * m * m * Math.pow(mu, 4) - 576 * m * m * mu * mu + 48 * m * m + 180 * Math.pow(mu, 4) - 144 * mu * mu + 12)
                + u * (360 * m * Math.pow(mu, 5) - 480 * m * Math.pow(mu, 3) + 120 * m * mu);
        return new double[] {gr, gp, psi};
    }

    /** theory page, lora-loss He3 gradient polynomials. */
    static double[] he3Gradient(double mu, double u, double m) {
        double m2 = m * m, mu2 = mu * mu, mu3 = mu2 * mu, mu4 = mu2 * mu2, u2 = u * u, u3 = u2 * u;
        double gr = 9 * m * mu * (5 * mu4 - 4 * mu2 - 2 * mu + 1) + 225 * m * mu * u2 * u2 + 45 * u3 * u2
                + u3 * (360 * m2 * mu2 + 90 * mu2 - 36) + u2 * (180 * m2 * m * mu3 - 18 * m2 * m + 270 * m * mu3 - 108 * m * mu)
                + u * (180 * m2 * mu4 - 72 * m2 * mu2 - 36 * m2 * mu + 45 * mu4 - 36 * mu2 + 9);
        double gp = 9 * (1 - m2) * (20 * m2 * mu3 * u2 - 2 * m2 * u2 + 20 * m * mu4 * u + 20 * m * mu2 * u3 - 8 * m * mu2 * u
                - 4 * m * mu * u + 5 * mu4 * mu + 10 * mu3 * u2 - 4 * mu3 - 2 * mu2 + 5 * mu * u2 * u2 - 4 * mu * u2 + mu);
        return new double[] {gr, gp};
    }

    @Test
    void hermiteMomentsEqualTheSpecPolynomials() {
        Random rnd = new Random(11);
        double[] out = new double[3];
        for (int t = 0; t < 200; t++) {
            double mu = rnd.nextDouble(), u = 3 * rnd.nextDouble() - 1.5, m = 2 * rnd.nextDouble() - 1;
            LoraDrift.moments(Activation.HE2, mu, u, m, out);
            double[] ref = he2Polynomials(mu, u, m);
            for (int i = 0; i < 3; i++) assertEquals(ref[i], out[i], 1e-11 * (1 + Math.abs(ref[i])), "He2 moment " + i);
            LoraDrift.moments(Activation.HE3, mu, u, m, out);
            double[] ref3 = he3Gradient(mu, u, m);
            for (int i = 0; i < 2; i++) assertEquals(ref3[i], out[i], 1e-10 * (1 + Math.abs(ref3[i])), "He3 moment " + i);
            // lin closed form and the He1 quadrature path agree
            double[] lin = new double[3];
            LoraDrift.moments(Activation.LIN, mu, u, m, lin);
            LoraDrift.moments(Activation.HE1, mu, u, m, out);
            for (int i = 0; i < 3; i++) assertEquals(lin[i], out[i], 1e-13 * (1 + Math.abs(lin[i])));
        }
    }

    @Test
    void smoothRuleErrorAgainstReferenceRule() {
        Random rnd = new Random(3);
        double[] a = new double[3], b = new double[3];
        for (Activation s : new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.ERF}) {
            double worst = 0;
            for (int t = 0; t < 40; t++) {
                double mu = rnd.nextDouble(), u = 6 * rnd.nextDouble() - 3, m = 2 * rnd.nextDouble() - 1;
                LoraDrift.moments(s, mu, u, m, a);
                LoraDrift.smoothMoments(s, mu, u, m, 3, b);
                for (int i = 0; i < 3; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            System.out.printf("drift moments %s: trapezoid h0 vs h0/3, max |diff| %.3g (|u| <= 3)%n", s, worst);
            assertTrue(worst < 1e-10, s + " quadrature error " + worst);
        }
    }

    @Test
    void erfGradientMomentsEqualDerivativesOfTheArcsinLoss() {
        // independent check of the erf quadrature: E[g rho] = dL/du and u(E[g nu] - m E[g rho]) = (1-m^2) dL/dm,
        // L from the closed arcsin form; central differences with h = 1e-5 carry ~1e-10 error
        Random rnd = new Random(9);
        double[] a = new double[3];
        double worst = 0;
        for (int t = 0; t < 40; t++) {
            double mu = rnd.nextDouble(), u = 4 * rnd.nextDouble() - 2, m = 1.9 * rnd.nextDouble() - 0.95, h = 1e-5;
            LoraDrift.moments(Activation.ERF, mu, u, m, a);
            double dLdu = (PopulationLoss.of(Activation.ERF, mu, u + h, m) - PopulationLoss.of(Activation.ERF, mu, u - h, m)) / (2 * h);
            double dLdm = (PopulationLoss.of(Activation.ERF, mu, u, m + h) - PopulationLoss.of(Activation.ERF, mu, u, m - h)) / (2 * h);
            worst = Math.max(worst, Math.max(Math.abs(dLdu - a[0]), Math.abs((1 - m * m) * dLdm - u * a[1])));
        }
        System.out.printf("erf drift moments vs finite differences of the arcsin loss: max |diff| %.3g%n", worst);
        assertTrue(worst < 1e-8, "erf moments vs closed-form gradient " + worst);
    }

    @Test
    void reluClosedFormAgreesWithGradientOfLossAndQuadrature() {
        Random rnd = new Random(5);
        double[] a = new double[3], b = new double[3];
        double worstQuad = 0;
        for (int t = 0; t < 40; t++) {
            double mu = 0.05 + 0.95 * rnd.nextDouble(), u = 3 * rnd.nextDouble() - 1.5, m = 1.9 * rnd.nextDouble() - 0.95;
            LoraDrift.reluMoments(mu, u, m, a);
            // E[g rho] = dL/du and (1-m^2) dL/dm = u (E[g nu] - m E[g rho]), central differences of the loss
            double h = 1e-5;
            double dLdu = (PopulationLoss.of(Activation.RELU, mu, u + h, m) - PopulationLoss.of(Activation.RELU, mu, u - h, m)) / (2 * h);
            double dLdm = (PopulationLoss.of(Activation.RELU, mu, u, m + h) - PopulationLoss.of(Activation.RELU, mu, u, m - h)) / (2 * h);
            assertEquals(dLdu, a[0], 1e-8);
            assertEquals((1 - m * m) * dLdm, u * a[1], 1e-8);
            LoraDrift.quadratureMoments(Activation.RELU, mu, u, m, GaussianRule.hermite(180), GaussianRule.hermite(180), b);
            for (int i = 0; i < 3; i++) worstQuad = Math.max(worstQuad, Math.abs(a[i] - b[i]));
        }
        System.out.printf("ReLU arc-cosine moments vs 180x180 quadrature (kinks, slow convergence): max |diff| %.3g%n", worstQuad);
        assertTrue(worstQuad < 5e-3, "ReLU closed form vs quadrature " + worstQuad);
    }

    @Test
    void driftIsOdd() {
        Random rnd = new Random(13);
        double[] p = new double[2], q = new double[2];
        for (Activation s : Activation.values()) {
            for (int t = 0; t < 20; t++) {
                double mu = rnd.nextDouble(), u = 2 * rnd.nextDouble() - 1, m = 2 * rnd.nextDouble() - 1, gamma = rnd.nextDouble();
                model.drift(s, mu, gamma, u, m, p);
                model.drift(s, mu, gamma, -u, -m, q);
                for (int i = 0; i < 2; i++) assertEquals(-p[i], q[i], 1e-12 * (1 + Math.abs(p[i])), s + " oddness, component " + i);
            }
        }
    }

    @Test
    void jacobianAtSaddleIsGammaTimesBAAZero() {
        double gamma = 0.7;
        double[] up = new double[2], um = new double[2], mp = new double[2], mm = new double[2];
        for (Activation s : Activation.values()) {
            // ReLU's kink adds an odd, non-analytic u|u| term to the drift (smooth sigma has no quadratic term), so a
            // central difference carries an O(h) error there: use a much smaller step (rounding ~1e-16/h = 1e-8)
            double h = s == Activation.RELU ? 1e-8 : 1e-5;
            for (double mu : new double[] {0.2, 0.5, 0.8}) {
                model.drift(s, mu, gamma, h, 0, up);
                model.drift(s, mu, gamma, -h, 0, um);
                model.drift(s, mu, gamma, 0, h, mp);
                model.drift(s, mu, gamma, 0, -h, mm);
                double norm = s.lrNormalisation();
                double a = model.A(s, mu) * norm, b = model.B(s, mu) * norm;
                double tol = (s == Activation.RELU ? 1e-6 : 1e-7) * (1 + Math.abs(a) + Math.abs(b)) * gamma;
                assertEquals(gamma * b, (up[0] - um[0]) / (2 * h), tol, s + " mu=" + mu + " J_uu");
                assertEquals(gamma * a, (mp[0] - mm[0]) / (2 * h), tol, s + " mu=" + mu + " J_um");
                assertEquals(gamma * a, (up[1] - um[1]) / (2 * h), tol, s + " mu=" + mu + " J_mu");
                assertEquals(0, (mp[1] - mm[1]) / (2 * h), tol, s + " mu=" + mu + " J_mm");
            }
        }
    }

    @Test
    void noiseFactorScalesOnlyTheNoiseTerm() {
        double[] exact = new double[2], none = new double[2], doubled = new double[2];
        model.drift(Activation.LIN, 0.5, 2, 0.3, 0.4, exact);
        model.with(Knob.NOISE_FACTOR, 0).drift(Activation.LIN, 0.5, 2, 0.3, 0.4, none);
        model.with(Knob.NOISE_FACTOR, 2).drift(Activation.LIN, 0.5, 2, 0.3, 0.4, doubled);
        // lin: noise term = (gamma^2/2) u^2 m Psi with Psi = 2L
        double psi = 0.25 + 0.09 - 2 * 0.5 * 0.3 * 0.4;
        double noise = 0.5 * 4 * 0.09 * 0.4 * psi;
        assertEquals(exact[0], none[0], 0);
        assertEquals(-noise, exact[1] - none[1], 1e-15);
        assertEquals(-2 * noise, doubled[1] - none[1], 1e-15);
    }
}
