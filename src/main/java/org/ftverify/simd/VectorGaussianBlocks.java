package org.ftverify.simd;

import static org.ftverify.simd.ScalarGaussianBlocks.*;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API version of {@link ScalarGaussianBlocks}: the same xoshiro256++ lanes and the same Box–Muller arithmetic,
 * operation for operation (no fma), L lanes at a time, so the output is bitwise identical to the scalar reference.
 * Loaded only when the Vector API module is present, and used only when L divides the 8 logical lanes.
 *
 * <p>Why five small passes over a scratch chunk instead of one loop: C2 only keeps vectors in registers when every
 * Vector API call in the loop is inlined, and a single loop body with all ~90 vector operations exceeds its inlining
 * budgets (hot method too big, NodeCountInliningCutoff), after which every intermediate vector is boxed on the heap
 * (measured: 100x slower, 1 MB allocated per 4096 samples). Each pass below is small enough to compile fully and is
 * its own compilation unit (see {@link Pass}); constants are broadcast once outside the loops (a scalar operand
 * costs a broadcast per use in the inlining budget). The passes exchange data through L1-resident scratch arrays
 * owned by the caller, so nothing is allocated. Rotations are written as shift-or and blends are done on long
 * lanes, because JDK 17 left the ROL operator and long-to-double mask casts un-intrinsified here
 * (-XX:+PrintIntrinsics).
 */
final class VectorGaussianBlocks {
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final int L = LS.length();
    /** Blocks of 16 samples per scratch chunk: 8 KB of words and 12 KB of doubles, resident in L1. */
    static final int CHUNK_BLOCKS = 64;
    static final int SCRATCH = CHUNK_BLOCKS * LANES;

    private VectorGaussianBlocks() {}

    /** True when the preferred width fits the 8 logical lanes (x86 SSE/AVX2/AVX-512, NEON); else use the scalar path. */
    static boolean supported() {
        return L <= LANES && LANES % L == 0 && DS.length() == L;
    }

    static String speciesName() {
        return DS.toString();
    }

    /**
     * Writes {@code blocks} blocks of 16 samples to out[off ..). Scratch (owned by the caller, reused):
     * {@code words} long[2 * SCRATCH] holds w1 then w2; {@code work} double[3 * SCRATCH] holds radii, then two
     * temporaries (e and f of the log, later cos and sin of the angle).
     */
    static void fill(long[] state, double[] out, int off, int blocks, long[] words, double[] work) {
        for (int done = 0; done < blocks; done += CHUNK_BLOCKS) {
            int n = Math.min(CHUNK_BLOCKS, blocks - done) * LANES;
            for (Pass pass : PIPELINE) pass.run(state, words, work, out, off + done * BLOCK, n);
        }
    }

    /**
     * One pass over a chunk of n = 8 x blocks entries. The passes are called through this abstract method from one
     * call site that sees five receiver classes: C2 does not inline such a megamorphic call, so each pass is compiled
     * as its own unit, within the inlining budget, whoever calls {@link #fill}.
     */
    private abstract static class Pass {
        abstract void run(long[] state, long[] words, double[] work, double[] out, int off, int n);
    }

    private static final Pass[] PIPELINE = {
        new Pass() {
            void run(long[] state, long[] words, double[] work, double[] out, int off, int n) {
                for (int c = 0; c < LANES; c += L) words(state, c, words, n);
            }
        },
        new Pass() {
            void run(long[] state, long[] words, double[] work, double[] out, int off, int n) {
                logReduce(words, work, n);
            }
        },
        new Pass() {
            void run(long[] state, long[] words, double[] work, double[] out, int off, int n) {
                logFinish(work, n);
            }
        },
        new Pass() {
            void run(long[] state, long[] words, double[] work, double[] out, int off, int n) {
                sinCos(words, work, n);
            }
        },
        new Pass() {
            void run(long[] state, long[] words, double[] work, double[] out, int off, int n) {
                combine(words, work, out, off, n);
            }
        },
    };

