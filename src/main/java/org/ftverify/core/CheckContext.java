package org.ftverify.core;

/**
 * What a check receives besides its parameters: the try's seed (every random stream of the try derives from it)
 * and the evidence level (which scales the check's own budget: seeds averaged, dimensions, horizons).
 */
public record CheckContext(long seed, EvidenceLevel level) {

    /** An independent, reproducible sub-seed (SplitMix64 finaliser of seed and index). */
    public long subSeed(long index) {
        return Seeds.mix(seed, index);
    }
}
