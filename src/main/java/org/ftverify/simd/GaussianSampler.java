package org.ftverify.simd;

/**
 * Seeded source of standard normal samples for one simulation stream.
 *
 * <p>Algorithm (defined in {@link ScalarGaussianBlocks}): 8 interleaved xoshiro256++ generators feeding a Box–Muller
 * transform built from fdlibm's log, sin and cos polynomials. With the Vector API the 8 lanes run in SIMD registers
 * (about 1.05 ns per sample against about 4 ns for {@code L64X128MixRandom.nextGaussian}; see docs/performance.adoc),
 * which matters because drawing the fresh sample dominates the cost of an online SGD step. The vector generator
 * takes over from the scalar one (same bits, ~7 ns per sample) once a background warm-up has measured it fast
 * ({@link VectorWarmup}), so short runs do not pay the seconds the JIT needs to compile it.
 *
 * <p>Reproducibility: the stream is a pure function of (seed, streamIndex). Because the transform uses only
 * correctly rounded IEEE operations (no fma, no library transcendental), the samples are bitwise identical with and
 * without the Vector API, for every vector width and JDK. Sums computed from them by {@link Kernels} are not (see
 * there). The stream does not depend on how it is read: {@code fill} and {@code next} calls of any sizes return
 * consecutive samples of the same sequence.
 *
 * <p>Not thread-safe: give each thread its own {@link #stream} instance.
 */
public final class GaussianSampler {
    /** Vector path: module present and the preferred width divides the 8 lanes (checked without loading it otherwise). */
    private static final boolean VECTORIZED = VectorApiProbe.usable() && VectorGaussianBlocks.supported();
    private static final int LANES = ScalarGaussianBlocks.LANES;
    private static final int BLOCK = ScalarGaussianBlocks.BLOCK;

    /** 8 lanes x 4 xoshiro256++ words, word-major. */
    private final long[] state = new long[4 * LANES];
    /** Samples generated but not yet handed out: buffer[bufferPos .. BLOCK). */
    private final double[] buffer = new double[BLOCK];
    private int bufferPos = BLOCK;
    /** Scratch for the vector passes (xoshiro words; radii and temporaries), allocated once per sampler. */
    private final long[] words;
    private final double[] work;

    /** Stream 0 of {@code seed}; same as {@code stream(seed, 0)}. */
    public GaussianSampler(long seed) {
        this(seed, 0L);
    }

    private GaussianSampler(long seed, long streamIndex) {
        SeedMixer.seedXoshiroLanes(seed, streamIndex, state, LANES);
        int scratch = VECTORIZED ? VectorGaussianBlocks.SCRATCH : 0;
        words = new long[2 * scratch];
        work = new double[3 * scratch];
    }

    /**
     * Independent reproducible stream number {@code streamIndex} (any long) of {@code seed}, e.g. one per
     * simulation repetition or per thread. Seeds are mixed SplitMix64-style ({@link SeedMixer}); streams are
     * statistically independent, not provably disjoint (two stretches of n draws from random points of the 2^256
     * xoshiro256++ cycle overlap with chance about 2n 2^-256).
     */
    public static GaussianSampler stream(long seed, long streamIndex) {
        return new GaussianSampler(seed, streamIndex);
    }

    /** Fills out[0..n) with the next n N(0,1) samples. */
    public void fill(double[] out, int n) {
        fill(out, 0, n);
    }

    /** Fills out[offset..offset+n) with the next n N(0,1) samples. */
    public void fill(double[] out, int offset, int n) {
        if (out == null) throw new IllegalArgumentException("out must not be null");
        if (offset < 0 || offset > out.length) {
            throw new IllegalArgumentException("offset = " + offset + " must be in [0, " + out.length + "]");
        }
        if (n < 0 || n > out.length - offset) {
            throw new IllegalArgumentException("n = " + n + " must be in [0, " + (out.length - offset)
                    + "] (out.length - offset)");
        }
        int done = Math.min(n, BLOCK - bufferPos);
        System.arraycopy(buffer, bufferPos, out, offset, done);
        bufferPos += done;
        int blocks = (n - done) / BLOCK;
        if (blocks > 0) {
            generate(out, offset + done, blocks);
            done += blocks * BLOCK;
        }
        int rest = n - done;
        if (rest > 0) {
            generate(buffer, 0, 1);
            System.arraycopy(buffer, 0, out, offset + done, rest);
            bufferPos = rest;
        }
    }

    /** The next N(0,1) sample. */
    public double next() {
        if (bufferPos == BLOCK) {
            generate(buffer, 0, 1);
            bufferPos = 0;
        }
        return buffer[bufferPos++];
    }

    /** Generator and implementation in use, for evidence records. */
    public static String algorithm() {
        return "xoshiro256++ x8 lanes + Box-Muller (fdlibm polynomials), "
                + (VECTORIZED ? "Vector API " + VectorGaussianBlocks.speciesName() + ", " + VectorWarmup.status()
                        : "scalar (" + (VectorApiProbe.usable() ? "vector width does not divide 8 lanes"
                                : VectorApiProbe.reason()) + ")");
    }

    private void generate(double[] out, int off, int blocks) {
        // Same bits either way; the vector generator only once it has been measured fast (VectorWarmup).
        if (VECTORIZED && VectorWarmup.ready(blocks * BLOCK)) VectorGaussianBlocks.fill(state, out, off, blocks, words, work);
        else ScalarGaussianBlocks.fill(state, out, off, blocks);
    }
}
