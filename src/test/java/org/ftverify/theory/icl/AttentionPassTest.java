package org.ftverify.theory.icl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ftverify.simd.GaussianSampler;
import org.junit.jupiter.api.Test;

class AttentionPassTest {

    /** The prediction written as the double sum of the model definition, with plain loops. */
    private static double reference(Weights w, PromptBatch b, int p) {
        int t = b.tokens(), dim = w.dim, base = p * t * dim, query = base + (t - 1) * dim;
        double sum = 0;
        for (int m = 0; m < t; m++) {
            double score = 0, value = 0;
            for (int i = 0; i < dim; i++) {
                value += w.v[i] * b.z[base + m * dim + i];
                for (int j = 0; j < dim; j++) score += b.z[query + i] * w.qAt(i, j) * b.z[base + m * dim + j];
            }
            sum += score * value;
        }
        return sum / t;
    }

    @Test
    void forwardMatchesTheDoubleSumAndBackwardMatchesFiniteDifferences() {
        IclSetup s = new IclSetup(3, 0.2, new double[] {1.0, 0.5, 2.0});
        Weights w = AttentionSgd.randomInit(3, 0.7, 5);
        PromptBatch b = new PromptBatch(s, 4, 6);
        b.fill(new GaussianSampler(9), new double[] {0.6, -0.8, 0.0}, 5, 4);
        AttentionPass pass = new AttentionPass(b);
        pass.forward(w, b);
        for (int p = 0; p < 4; p++) assertEquals(reference(w, b, p), pass.prediction(p), 1e-12);
        double[] gQ = new double[w.q.length], gv = new double[w.v.length];
        double loss = pass.accumulateGradient(w, b, 1, gQ, gv);
        double h = 1e-6;
        for (int k = 0; k < w.q.length; k += 3) {
            Weights plus = w.copy(), minus = w.copy();
            plus.q[k] += h;
            minus.q[k] -= h;
            assertEquals((meanLoss(plus, b) - meanLoss(minus, b)) / (2 * h), gQ[k], 1e-6 * (1 + Math.abs(gQ[k])), "Q entry " + k);
        }
        for (int k = 0; k < w.v.length; k++) {
            Weights plus = w.copy(), minus = w.copy();
            plus.v[k] += h;
            minus.v[k] -= h;
            assertEquals((meanLoss(plus, b) - meanLoss(minus, b)) / (2 * h), gv[k], 1e-6 * (1 + Math.abs(gv[k])), "v entry " + k);
        }
        assertTrue(loss > 0);
    }

    private static double meanLoss(Weights w, PromptBatch b) {
        AttentionPass p = new AttentionPass(b);
        p.forward(w, b);
        return p.sumSquaredError(b) / b.prompts();
    }

    @Test
    void badInputNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IclSetup.isotropic(0, 0.1));
        assertTrue(e.getMessage().startsWith("d (covariate dimension)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IclSetup.isotropic(3, -0.1));
        assertTrue(e.getMessage().startsWith("sigma2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PromptBatch(IclSetup.isotropic(3, 0.1), 8, -1));
        assertTrue(e.getMessage().startsWith("context length"), e.getMessage());
    }

    @Test
    void monteCarloRisksAgreeWithTheClosedForms() {
        IclSetup s = IclSetup.isotropic(5, 0.1);
        IclModel m = IclModel.exact();
        double[] t0 = {1, 0, 0, 0, 0};
        double[] u = {1.0 / 9, 0.05, 0, 0, 0};
        double gamma = 0.8, wy = 0.7 / gamma;
        Weights a = Weights.familyA(s, gamma, new double[] {u[0] / gamma, u[1] / gamma, 0, 0, 0}, wy);
        Weights bw = Weights.familyB(5, 1.4, t0, 1.2);
        double[] minus = {-1, 0, 0, 0, 0};
        for (int n : new int[] {0, 1, 7, 20}) {
            RiskMonteCarlo.Estimate[] e = RiskMonteCarlo.estimate(s, new Weights[] {a, bw}, minus, n, 64, 1024, 11 + n);
            double pa = m.riskA(n, 5, 0.1, u, 0.7, minus), pb = m.riskB(s, n, minus, t0, 1.4 * 1.2);
            System.out.printf("n=%d A: mc %.5f +- %.5f theory %.5f | B: mc %.5f +- %.5f theory %.5f%n", n, e[0].mean(), e[0].se(), pa,
                    e[1].mean(), e[1].se(), pb);
            assertEquals(pa, e[0].mean(), 5 * e[0].se());
            assertEquals(pb, e[1].mean(), 5 * e[1].se());
        }
    }
}
