package org.ftverify.simd;

import static org.ftverify.simd.NormalityChecks.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statistical correctness (moments, KS, independence), reproducibility, and bitwise agreement of the vector and scalar
 * generators. Seeds are fixed, so each statistical test is deterministic; its stated level is the chance that a
 * correct sampler would fail it at a random seed.
 */
class GaussianSamplerTest {
    static final int N = 1_000_000;
    static double[] samples;

    @BeforeAll
    static void draw() {
        samples = new double[N];
        new GaussianSampler(20260123L).fill(samples, N);
    }

    @Test
    void momentsMatchStandardNormal() {
        assertTrue(meanOk(samples), "mean " + moment(samples, 1));
        assertTrue(secondMomentOk(samples), "E x^2 " + moment(samples, 2));
        assertTrue(fourthMomentOk(samples), "E x^4 " + moment(samples, 4));
    }

    @Test
    void kolmogorovSmirnovAcceptsAtLevel0001() {
        double d = ksStatistic(samples);
        assertTrue(d <= ksCritical(N), "D = " + d + " > D_crit = " + ksCritical(N));
    }

    /** Negative case: a sampler with variance 1.1 must be rejected by the same KS and moment checks. */
    @Test
    void wrongVarianceIsRejected() {
        double[] wide = samples.clone();
        Kernels.scale(Math.sqrt(1.1), wide, N);
        assertTrue(ksStatistic(wide) > ksCritical(N), "KS must reject variance 1.1");
        assertFalse(secondMomentOk(wide), "second-moment check must reject variance 1.1");
        assertFalse(fourthMomentOk(wide), "fourth-moment check must reject variance 1.1");
    }

