package org.ftverify.theory.lora;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs independent seeds of one try on all cores. Each task owns its random stream (its own GaussianSampler from
 * ctx.subSeed(i)) and its result is stored at its index, so the output is identical whatever the thread order.
 * If tasks fail, the failure of the LOWEST index is rethrown (again independent of scheduling).
 */
final class SimParallel {
    private SimParallel() {}

    static <T> List<T> map(int n, IntFunction<T> task) {
        if (n < 0) throw new IllegalArgumentException("n: must be >= 0, got " + n);
        int threads = Math.min(n, Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(task.apply(i));
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lora-sim-seed");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            // Wait for every task (no orphan simulations keep burning a core), then rethrow the lowest-index failure.
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

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a simulation seed", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }
}
