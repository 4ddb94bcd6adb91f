package org.ftverify.simd;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decides when {@link GaussianSampler} switches from the scalar to the Vector API generator, by measuring.
 *
 * <p>Why: Vector API code is fast only once C2 has compiled it; interpreted or C1-compiled it boxes every vector and
 * runs at ~10 us per sample, and reaching C2 for the five generator passes takes 2–5 s of such execution (longer on
 * a loaded machine). A JVM that draws fewer than ~10^8 samples would lose more in that warm-up than it gains. Since
 * both generators produce the same bits, the sampler can use the scalar one (~7 ns per sample from the start) while
 * a daemon thread warms the vector passes up on a private throw-away state, and switch once the vector passes are
 * measured fast: {@value #CONSECUTIVE_FAST} consecutive chunks at no more than {@value #FAST_NS_PER_SAMPLE} ns per
 * sample. If that does not happen within {@value #DEADLINE_SECONDS} s the scalar generator stays in use (a JIT that
 * never compiles the passes well would be slower than scalar anyway); {@link #status()} says which happened.
 */
final class VectorWarmup {
    static final double FAST_NS_PER_SAMPLE = 4.0;
    static final int CONSECUTIVE_FAST = 200;
    static final int DEADLINE_SECONDS = 120;

    static final long START_AFTER_SAMPLES = 1L << 20;

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static long scalarSamples;
    private static volatile boolean ready;
    private static volatile String status = "scalar generator until 2^20 samples are drawn";

    private VectorWarmup() {}

    /**
     * True once the vector generator has been measured fast. The warm-up thread starts only after this JVM has drawn
     * {@value #START_AFTER_SAMPLES} samples (a few ms of scalar generation), so short runs never pay its CPU time.
     *
     * @param samples how many samples the caller is about to generate (counted towards the start threshold)
     */
    static boolean ready(int samples) {
        if (ready) return true;
        scalarSamples += samples; // racy on purpose: only a rough threshold
        if (scalarSamples >= START_AFTER_SAMPLES && STARTED.compareAndSet(false, true)) {
            status = "warming up";
            Thread t = new Thread(VectorWarmup::warmUp, "ftverify-simd-warmup");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }
        return false;
    }

    static String status() {
        return status;
    }

    private static void warmUp() {
        long[] state = new long[4 * ScalarGaussianBlocks.LANES];
        SeedMixer.seedXoshiroLanes(0, 0, state, ScalarGaussianBlocks.LANES);
        int blocks = VectorGaussianBlocks.CHUNK_BLOCKS;
        double[] out = new double[blocks * ScalarGaussianBlocks.BLOCK];
        long[] words = new long[2 * VectorGaussianBlocks.SCRATCH];
        double[] work = new double[3 * VectorGaussianBlocks.SCRATCH];
        long fastNanos = (long) (FAST_NS_PER_SAMPLE * out.length);
        long start = System.nanoTime(), deadline = start + DEADLINE_SECONDS * 1_000_000_000L;
        int fastInARow = 0;
        while (fastInARow < CONSECUTIVE_FAST && System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            VectorGaussianBlocks.fill(state, out, 0, blocks, words, work);
            fastInARow = System.nanoTime() - t0 <= fastNanos ? fastInARow + 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (fastInARow >= CONSECUTIVE_FAST) {
            status = String.format("vector generator in use after %.1f s warm-up", seconds);
            ready = true;
        } else {
            status = "vector generator never measured fast in " + DEADLINE_SECONDS + " s; scalar generator kept";
        }
    }
}