    /** Negative case: the JDK's uniform doubles shifted to mean 0 have the right mean but fail KS and moments. */
    @Test
    void nonGaussianShapeIsRejected() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] uniform = new double[N];
        double halfWidth = Math.sqrt(3); // variance 1, but E x^4 = 9/5
        for (int i = 0; i < N; i++) uniform[i] = rng.nextDouble(-halfWidth, halfWidth);
        assertTrue(ksStatistic(uniform) > ksCritical(N));
        assertFalse(fourthMomentOk(uniform));
    }

    /**
     * Independence between neighbours, between the two halves of a Box–Muller pair (lag 8) and between consecutive
     * blocks (lag 16), for the samples and their squares: |corr| &lt;= 5 / sqrt(n) (null standard error 1 / sqrt(n)).
     */
    @Test
    void laggedCorrelationsVanish() {
        double bound = 5 / Math.sqrt(N);
        for (int lag : new int[] {1, 7, 8, 9, 16}) {
            for (int power : new int[] {1, 2}) {
                double c = lagCorrelation(samples, lag, power);
                assertTrue(Math.abs(c) <= bound, "lag " + lag + " power " + power + " corr " + c);
            }
        }
    }

    @Test
    void streamsAreReproducibleAndMutuallyUncorrelated() {
        double[] a = new double[N / 4], b = new double[N / 4], a2 = new double[N / 4];
        GaussianSampler.stream(7, 0).fill(a, a.length);
        GaussianSampler.stream(7, 1).fill(b, b.length);
        GaussianSampler.stream(7, 0).fill(a2, a2.length);
        assertArrayEquals(a, a2, 0.0, "same (seed, stream) must give the same samples");
        double[] fromConstructor = new double[a.length];
        new GaussianSampler(7).fill(fromConstructor, a.length);
        assertArrayEquals(a, fromConstructor, 0.0, "new GaussianSampler(seed) is stream 0");
        double sab = 0;
        for (int i = 0; i < a.length; i++) sab += a[i] * b[i];
        assertTrue(Math.abs(sab / a.length) <= 5 / Math.sqrt(a.length), "streams 0 and 1 correlate: " + sab);
        assertNotEquals(a[0], new GaussianSampler(8).next(), "different seeds must differ");
    }

    /** The stream must not depend on how it is read: any mix of fill sizes and next() gives the same sequence. */
    @Test
    void readingPatternDoesNotChangeTheSequence() {
        int total = 6000;
        double[] oneShot = new double[total];
        new GaussianSampler(99).fill(oneShot, total);

        GaussianSampler s = new GaussianSampler(99);
        double[] pieces = new double[total];
        int pos = 0;
        int[] sizes = {0, 1, 7, 16, 15, 1023, 2, 33, 4099 - 1023};
        for (int size : sizes) {
            s.fill(pieces, pos, size);
            pos += size;
            pieces[pos++] = s.next();
        }
        while (pos < total) pieces[pos++] = s.next();
        assertArrayEquals(oneShot, pieces, 0.0);
    }

    /** The vector path and the scalar reference must agree bit for bit (no fma, no library transcendental). */
    @Test
    void vectorAndScalarGeneratorsAreBitwiseIdentical() {
        long[] stateV = new long[32], stateS = new long[32];
        SeedMixer.seedXoshiroLanes(3, 4, stateV, 8);
        SeedMixer.seedXoshiroLanes(3, 4, stateS, 8);
        int blocks = 5000;
        double[] v = new double[blocks * 16 + 5], s = new double[blocks * 16 + 5];
        int scratch = VectorGaussianBlocks.SCRATCH;
        VectorGaussianBlocks.fill(stateV, v, 5, blocks, new long[2 * scratch], new double[3 * scratch]);
        ScalarGaussianBlocks.fill(stateS, s, 5, blocks);
        assertArrayEquals(stateS, stateV, "states must advance identically");
        for (int i = 0; i < s.length; i++) {
            assertEquals(Double.doubleToRawLongBits(s[i]), Double.doubleToRawLongBits(v[i]), "sample " + i);
        }
    }

    /**
     * The same after C2 has compiled the vector passes: the first ~10^6 samples run interpreted or C1-compiled, so
     * the test above alone would not cover the JIT-compiled code. The vector generator is driven directly (the
     * sampler may still be on the scalar one) until the warm-up has switched over, plus 2^22 samples more.
     */
    @Test
    void jitCompiledVectorPathStaysBitwiseIdentical() {
        int chunk = 16384, scratch = VectorGaussianBlocks.SCRATCH;
        long[] vectorState = new long[32], scalarState = new long[32], words = new long[2 * scratch];
        double[] work = new double[3 * scratch];
        SeedMixer.seedXoshiroLanes(17, 3, vectorState, 8);
        SeedMixer.seedXoshiroLanes(17, 3, scalarState, 8);
        double[] got = new double[chunk], want = new double[chunk];
        long deadline = System.nanoTime() + (VectorWarmup.DEADLINE_SECONDS + 5) * 1_000_000_000L;
        int afterWarm = 0;
        for (int c = 0; afterWarm < (1 << 22) / chunk; c++) {
            VectorGaussianBlocks.fill(vectorState, got, 0, chunk / 16, words, work);
            ScalarGaussianBlocks.fill(scalarState, want, 0, chunk / 16);
            if (!Arrays.equals(got, want)) fail("vector and scalar streams differ in chunk " + c);
            if (VectorWarmup.ready(chunk)) afterWarm++;
            assertTrue(System.nanoTime() < deadline, "no switch to the vector generator: " + VectorWarmup.status());
        }
        assertTrue(GaussianSampler.algorithm().contains("vector generator in use"), GaussianSampler.algorithm());
    }

    /** The fdlibm-polynomial log used by Box–Muller agrees with Math.log to 1 ulp over (0, 1]. */
    @Test
    void logPolynomialIsAccurate() {
        SplittableRandom rng = new SplittableRandom(11);
        double[] special = {0x1p-52, 0x1.8p-52, 0.5, Math.sqrt(0.5), 0.70710678118654757, 0.999999, 1.0};
        for (double x : special) assertLog(x);
        for (int i = 0; i < 100_000; i++) assertLog(Math.scalb(1 + rng.nextDouble(), -1 - rng.nextInt(52)));
    }

    private static void assertLog(double x) {
        double expected = Math.log(x);
        assertEquals(expected, ScalarGaussianBlocks.log(x), Math.ulp(expected), "log(" + x + ")");
    }

    /** Each Box–Muller pair equals R (cos theta, sin theta) computed with Math, to a few ulps of R. */
    @Test
    void boxMullerPairMatchesLibraryTrigonometry() {
        SplittableRandom rng = new SplittableRandom(12);
        double[] out = new double[2];
        for (int i = 0; i < 100_000; i++) {
            long w1 = rng.nextLong(), w2 = rng.nextLong();
            ScalarGaussianBlocks.boxMuller(w1, w2, out, 0, 1);
            double u1 = 1 - (w1 >>> 12) * 0x1p-52;
            double r = Math.sqrt(-2 * Math.log(u1));
            double phi = ((w2 >>> 12) * 0x1p-52 - 0.5) * (Math.PI / 2); // exactly the sampler's phi
            // theta = phi + q pi/2, rotated exactly instead of rounding theta: cos and sin of phi suffice.
            double c = Math.cos(phi), s = Math.sin(phi);
            double[][] rotated = {{c, s}, {-s, c}, {-c, -s}, {s, -c}};
            double[] expected = rotated[(int) (w2 & 3)];
            // Error budget in ulps of r: log 1 + sqrt 0.5 + sin/cos polynomial 1 + products 1, on both sides.
            double tol = 8 * Math.ulp(Math.max(r, Double.MIN_NORMAL));
            assertEquals(r * expected[0], out[0], tol, "z1 for w1=" + w1 + " w2=" + w2);
            assertEquals(r * expected[1], out[1], tol, "z2 for w1=" + w1 + " w2=" + w2);
        }
    }

    @Test
    void samplesAreFiniteAndBoundedByTheUniformResolution() {
        double maxAbs = Arrays.stream(samples).map(Math::abs).max().orElseThrow();
        // u1 >= 2^-52, so |z| <= sqrt(-2 ln 2^-52) = 8.49.
        assertTrue(maxAbs <= Math.sqrt(104 * Math.log(2)), "max |z| = " + maxAbs);
        assertTrue(Arrays.stream(samples).allMatch(Double::isFinite));
    }

    @Test
    void badArgumentsAreRejected() {
        GaussianSampler s = new GaussianSampler(1);
        double[] out = new double[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.fill(out, 5));
        assertTrue(e.getMessage().startsWith("n = 5 must be in [0, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.fill(out, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> s.fill(out, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> s.fill(null, 0));
    }

    @Test
    void algorithmNamesTheVectorPath() {
        assertTrue(GaussianSampler.algorithm().contains("Vector API"), GaussianSampler.algorithm());
    }
}
