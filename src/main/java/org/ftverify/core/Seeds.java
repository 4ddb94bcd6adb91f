package org.ftverify.core;

import java.nio.charset.StandardCharsets;

/** Seed arithmetic: deterministic derivation of independent seeds (SplitMix64 finaliser). */
public final class Seeds {
    private Seeds() {}

    public static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Stable 64-bit hash of a string (FNV-1a), so a claim id selects its own seed stream. */
    public static long of(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
