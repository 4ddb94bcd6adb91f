package org.ftverify.simd;

/**
 * The reference definition of the Gaussian stream, and the fallback without the Vector API.
 *
 * <p>Generator: 8 independent xoshiro256++ lanes (Blackman and Vigna 2018). A block holds 16 samples; lane j draws two
 * 64-bit words w1, w2 and writes the Box–Muller pair to positions j and 8 + j of the block:
 * <pre>
 *   u1  = 2 - [1.(top 52 bits of w1)]            in (0, 1], never 0, so log is finite (|z| &lt;= 8.5)
 *   R   = sqrt(-2 ln u1)                          ln by the fdlibm e_log polynomial (error &lt; 1 ulp)
 *   phi = ([1.(top 52 bits of w2)] - 1.5) pi/2    uniform in [-pi/4, pi/4)
 *   q   = w2 &amp; 3                                 quadrant: theta = phi + q pi/2 is uniform on the circle
 *   (z1, z2) = R (cos theta, sin theta)           cos, sin of phi by the fdlibm k_cos/k_sin polynomials
 * </pre>
 * Only +, -, *, /, sqrt and bit operations are used, each correctly rounded by IEEE 754, and never a fused
 * multiply-add; {@link VectorGaussianBlocks} performs the same operations in the same order. So the stream is
 * bitwise identical with and without the Vector API and for every vector width.
 */
final class ScalarGaussianBlocks {
    static final int LANES = 8;
    static final int BLOCK = 2 * LANES;

    static final long ONE_BITS = 0x3FF0000000000000L;
    static final long MANTISSA = 0x000FFFFFFFFFFFFFL;
    /** Bits of 2^52: OR-ing a small integer into its mantissa and subtracting 2^52 converts it to double exactly. */
    static final long TWO_POW_52_BITS = 0x4330000000000000L;
    static final double EXPONENT_OFFSET = 0x1p52 + 1023;
    static final double SQRT2 = 1.41421356237309504880;
    static final double HALF_PI = 1.57079632679489661923;

    // fdlibm e_log.c
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    static final double LG1 = 6.666666666666735130e-01;
    static final double LG2 = 3.999999999940941908e-01;
    static final double LG3 = 2.857142874366239149e-01;
    static final double LG4 = 2.222219843214978396e-01;
    static final double LG5 = 1.818357216161805012e-01;
    static final double LG6 = 1.531383769920937332e-01;
    static final double LG7 = 1.479819860511658591e-01;
    // fdlibm k_sin.c
    static final double S1 = -1.66666666666666324348e-01;
    static final double S2 = 8.33333333332248946124e-03;
    static final double S3 = -1.98412698298579493134e-04;
    static final double S4 = 2.75573137070700676789e-06;
    static final double S5 = -2.50507602534068634195e-08;
    static final double S6 = 1.58969099521155010221e-10;
    // fdlibm k_cos.c
    static final double C1 = 4.16666666666666019037e-02;
    static final double C2 = -1.38888888888741095749e-03;
    static final double C3 = 2.48015872894767294178e-05;
    static final double C4 = -2.75573143513906633035e-07;
    static final double C5 = 2.08757232129817482790e-09;
    static final double C6 = -1.13596475577881948265e-11;

    private ScalarGaussianBlocks() {}

    /** Writes {@code blocks} blocks of 16 samples to out[off ..) and advances the 8 x 4 word state. */
    static void fill(long[] state, double[] out, int off, int blocks) {
        for (int lane = 0; lane < LANES; lane++) {
            long s0 = state[lane], s1 = state[LANES + lane], s2 = state[2 * LANES + lane], s3 = state[3 * LANES + lane];
            for (int b = 0, i = off + lane; b < blocks; b++, i += BLOCK) {
                long w1 = Long.rotateLeft(s0 + s3, 23) + s0;
                long t = s1 << 17;
                s2 ^= s0;
                s3 ^= s1;
                s1 ^= s2;
                s0 ^= s3;
                s2 ^= t;
                s3 = Long.rotateLeft(s3, 45);

                long w2 = Long.rotateLeft(s0 + s3, 23) + s0;
                t = s1 << 17;
                s2 ^= s0;
                s3 ^= s1;
                s1 ^= s2;
                s0 ^= s3;
                s2 ^= t;
                s3 = Long.rotateLeft(s3, 45);

                boxMuller(w1, w2, out, i, i + LANES);
            }
            state[lane] = s0;
            state[LANES + lane] = s1;
            state[2 * LANES + lane] = s2;
            state[3 * LANES + lane] = s3;
        }
    }

    static void boxMuller(long w1, long w2, double[] out, int i1, int i2) {
        double u1 = 2.0 - Double.longBitsToDouble((w1 >>> 12) | ONE_BITS);
        double r = Math.sqrt(log(u1) * -2.0);

        double phi = (Double.longBitsToDouble((w2 >>> 12) | ONE_BITS) - 1.5) * HALF_PI;
        double z = phi * phi;
        double sin = phi + phi * z * (((((z * S6 + S5) * z + S4) * z + S3) * z + S2) * z + S1);
        double cos = (1.0 - z * 0.5) + z * z * (((((z * C6 + C5) * z + C4) * z + C3) * z + C2) * z + C1);

        // Branch-free select (the quadrant bits are random, so a branch would mispredict half the time).
        long cosBits = Double.doubleToRawLongBits(cos), sinBits = Double.doubleToRawLongBits(sin);
        long swap = -(w2 & 1) & (cosBits ^ sinBits);
        double a = Double.longBitsToDouble(cosBits ^ swap);
        double b = Double.longBitsToDouble(sinBits ^ swap);
        long signA = (w2 ^ (w2 >>> 1)) << 63;
        long signB = (w2 >>> 1) << 63;
        out[i1] = Double.longBitsToDouble(Double.doubleToRawLongBits(r * a) ^ signA);
        out[i2] = Double.longBitsToDouble(Double.doubleToRawLongBits(r * b) ^ signB);
    }

    /** Natural log for x in [2^-52, 1] (fdlibm e_log.c reduction and polynomial, branch-free form). */
    static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        double e = Double.longBitsToDouble((bits >>> 52) | TWO_POW_52_BITS) - EXPONENT_OFFSET;
        double m = Double.longBitsToDouble((bits & MANTISSA) | ONE_BITS);
        boolean big = m > SQRT2; // random: ternaries let C2 emit conditional moves instead of a branch
        m = big ? m * 0.5 : m;
        e = big ? e + 1.0 : e;
        double f = m - 1.0;
        double s = f / (f + 2.0);
        double z = s * s;
        double w = z * z;
        double t1 = ((w * LG6 + LG4) * w + LG2) * w;
        double t2 = (((w * LG7 + LG5) * w + LG3) * w + LG1) * z;
        double rr = t2 + t1;
        double hfsq = f * 0.5 * f;
        double q = (hfsq - (s * (hfsq + rr) + e * LN2_LO)) - f;
        return e * LN2_HI - q;
    }
}
