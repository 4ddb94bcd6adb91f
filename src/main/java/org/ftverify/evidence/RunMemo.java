package org.ftverify.evidence;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Memo of finished deterministic computations (simulations, sweeps) for the life of the JVM. A simulation is a
 * function of its inputs (setup, seed, protocol), so asking again (the engine shrinking under the same seed, a mutant
 * test re-checking the point where the exact theory passed) returns the stored result. Keys must name every input and
 * never a prediction, so a perturbed theory is judged on exactly the same simulation data as the exact one. Bounded
 * LRU; callers must not modify returned values. Per JVM: a sharded run keeps one memo per worker.
 */
public final class RunMemo {
    private static final int CAPACITY = 128;
    private static final Map<Object, Object> MEMO = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
            return size() > CAPACITY;
        }
    };

    private RunMemo() {}

    /**
     * The value for {@code key} (a record naming every input of a deterministic computation), computing it once.
     * Two threads asking at once may both compute; the results are identical.
     */
    @SuppressWarnings("unchecked")
    public static <T> T get(Object key, Supplier<T> compute) {
        synchronized (MEMO) {
            Object hit = MEMO.get(key);
            if (hit != null) return (T) hit;
        }
        T value = compute.get();
        synchronized (MEMO) {
            MEMO.put(key, value);
        }
        return value;
    }

    /** Forgets everything (tests that measure a cold computation). */
    public static void clear() {
        synchronized (MEMO) {
            MEMO.clear();
        }
    }
}
