package org.ftverify.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Runs independent Monte Carlo units (seeds of one try) on all cores, deterministically: unit i draws only from its
 * own stream (seeded from the try's sub-seed and i) and its result lands at index i, so every reduction done
 * afterwards in index order gives the same answer whatever the thread schedule. If units fail, the failure of the
 * lowest index is rethrown (again independent of scheduling).
 */
public final class SeedParallel {
    /** Units per chunk in {@link #chunks}: a chunk allocates its scratch arrays once, its step loops nothing. */
    public static final int CHUNK = 32;

    /** The body of a chunked run: handles units [from, to) with scratch it allocates once. */
    @FunctionalInterface
    public interface Chunk {
        void run(int from, int to);
    }

    private SeedParallel() {}

    /** Results of {@code task.apply(i)} for i in [0, n), in index order. For a few heavy units (whole simulations). */
    public static <T> List<T> map(int n, IntFunction<T> task) {
        if (n < 0) throw new IllegalArgumentException("n: must be >= 0, got " + n);
        int threads = Math.min(n, Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(task.apply(i));
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ftverify-seed");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            // Wait for every unit (no orphan simulation keeps burning a core), then rethrow the lowest-index failure.
            List<T> out = new ArrayList<>(n);
            RuntimeException first = null;
            for (Future<T> f : futures) {
                try {
                    out.add(await(f));
                } catch (RuntimeException e) {
                    if (first == null) first = e;
                    out.add(null);
                }
            }
            if (first != null) throw first;
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs many light units in chunks of {@link #CHUNK} on the common pool; the body writes results at unit indices. */
    public static void chunks(int units, Chunk body) {
        if (units < 0) throw new IllegalArgumentException("units: must be >= 0, got " + units);
        int chunks = (units + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(k -> body.run(k * CHUNK, Math.min(units, (k + 1) * CHUNK)));
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a Monte Carlo unit", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }
}
