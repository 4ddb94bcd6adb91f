package org.ftverify.theory.lora;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Memo of finished simulations. A run is a deterministic function of its inputs (setup, seed, start, checkpoints,
 * threshold, alphaMax), so asking again (the engine shrinking under the same seed, a mutant test re-checking the
 * point where the exact model passed) returns the stored result instead of re-simulating. Predictions never enter a
 * key, so a perturbed model is judged on exactly the same simulation data as the exact one. Bounded LRU (an entry is
 * at most a few thousand checkpoints, ~0.3 MB); callers must not modify returned arrays.
 */
final class SimCache {
    private static final int CAPACITY = 96;
    private static final Map<Object, Object> MEMO = new LinkedHashMap<>(128, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
            return size() > CAPACITY;
        }
    };

    private record RunKey(SimSetup setup, long seed, SimStart start, int cpsHash, int cpsLength, double threshold, double alphaMax) {}

    private SimCache() {}

    /** start.apply(new LoraSgd(setup, seed)).run(checkpoints, threshold, alphaMax), memoised. */
    static SimRun run(SimSetup setup, long seed, SimStart start, double[] checkpoints, double threshold, double alphaMax) {
        return memo(new RunKey(setup, seed, start, Arrays.hashCode(checkpoints), checkpoints.length, threshold, alphaMax),
                () -> start.apply(new LoraSgd(setup, seed)).run(checkpoints, threshold, alphaMax));
    }

    /**
     * The value for {@code key} (a record naming every input of a deterministic computation), computing it once.
     * Two threads asking at once may both compute; the results are identical.
     */
    @SuppressWarnings("unchecked")
    static <T> T memo(Object key, Supplier<T> compute) {
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
}