    /** Pass 1: advances lanes c .. c+L; word (block b, lane j) goes to index b * 8 + j (w1) and SCRATCH + that (w2). */
    private static void words(long[] state, int c, long[] words, int n) {
        LongVector s0 = LongVector.fromArray(LS, state, c);
        LongVector s1 = LongVector.fromArray(LS, state, LANES + c);
        LongVector s2 = LongVector.fromArray(LS, state, 2 * LANES + c);
        LongVector s3 = LongVector.fromArray(LS, state, 3 * LANES + c);
        for (int k = c; k < n; k += LANES) {
            LongVector w = rotl(s0.add(s3), 23).add(s0);
            LongVector t = s1.lanewise(VectorOperators.LSHL, 17);
            s2 = s2.lanewise(VectorOperators.XOR, s0);
            s3 = s3.lanewise(VectorOperators.XOR, s1);
            s1 = s1.lanewise(VectorOperators.XOR, s2);
            s0 = s0.lanewise(VectorOperators.XOR, s3);
            s2 = s2.lanewise(VectorOperators.XOR, t);
            s3 = rotl(s3, 45);
            w.intoArray(words, k);

            w = rotl(s0.add(s3), 23).add(s0);
            t = s1.lanewise(VectorOperators.LSHL, 17);
            s2 = s2.lanewise(VectorOperators.XOR, s0);
            s3 = s3.lanewise(VectorOperators.XOR, s1);
            s1 = s1.lanewise(VectorOperators.XOR, s2);
            s0 = s0.lanewise(VectorOperators.XOR, s3);
            s2 = s2.lanewise(VectorOperators.XOR, t);
            s3 = rotl(s3, 45);
            w.intoArray(words, SCRATCH + k);
        }
        s0.intoArray(state, c);
        s1.intoArray(state, LANES + c);
        s2.intoArray(state, 2 * LANES + c);
        s3.intoArray(state, 3 * LANES + c);
    }

    private static LongVector rotl(LongVector x, int k) {
        return x.lanewise(VectorOperators.LSHL, k).or(x.lanewise(VectorOperators.LSHR, 64 - k));
    }

    /**
     * Pass 2: u1 = 2 - [1.(top 52 bits of w1)] in (0, 1], split as u1 = 2^e m with m in [sqrt(1/2), sqrt(2));
     * stores e and f = m - 1 (first half of {@link ScalarGaussianBlocks#log}).
     */
    private static void logReduce(long[] words, double[] work, int n) {
        DoubleVector two = DoubleVector.broadcast(DS, 2.0), half = DoubleVector.broadcast(DS, 0.5);
        DoubleVector one = DoubleVector.broadcast(DS, 1.0), sqrt2 = DoubleVector.broadcast(DS, SQRT2);
        DoubleVector offset = DoubleVector.broadcast(DS, EXPONENT_OFFSET);
        LongVector mantissa = LongVector.broadcast(LS, MANTISSA), oneBits = LongVector.broadcast(LS, ONE_BITS);
        LongVector pow52 = LongVector.broadcast(LS, TWO_POW_52_BITS);
        for (int k = 0; k < n; k += L) {
            LongVector w = LongVector.fromArray(LS, words, k);
            LongVector bits = asLongs(two.sub(asDoubles(w.lanewise(VectorOperators.LSHR, 12).or(oneBits))));
            DoubleVector e = asDoubles(bits.lanewise(VectorOperators.LSHR, 52).or(pow52)).sub(offset);
            DoubleVector m = asDoubles(bits.and(mantissa).or(oneBits));
            VectorMask<Double> big = m.compare(VectorOperators.GT, sqrt2);
            m = m.blend(m.mul(half), big);
            e = e.blend(e.add(one), big);
            e.intoArray(work, SCRATCH + k);
            m.sub(one).intoArray(work, 2 * SCRATCH + k);
        }
    }

    /** Pass 3: ln u1 from e and f by the fdlibm polynomial, then radius = sqrt(-2 ln u1). */
    private static void logFinish(double[] work, int n) {
        DoubleVector two = DoubleVector.broadcast(DS, 2.0), half = DoubleVector.broadcast(DS, 0.5);
        DoubleVector minusTwo = DoubleVector.broadcast(DS, -2.0);
        DoubleVector lg1 = DoubleVector.broadcast(DS, LG1), lg2 = DoubleVector.broadcast(DS, LG2);
        DoubleVector lg3 = DoubleVector.broadcast(DS, LG3), lg4 = DoubleVector.broadcast(DS, LG4);
        DoubleVector lg5 = DoubleVector.broadcast(DS, LG5), lg6 = DoubleVector.broadcast(DS, LG6);
        DoubleVector lg7 = DoubleVector.broadcast(DS, LG7);
        DoubleVector ln2Hi = DoubleVector.broadcast(DS, LN2_HI), ln2Lo = DoubleVector.broadcast(DS, LN2_LO);
        for (int k = 0; k < n; k += L) {
            DoubleVector e = DoubleVector.fromArray(DS, work, SCRATCH + k);
            DoubleVector f = DoubleVector.fromArray(DS, work, 2 * SCRATCH + k);
            DoubleVector s = f.div(f.add(two));
            DoubleVector z = s.mul(s);
            DoubleVector w = z.mul(z);
            DoubleVector t1 = w.mul(lg6).add(lg4).mul(w).add(lg2).mul(w);
            DoubleVector t2 = w.mul(lg7).add(lg5).mul(w).add(lg3).mul(w).add(lg1).mul(z);
            DoubleVector hfsq = f.mul(half).mul(f);
            DoubleVector q = hfsq.sub(s.mul(hfsq.add(t2.add(t1))).add(e.mul(ln2Lo))).sub(f);
            e.mul(ln2Hi).sub(q).mul(minusTwo).sqrt().intoArray(work, k);
        }
    }

