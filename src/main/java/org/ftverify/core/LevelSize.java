package org.ftverify.core;

import java.util.Locale;

/**
 * One budget of a claim's check that grows with the evidence level (a dimension, a number of seeds averaged, a Monte
 * Carlo sample size, a number of SGD steps): its name, what it is, its value at each level, and how the check's cost
 * grows with it ({@code cost ~ value^costExponent}: 1 for vectors, seeds and samples, 2 for a d x d matrix).
 *
 * <p>A claim declares its sizes with {@link Claim.Builder#levels(LevelSize...)} and reads them in its check with
 * {@link #at(EvidenceLevel)}, so the declaration is the value the check uses: the catalogue's per-level table and
 * {@code ./ftverify plan}'s cost scaling between levels come from it and cannot drift from the code.
 *
 * <p>Sizes of one part of a check multiply (d seeds of n steps); a check with separate parts (an SGD simulation and a
 * Monte Carlo risk estimate) names them with {@link #part(String)}, and its cost ratio between levels is that of the
 * part that grows most (at the higher level that part dominates the time).
 *
 * @param note where the deep value comes from, or why it is smaller than the theory's own setting (may be empty)
 * @param part which independent part of the check this size belongs to (empty: the only part)
 */
public record LevelSize(String name, String meaning, long quick, long standard, long deep, double costExponent, String note, String part) {

    public LevelSize {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("level size: name must not be empty");
        if (quick < 1 || standard < 1 || deep < 1)
            throw new IllegalArgumentException("level size " + name + ": values must be >= 1, got " + quick + ", " + standard + ", " + deep);
        if (!(costExponent >= 0)) throw new IllegalArgumentException("level size " + name + ": cost exponent must be >= 0, got " + costExponent);
        meaning = meaning == null ? "" : meaning;
        note = note == null ? "" : note;
        part = part == null ? "" : part;
    }

    public LevelSize(String name, String meaning, long quick, long standard, long deep, double costExponent, String note) {
        this(name, meaning, quick, standard, deep, costExponent, note, "");
    }

    /** The same size in a named part of the check (sizes of different parts add their costs rather than multiply). */
    public LevelSize part(String name) {
        return new LevelSize(this.name, meaning, quick, standard, deep, costExponent, note, name);
    }

    public static LevelSize of(String name, String meaning, long quick, long standard, long deep, double costExponent) {
        return new LevelSize(name, meaning, quick, standard, deep, costExponent, "");
    }

    /** A dimension of vectors the check updates (cost ~ d). */
    public static LevelSize dimension(String name, long quick, long standard, long deep) {
        return of(name, "dimension", quick, standard, deep, 1);
    }

    /**
     * The dimension of an online-SGD simulation run to a fixed time alpha = steps B / d: alpha d / B steps of O(d) work
     * each, so the cost grows as d^2.
     */
    public static LevelSize sgdDimension(String name, long quick, long standard, long deep) {
        return of(name, "dimension of online SGD (alpha d / B steps of O(d) each: cost ~ d^2)", quick, standard, deep, 2);
    }

    /** A dimension of d x d (or d x k with k ~ d) matrices the check builds (cost ~ d^2). */
    public static LevelSize matrixDimension(String name, long quick, long standard, long deep) {
        return of(name, "matrix dimension", quick, standard, deep, 2);
    }

    /** Independent runs (seeds) averaged (cost ~ count). */
    public static LevelSize seeds(String name, long quick, long standard, long deep) {
        return of(name, "independent runs (seeds) averaged", quick, standard, deep, 1);
    }

    /** Monte Carlo samples (cost ~ count). */
    public static LevelSize samples(String name, long quick, long standard, long deep) {
        return of(name, "Monte Carlo samples", quick, standard, deep, 1);
    }

    /** The same size with a note: where the deep value comes from, or why it stays below the theory's setting. */
    public LevelSize because(String why) {
        return new LevelSize(name, meaning, quick, standard, deep, costExponent, why, part);
    }

    /** The value at a level (the check reads this). */
    public int at(EvidenceLevel level) {
        return Math.toIntExact(level.pick(quick, standard, deep));
    }

    /** How much more one evaluation costs at {@code to} than at {@code from}, by this size alone. */
    public double costRatio(EvidenceLevel from, EvidenceLevel to) {
        return Math.pow((double) level(to) / level(from), costExponent);
    }

    private long level(EvidenceLevel l) {
        return l.pick(quick, standard, deep);
    }

    /** "d = 1024 / 4096 / 8192 (dimension)". */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s = %s / %s / %s%s", name, Num.fmt(quick), Num.fmt(standard), Num.fmt(deep),
                meaning.isEmpty() ? "" : " (" + meaning + ")");
    }
}
