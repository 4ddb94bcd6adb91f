package org.ftverify.theory.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.ftverify.symbolic.Cas;
import org.junit.jupiter.api.Test;

/**
 * The numeric closed forms of {@link RiskTheoryModel} against what Symja derives from the definitions (the same
 * derivations as proofs/risk.adoc §3, §6, §7, §8, §10), at numeric points.
 */
class CasCrossCheckTest {
    private static final RiskTheoryModel EXACT = RiskTheoryModel.exact();

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.17g", v).replace("e", "*10^");
    }

    @Test
    void cStarIsTheRootOfTheFirstOrderCondition() {
        double al = 0.7, kk = 2.5, gl = 3e-5;
        String jj = "li + " + n(kk) + "*c^(-" + n(al) + ") + " + n(gl) + "*c";
        double symja = Cas.evalDouble("c /. Last(Solve(D(" + jj + ", c) == 0, c))");
        assertEquals(symja, EXACT.budget().cStar(al, kk, gl), 1e-9 * symja);
    }

    @Test
    void discreteLyapunovByKroneckerVectorisation() {
        // H diagonal (its own eigenbasis), Sigma not commuting with it
        double eta = 0.6, h1 = 1.3, h2 = 0.4, s11 = 0.9, s12 = 0.35, s22 = 0.5;
        String h = "{{" + n(h1) + ",0},{0," + n(h2) + "}}";
        String op = "KroneckerProduct(IdentityMatrix(2), " + h + ") + KroneckerProduct(" + h + ", IdentityMatrix(2)) - "
                + n(eta) + "*KroneckerProduct(" + h + ", " + h + ")";
        String sig = "{" + n(s11) + "," + n(s12) + "," + n(s12) + "," + n(s22) + "}";
        double[][] model = EXACT.covariance().stationary(new double[] {h1, h2}, new double[][] {{s11, s12}, {s12, s22}}, eta);
        for (int k = 0; k < 4; k++) {
            double symja = Cas.evalDouble("Part(LinearSolve(" + op + ", " + n(eta) + "*" + sig + "), " + (k + 1) + ")");
            assertEquals(symja, model[k / 2][k % 2], 1e-12 * Math.abs(symja));
        }
    }

    @Test
    void m2StationaryRiskSolvesTheFixedPoint() {
        double eta = 0.3, b = 2, s2 = 0.4, h1 = 1, h2 = 0.25;
        M2Task t = new M2Task(new double[] {h1, h2}, 2, eta, s2, 10, new double[2]);
        // fixed point m = D m + (eta^2/b) h (h'm) + (eta^2 s2/b) h, solved by Symja
        String d1 = n((1 - eta * h1) * (1 - eta * h1) + eta * eta * h1 * h1 / b), d2 = n((1 - eta * h2) * (1 - eta * h2) + eta * eta * h2 * h2 / b);
        String c = n(eta * eta / b), w = n(eta * eta * s2 / b);
        String sol = "Solve({m1 == " + d1 + "*m1 + " + c + "*" + n(h1) + "*(" + n(h1) + "*m1 + " + n(h2) + "*m2) + " + w + "*" + n(h1) + ", m2 == " + d2 + "*m2 + "
                + c + "*" + n(h2) + "*(" + n(h1) + "*m1 + " + n(h2) + "*m2) + " + w + "*" + n(h2) + "}, {m1, m2})";
        double symja = Cas.evalDouble("(1/2*(" + n(h1) + "*m1 + " + n(h2) + "*m2)) /. First(" + sol + ")");
        assertEquals(symja, EXACT.m2().stationaryRisk(t), 1e-12 * symja);
    }

    @Test
    void hurwitzZetaAndMixtureSlope() {
        assertEquals(Cas.evalDouble("HurwitzZeta(3/2, 13)"), HurwitzZeta.zeta(1.5, 13), 1e-14);
        assertEquals(Cas.evalDouble("HurwitzZeta(11/10, 21/2)"), HurwitzZeta.zeta(1.1, 10.5), 1e-13);
        double slope = Cas.evalDouble("(-c*D(c^(-1) + 1/200*c^(-1/2), c)/(c^(-1) + 1/200*c^(-1/2))) /. c -> 10000");
        assertEquals(slope, EXACT.channels().slope(1, 1, 0.005, 0.5, 1e4), 1e-13);
    }
}