    /** Pass 4: phi = ([1.(top 52 bits of w2)] - 1.5) pi/2; stores cos(phi) and sin(phi) (fdlibm kernels). */
    private static void sinCos(long[] words, double[] work, int n) {
        LongVector oneBits = LongVector.broadcast(LS, ONE_BITS);
        DoubleVector oneHalf = DoubleVector.broadcast(DS, 1.5), halfPi = DoubleVector.broadcast(DS, HALF_PI);
        DoubleVector one = DoubleVector.broadcast(DS, 1.0), half = DoubleVector.broadcast(DS, 0.5);
        DoubleVector s1 = DoubleVector.broadcast(DS, S1), s2 = DoubleVector.broadcast(DS, S2);
        DoubleVector s3 = DoubleVector.broadcast(DS, S3), s4 = DoubleVector.broadcast(DS, S4);
        DoubleVector s5 = DoubleVector.broadcast(DS, S5), s6 = DoubleVector.broadcast(DS, S6);
        DoubleVector c1 = DoubleVector.broadcast(DS, C1), c2 = DoubleVector.broadcast(DS, C2);
        DoubleVector c3 = DoubleVector.broadcast(DS, C3), c4 = DoubleVector.broadcast(DS, C4);
        DoubleVector c5 = DoubleVector.broadcast(DS, C5), c6 = DoubleVector.broadcast(DS, C6);
        for (int k = 0; k < n; k += L) {
            LongVector w2 = LongVector.fromArray(LS, words, SCRATCH + k);
            DoubleVector phi = asDoubles(w2.lanewise(VectorOperators.LSHR, 12).or(oneBits)).sub(oneHalf).mul(halfPi);
            DoubleVector z = phi.mul(phi);
            DoubleVector ps = z.mul(s6).add(s5).mul(z).add(s4).mul(z).add(s3).mul(z).add(s2).mul(z).add(s1);
            DoubleVector pc = z.mul(c6).add(c5).mul(z).add(c4).mul(z).add(c3).mul(z).add(c2).mul(z).add(c1);
            one.sub(z.mul(half)).add(z.mul(z).mul(pc)).intoArray(work, SCRATCH + k);
            phi.add(phi.mul(z).mul(ps)).intoArray(work, 2 * SCRATCH + k);
        }
    }

    /**
     * Pass 5: quadrant q = w2 &amp; 3 rotates (cos, sin) by q pi/2 (swap on bit 0, sign flips from bits 0 and 1);
     * z1 = R cos(theta) goes to block position j and z2 = R sin(theta) to position 8 + j. Index k = b * 8 + j maps to
     * output offset b * 16 + j = 2k - (k mod 8); a vector of L | 8 lanes never straddles two blocks.
     */
    private static void combine(long[] words, double[] work, double[] out, int off, int n) {
        for (int k = 0; k < n; k += L) {
            LongVector w2 = LongVector.fromArray(LS, words, SCRATCH + k);
            DoubleVector r = DoubleVector.fromArray(DS, work, k);
            LongVector cos = asLongs(DoubleVector.fromArray(DS, work, SCRATCH + k));
            LongVector sin = asLongs(DoubleVector.fromArray(DS, work, 2 * SCRATCH + k));
            VectorMask<Long> swap = w2.and(1L).compare(VectorOperators.NE, 0L);
            LongVector signA = w2.lanewise(VectorOperators.XOR, w2.lanewise(VectorOperators.LSHR, 1))
                    .lanewise(VectorOperators.LSHL, 63);
            LongVector signB = w2.lanewise(VectorOperators.LSHR, 1).lanewise(VectorOperators.LSHL, 63);
            DoubleVector a = asDoubles(cos.blend(sin, swap));
            DoubleVector b = asDoubles(sin.blend(cos, swap));
            int i = off + 2 * k - (k & (LANES - 1));
            asDoubles(asLongs(r.mul(a)).lanewise(VectorOperators.XOR, signA)).intoArray(out, i);
            asDoubles(asLongs(r.mul(b)).lanewise(VectorOperators.XOR, signB)).intoArray(out, i + LANES);
        }
    }

    private static DoubleVector asDoubles(LongVector v) {
        return (DoubleVector) v.reinterpretShape(DS, 0);
    }

    private static LongVector asLongs(DoubleVector v) {
        return (LongVector) v.reinterpretShape(LS, 0);
    }
}
