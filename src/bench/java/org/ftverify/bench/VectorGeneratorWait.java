package org.ftverify.bench;

import org.ftverify.simd.GaussianSampler;

/**
 * Blocks a benchmark's setup until GaussianSampler has switched to its vector generator (its background warm-up
 * measured it fast), so the measured iterations time the steady state, not the scalar generator used meanwhile.
 * The warm-up time itself is printed, and reported separately in docs/performance.adoc.
 */
final class VectorGeneratorWait {
    private VectorGeneratorWait() {}

    static void await() {
        double[] buffer = new double[1 << 16];
        GaussianSampler probe = new GaussianSampler(0);
        long start = System.nanoTime();
        while (!GaussianSampler.algorithm().contains("in use")) {
            probe.fill(buffer, buffer.length); // the warm-up thread starts after 2^20 samples
            if (GaussianSampler.algorithm().contains("never")) {
                throw new IllegalStateException("vector generator never warmed up: " + GaussianSampler.algorithm());
            }
            if (GaussianSampler.algorithm().contains("scalar (")) return; // fallback fork: nothing to wait for
            if (System.nanoTime() - start > 180_000_000_000L) throw new IllegalStateException("warm-up > 180 s");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        System.out.printf("%n[%s]%n", GaussianSampler.algorithm());
    }
}
