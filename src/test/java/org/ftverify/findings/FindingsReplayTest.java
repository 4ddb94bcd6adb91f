package org.ftverify.findings;

import static org.junit.jupiter.api.Assertions.*;

import org.ftverify.theory.lora.Activation;
import org.ftverify.theory.lora.LoraTheoryModel;
import org.junit.jupiter.api.Test;

/**
 * Replays of the findings in verification/findings/ that are not a claim's archived counterexample: each test
 * reproduces the counterexample to the statement as it was written, through the theory's public model, and prints
 * the numbers the finding quotes. Run one with {@code mvn -o -q test -Dtest=FindingsReplayTest#<method>}.
 */
class FindingsReplayTest {
    private final LoraTheoryModel model = LoraTheoryModel.exact();

    /**
     * lora-he2-line-m0-not-invariant: "m = 0 is invariant under the He2 ODE". At mu = 0.3, on the He2 bias plateau
     * u* = sqrt(1/3 - mu^2), the model's dm/dalpha is 4 gamma mu u* (proofs/lora.adoc, step he2-m-drift), not 0; at mu = 0 it is 0.
     */
    @Test
    void he2LineMZeroIsNotInvariant() {
        double gamma = 1, mu = 0.3, u = Math.sqrt(1.0 / 3 - mu * mu);
        double[] out = new double[2];
        model.drift(Activation.HE2, mu, gamma, u, 0, out);
        System.out.printf("He2 mu=%.2f u*=%.4f: dm/dalpha = %.6g (4 gamma mu u* = %.6g)%n", mu, u, out[1], 4 * gamma * mu * u);
        assertEquals(4 * gamma * mu * u, out[1], 1e-6 * (1 + Math.abs(out[1])), "dm/dalpha at m = 0 on the plateau");
        assertTrue(Math.abs(out[1]) > 0.1, "m = 0 is left at a finite rate");
        model.drift(Activation.HE2, 0, gamma, Math.sqrt(1.0 / 3), 0, out);
        assertEquals(0, out[1], 1e-12, "invariant at mu = 0 only");
    }

    /**
     * lora-relu-saddle-u-abs-u: "near the saddle the drift is its linearisation plus O(|x|^3)" (the smooth-activation
     * truncation behind the half-speed statement). For ReLU at mu = 0.6 on m = 0 the remainder du/dalpha - gamma B u is
     * c u|u| with c != 0: it scales as h^2 and changes sign with u, which no analytic odd drift can do. Linear: 0.
     */
    @Test
    void reluDriftHasANonAnalyticUAbsUTermAtTheSaddle() {
        double gamma = 1, mu = 0.6;
        double[] out = new double[2];
        double b = model.B(Activation.RELU, mu) * Activation.RELU.lrNormalisation();
        double[] c = new double[4];
        double[] hs = {1e-2, 5e-3, -5e-3, -1e-2};
        for (int i = 0; i < hs.length; i++) {
            model.drift(Activation.RELU, mu, gamma, hs[i], 0, out);
            c[i] = (out[0] - gamma * b * hs[i]) / (hs[i] * Math.abs(hs[i]));
            System.out.printf("ReLU mu=%.1f u=%+.3g: (du/dalpha - gamma B u)/(u|u|) = %.6g%n", mu, hs[i], c[i]);
        }
        assertTrue(Math.abs(c[0]) > 1e-2, "a u|u| term is present: " + c[0]);
        assertEquals(c[0], c[1], 0.05 * Math.abs(c[0]), "the remainder scales as u^2 (same coefficient at half the step)");
        assertEquals(c[0], c[3], 0.05 * Math.abs(c[0]), "and as u|u|: odd, one coefficient for both signs");
        double bl = model.B(Activation.LIN, mu) * Activation.LIN.lrNormalisation();
        model.drift(Activation.LIN, mu, gamma, 1e-2, 0, out);
        assertEquals(0, (out[0] - gamma * bl * 1e-2) / 1e-4, 1e-2, "the linear activation has no quadratic remainder");
    }

    /**
     * Open finding lora-p5-he3-slope: P5's check run at He3, mu = 0.6, with the try seed of the fresh-clone run that found
     * it (He3 is outside the claim's parameter space since, so the check is called directly). The slope falls short of
     * tau/2 by more than the notes' 30%.
     */
    @Test
    void he3SearchPhaseSlopeAtTheFindingsSeedIsWithinItsDerivedTolerance() {
        // Resolved: a d-ladder to 32768 put He3's slope at tau/2 (SGD = exact ODE at every d); at the finding's try seed
        // the slope is now compared with the ODE-corrected prediction within 5 propagated SEs + the measured SGD-vs-ODE term.
        org.ftverify.core.Claim p5 = new org.ftverify.theory.lora.LoraTheory().claims().stream()
                .filter(c -> c.id().equals("lora.log-search-phase")).findFirst().orElseThrow();
        org.ftverify.core.Evidence e = p5.check().check(new org.ftverify.core.Params(java.util.Map.of("activation", "he3", "mu", 0.6)),
                new org.ftverify.core.CheckContext(7040422061993431959L, org.ftverify.core.EvidenceLevel.QUICK));
        System.out.println(e.summary());
        assertTrue(e.comparisons().stream().filter(c -> c.quantity().startsWith("slope")).allMatch(c -> c.passes()), e.summary());
    }
}
