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
 * The 8 logical lanes are processed in 8 / L chunks; a wider preferred species (e.g. 2048-bit SVE) falls back to the
 * 512-bit species so a chunk never exceeds the 8 lanes. Loaded only when the Vector API module is present.
 */
final class VectorGaussianBlocks {
    private static final VectorSpecies<Long> LS =
            LongVector.SPECIES_PREFERRED.length() <= LANES ? LongVector.SPECIES_PREFERRED : LongVector.SPECIES_512;
    private static final VectorSpecies<Double> DS = VectorSpecies.of(double.class, LS.vectorShape());
    private static final int L = LS.length();

    private VectorGaussianBlocks() {}

    static String speciesName() {
        return DS.toString();
    }

    static void fill(long[] state, double[] out, int off, int blocks) {
        for (int c = 0; c < LANES; c += L) {
            LongVector s0 = LongVector.fromArray(LS, state, c);
            LongVector s1 = LongVector.fromArray(LS, state, LANES + c);
            LongVector s2 = LongVector.fromArray(LS, state, 2 * LANES + c);
            LongVector s3 = LongVector.fromArray(LS, state, 3 * LANES + c);
            for (int b = 0, i = off + c; b < blocks; b++, i += BLOCK) {
                LongVector w1 = s0.add(s3).lanewise(VectorOperators.ROL, 23).add(s0);
                LongVector t = s1.lanewise(VectorOperators.LSHL, 17);
                s2 = s2.lanewise(VectorOperators.XOR, s0);
                s3 = s3.lanewise(VectorOperators.XOR, s1);
                s1 = s1.lanewise(VectorOperators.XOR, s2);
                s0 = s0.lanewise(VectorOperators.XOR, s3);
                s2 = s2.lanewise(VectorOperators.XOR, t);
                s3 = s3.lanewise(VectorOperators.ROL, 45);

                LongVector w2 = s0.add(s3).lanewise(VectorOperators.ROL, 23).add(s0);
                t = s1.lanewise(VectorOperators.LSHL, 17);
                s2 = s2.lanewise(VectorOperators.XOR, s0);
                s3 = s3.lanewise(VectorOperators.XOR, s1);
                s1 = s1.lanewise(VectorOperators.XOR, s2);
                s0 = s0.lanewise(VectorOperators.XOR, s3);
                s2 = s2.lanewise(VectorOperators.XOR, t);
                s3 = s3.lanewise(VectorOperators.ROL, 45);

                boxMuller(w1, w2, out, i, i + LANES);
            }
            s0.intoArray(state, c);
            s1.intoArray(state, LANES + c);
            s2.intoArray(state, 2 * LANES + c);
            s3.intoArray(state, 3 * LANES + c);
        }
    }

    private static void boxMuller(LongVector w1, LongVector w2, double[] out, int i1, int i2) {
        DoubleVector u1 = DoubleVector.broadcast(DS, 2.0).sub(unitInterval(w1));
        DoubleVector r = log(u1).mul(-2.0).sqrt();

        DoubleVector phi = unitInterval(w2).sub(1.5).mul(HALF_PI);
        DoubleVector z = phi.mul(phi);
        DoubleVector ps = z.mul(S6).add(S5).mul(z).add(S4).mul(z).add(S3).mul(z).add(S2).mul(z).add(S1);
        DoubleVector sin = phi.add(phi.mul(z).mul(ps));
        DoubleVector pc = z.mul(C6).add(C5).mul(z).add(C4).mul(z).add(C3).mul(z).add(C2).mul(z).add(C1);
        DoubleVector cos = DoubleVector.broadcast(DS, 1.0).sub(z.mul(0.5)).add(z.mul(z).mul(pc));

        VectorMask<Double> swap = w2.and(1L).compare(VectorOperators.NE, 0L).cast(DS);
        DoubleVector a = cos.blend(sin, swap);
        DoubleVector b = sin.blend(cos, swap);
        LongVector signA = w2.lanewise(VectorOperators.XOR, w2.lanewise(VectorOperators.LSHR, 1))
                .lanewise(VectorOperators.LSHL, 63);
        LongVector signB = w2.lanewise(VectorOperators.LSHR, 1).lanewise(VectorOperators.LSHL, 63);
        r.mul(a).viewAsIntegralLanes().lanewise(VectorOperators.XOR, signA).viewAsFloatingLanes().intoArray(out, i1);
        r.mul(b).viewAsIntegralLanes().lanewise(VectorOperators.XOR, signB).viewAsFloatingLanes().intoArray(out, i2);
    }

    /** [1.(top 52 bits of w)] in [1, 2). */
    private static DoubleVector unitInterval(LongVector w) {
        return (DoubleVector) w.lanewise(VectorOperators.LSHR, 12).or(ONE_BITS).viewAsFloatingLanes();
    }

    /** Lane-wise {@link ScalarGaussianBlocks#log}, same operations in the same order. */
    private static DoubleVector log(DoubleVector x) {
        LongVector bits = (LongVector) x.viewAsIntegralLanes();
        DoubleVector e = ((DoubleVector) bits.lanewise(VectorOperators.LSHR, 52).or(TWO_POW_52_BITS)
                .viewAsFloatingLanes()).sub(EXPONENT_OFFSET);
        DoubleVector m = (DoubleVector) bits.and(MANTISSA).or(ONE_BITS).viewAsFloatingLanes();
        VectorMask<Double> big = m.compare(VectorOperators.GT, SQRT2);
        m = m.blend(m.mul(0.5), big);
        e = e.blend(e.add(1.0), big);
        DoubleVector f = m.sub(1.0);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector w = z.mul(z);
        DoubleVector t1 = w.mul(LG6).add(LG4).mul(w).add(LG2).mul(w);
        DoubleVector t2 = w.mul(LG7).add(LG5).mul(w).add(LG3).mul(w).add(LG1).mul(z);
        DoubleVector rr = t2.add(t1);
        DoubleVector hfsq = f.mul(0.5).mul(f);
        DoubleVector q = hfsq.sub(s.mul(hfsq.add(rr)).add(e.mul(LN2_LO))).sub(f);
        return e.mul(LN2_HI).sub(q);
    }
}
