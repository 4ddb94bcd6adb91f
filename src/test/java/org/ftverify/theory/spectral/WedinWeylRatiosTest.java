package org.ftverify.theory.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ftverify.simd.GaussianSampler;
import org.junit.jupiter.api.Test;

/**
 * Every side/bound ratio of P1 at perturbations where its value is known: rotating mode 1 into mode 2 by x·gap attains
 * the spectral and Frobenius Wedin bounds to O(x), the W0-gap form at 1 - x, and the dilation bound at 1/2 (sin theta = x
 * against 2 x gap / gap); a rank-one push of mode 1 attains Weyl's. P1's claim only asserts ratio <= 1, so without this
 * a ratio computed too small (a lost factor, a wrong norm) would pass it (PIT survivors).
 */
class WedinWeylRatiosTest {
    private static final SpectralModel X = SpectralModel.exact();

    @Test
    void ratiosAtExtremalPerturbations() {
        GaussianSampler g = GaussianSampler.stream(11, 1);
        Pretrained w = Pretrained.of(new double[] {6, 4, 1, 0.5, 0.3, 0.2}, 9, g);
        double gap = w.sigma[0] - w.sigma[1], x = 1e-3;
        DMatrixRMaj rot = new DMatrixRMaj(6, 9);
        WedinWeylClaim.addOuter(rot, x * gap, w.u(1), w.v(0));
        WedinWeylClaim.addOuter(rot, x * gap, w.u(0), w.v(1));
        WedinWeylClaim.Ratios r = WedinWeylClaim.ratios(X, w, rot, 1);
        assertNotNull(r);
        assertEquals(1, r.wedin(), 4 * x);
        assertEquals(1, r.wedinF(), 4 * x);
        assertEquals(1 - x, r.wedinW0(), 4 * x);
        assertEquals(0.5, r.dilation(), 4 * x);  // g_1 = min(inf, gap, sigma_1) = gap
        assertTrue(r.weyl() < 0.01, "the rotation moves the singular values only to second order: " + r.weyl());
        assertTrue(r.kappa() > 1);
        DMatrixRMaj push = new DMatrixRMaj(6, 9);
        WedinWeylClaim.addOuter(push, x * w.sigma[0], w.u(0), w.v(0));
        assertEquals(1, WedinWeylClaim.ratios(X, w, push, 1).weyl(), 1e-9);
    }

    @Test
    void wedinDoesNotApplyWhenTheGapCloses() {
        Pretrained w = Pretrained.of(new double[] {6, 4, 1}, 4, GaussianSampler.stream(12, 1));
        DMatrixRMaj shrink = Matrices.add(new DMatrixRMaj(3, 4), -0.8, w.matrix); // sigma~_1 = 1.2 < sigma_2 = 4: Wedin's premise fails
        assertEquals(null, WedinWeylClaim.ratios(X, w, shrink, 1));
    }

    @Test
    void lowRankPerturbationHasTheStatedSpectrum() {
        DMatrixRMaj d = WedinWeylClaim.lowRank(7, 9, 0.4, GaussianSampler.stream(13, 1));
        double[] s = Matrices.singularValues(d);
        // eps a1 b1^T + (eps/2) a2 b2^T with random unit vectors: rank 2, largest singular value within [eps/2, 3 eps/2]
        assertTrue(s[2] < 1e-12 && s[1] > 0.01, "rank 2: " + java.util.Arrays.toString(s));
        assertEquals(1, norm(WedinWeylClaim.unit(5, GaussianSampler.stream(14, 1))), 1e-14);
        assertTrue(s[0] <= 0.4 * 1.5 + 1e-12 && s[0] >= 0.4 * 0.5, "largest singular value between eps/2 and 3 eps/2: " + s[0]);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }
}
