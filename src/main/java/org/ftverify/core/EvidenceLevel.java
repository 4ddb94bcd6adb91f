package org.ftverify.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How much evidence a run collects. A claim scales its own budget (dimension, seeds, horizon) with the level; the
 * engine scales the number of tries.
 */
public enum EvidenceLevel {
    QUICK(3),
    STANDARD(8),
    DEEP(20);

    private final int defaultTries;

    EvidenceLevel(int defaultTries) {
        this.defaultTries = defaultTries;
    }

    public int defaultTries() {
        return defaultTries;
    }

    /**
     * The value for this level out of three: one call instead of a switch at every budget (dimension, seeds,
     * horizon, Monte Carlo size). {@code level.pick(1_000, 4_000, 16_384)}.
     */
    public int pick(int quick, int standard, int deep) {
        return this == QUICK ? quick : this == STANDARD ? standard : deep;
    }

    public long pick(long quick, long standard, long deep) {
        return this == QUICK ? quick : this == STANDARD ? standard : deep;
    }

    public double pick(double quick, double standard, double deep) {
        return this == QUICK ? quick : this == STANDARD ? standard : deep;
    }

    public <T> T pick(T quick, T standard, T deep) {
        return this == QUICK ? quick : this == STANDARD ? standard : deep;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses quick|standard|deep; the error names the allowed values. */
    public static EvidenceLevel parse(String text) {
        for (EvidenceLevel l : values()) {
            if (l.id().equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) return l;
        }
        throw new IllegalArgumentException("level: unknown value '" + text + "'; allowed: "
                + Arrays.stream(values()).map(EvidenceLevel::id).collect(Collectors.joining("|")));
    }
}
