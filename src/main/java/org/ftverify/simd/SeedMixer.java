package org.ftverify.simd;

/**
 * SplitMix64-style seed expansion for {@link GaussianSampler}.
 *
 * <p>A (seed, streamIndex) pair becomes one 64-bit key {@code mix64(seed) ^ fmix64(streamIndex)}, using two different
 * finalisers so that neighbouring seeds and neighbouring stream indices land on unrelated keys (a collision needs
 * {@code mix64(s1) ^ mix64(s2) == fmix64(i1) ^ fmix64(i2)}, chance about 2^-64 per pair). The key is the start of a
 * SplitMix64 sequence (Steele, Lea, Flood 2014: state += golden gamma, output = mix64(state)) whose outputs fill the
 * 8 lanes x 4 words of xoshiro256++ state, as Blackman and Vigna recommend for seeding xoshiro.
 */
final class SeedMixer {
    /** 2^64 / golden ratio, the SplitMix64 increment. */
    static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private SeedMixer() {}

    /** Stafford's variant 13 finaliser, the SplitMix64 output function. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** MurmurHash3's fmix64 finaliser: a second, unrelated bijection for the stream index. */
    static long fmix64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /**
     * Fills {@code state} (lanes x 4 words, word-major: word k of lane j at {@code k * lanes + j}) from the SplitMix64
     * sequence of the (seed, streamIndex) key. A lane that came out all zero (chance 2^-256; xoshiro would then
     * output only zeros) gets one non-zero word.
     */
    static void seedXoshiroLanes(long seed, long streamIndex, long[] state, int lanes) {
        long z = mix64(seed) ^ fmix64(streamIndex);
        for (int k = 0; k < state.length; k++) {
            z += GOLDEN_GAMMA;
            state[k] = mix64(z);
        }
        for (int j = 0; j < lanes; j++) {
            if ((state[j] | state[lanes + j] | state[2 * lanes + j] | state[3 * lanes + j]) == 0) {
                state[j] = GOLDEN_GAMMA;
            }
        }
    }
}
