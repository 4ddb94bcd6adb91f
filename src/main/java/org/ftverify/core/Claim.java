package org.ftverify.core;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One checkable statement of a theory: id, statement, maths, provenance, parameter space and check, plus the
 * blueprint links: the anchor of the theory page that states it ({@link #cites()}), the proof steps it rests on
 * ({@link #uses()}, ids of {@code [symja,id=...]} blocks of the theory's proof page, checked when the theories are
 * loaded) and the model quantities it reads ({@link #reads()}). Build with {@link #builder(String)}.
 */
public final class Claim {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(\\.[a-z0-9-]+)+");

    private final String id;
    private final String title;
    private final String statement;
    private final String asciidoc;
    private final String provenance;
    private final String tolerance;
    private final ParameterSpace space;
    private final ClaimCheck check;
    private final Map<EvidenceLevel, Integer> tries;
    private final String cites;
    private final List<String> uses;
    private final List<String> reads;
    private final List<Scaling> scalings;
    private final List<LevelSize> sizes;

    private Claim(Builder b) {
        this.id = b.id;
        this.title = Objects.requireNonNull(b.title, "title of " + b.id);
        this.statement = Objects.requireNonNull(b.statement, "statement of " + b.id);
        this.asciidoc = b.asciidoc == null ? "" : b.asciidoc;
        this.provenance = Objects.requireNonNull(b.provenance, "provenance of " + b.id);
        this.tolerance = b.tolerance == null ? "" : b.tolerance;
        this.space = Objects.requireNonNull(b.space, "parameter space of " + b.id);
        this.check = Objects.requireNonNull(b.check, "check of " + b.id);
        this.tries = new EnumMap<>(b.tries);
        this.cites = b.cites;
        this.uses = List.copyOf(b.uses);
        this.reads = List.copyOf(b.reads);
        this.scalings = List.copyOf(b.scalings);
        this.sizes = List.copyOf(b.sizes);
        for (Scaling sc : scalings) checkScaling(sc);
    }

    /** A scaling must name a numeric parameter of the space, and a step size must be a real (it is divided by 4). */
    private void checkScaling(Scaling sc) {
        Parameter p;
        try {
            p = space.parameter(sc.parameter());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("claim " + id + ": scaling names parameter '" + sc.parameter() + "', which is not in its space ("
                    + Parameter.describe(space.parameters()) + ")");
        }
        if (p.kind() == Parameter.Kind.CHOICE || (sc.refinesDownward() && p.kind() != Parameter.Kind.REAL) || !(p.lo() > 0))
            throw new IllegalArgumentException("claim " + id + ": scaling " + sc.kind().label() + " needs a positive "
                    + (sc.refinesDownward() ? "real" : "numeric") + " parameter; " + p.name() + " is " + p.kind() + " in " + p.rangeText());
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    public String id() { return id; }
    public String title() { return title; }
    public String statement() { return statement; }
    public String asciidoc() { return asciidoc; }
    /** Where the statement comes from, as the spec tags it: paper, code, derived, validated, reconstructed. */
    public String provenance() { return provenance; }
    /** Where the claim's tolerances come from, for the catalogue (each comparison also carries its own). */
    public String tolerance() { return tolerance; }
    public ParameterSpace space() { return space; }
    public ClaimCheck check() { return check; }
    /** Anchor of the theory page section that states this claim (e.g. "lora-p1"), or null when not linked. */
    public String cites() { return cites; }
    /** Ids of the proof-page steps ({@code [symja,id=...]} blocks) this claim rests on. */
    public List<String> uses() { return uses; }
    /** Names of the model quantities the check reads (e.g. "tau", "kappa_slow"); a mutant of one should break it. */
    public List<String> reads() { return reads; }
    /**
     * Parameters that control a finite-size, step-size or Monte Carlo effect (see {@link Scaling}): a failure is
     * re-run with each refined before the verdict is FALSIFIED.
     */
    public List<Scaling> scalings() { return scalings; }

    /**
     * The budgets of the check that grow with the level (dimension, seeds, samples; see {@link LevelSize}), as the
     * claim declares them; empty when its check does the same work at every level (then only the tries differ).
     */
    public List<LevelSize> sizes() { return sizes; }

    /**
     * How much more one evaluation (one try) costs at {@code to} than at {@code from}, from the declared sizes: within a
     * part of the check the product of {@code (value at to / value at from)^costExponent}; over separate parts
     * ({@link LevelSize#part}) the largest of these (the part that grows most dominates); 1 when none is declared.
     */
    public double costRatio(EvidenceLevel from, EvidenceLevel to) {
        Map<String, Double> parts = new java.util.HashMap<>();
        for (LevelSize s : sizes) parts.merge(s.part(), s.costRatio(from, to), (a, b) -> a * b);
        return parts.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    }

    /** "20 tries; d = 8192, n = 1000000" : what one run of the claim does at a level. */
    public String settings(EvidenceLevel level) {
        StringBuilder sb = new StringBuilder().append(tries(level)).append(tries(level) == 1 ? " try" : " tries");
        for (int i = 0; i < sizes.size(); i++)
            sb.append(i == 0 ? "; " : ", ").append(sizes.get(i).name()).append(" = ").append(Num.fmt(sizes.get(i).at(level)));
        return sb.toString();
    }

    /** Number of random tries at a level; expensive claims set fewer than the engine default. */
    public int tries(EvidenceLevel level) {
        return tries.getOrDefault(level, level.defaultTries());
    }

    /** The same claim with another check: how mutant tests feed a wrong theory through the same claim. */
    public Claim withCheck(ClaimCheck other) {
        Builder b = new Builder(id).title(title).statement(statement).asciidoc(asciidoc).provenance(provenance).tolerance(tolerance)
                .space(space).check(other).cites(cites);
        b.tries.putAll(tries);
        b.uses.addAll(uses);
        b.reads.addAll(reads);
        b.scalings.addAll(scalings);
        b.sizes.addAll(sizes);
        return b.build();
    }

    public static final class Builder {
        private final String id;
        private String title, statement, asciidoc, provenance, tolerance;
        private ParameterSpace space;
        private ClaimCheck check;
        private final Map<EvidenceLevel, Integer> tries = new EnumMap<>(EvidenceLevel.class);
        private String cites;
        private final List<String> uses = new ArrayList<>();
        private final List<String> reads = new ArrayList<>();
        private final List<Scaling> scalings = new ArrayList<>();
        private final List<LevelSize> sizes = new ArrayList<>();

        private Builder(String id) {
            if (id == null || !ID.matcher(id).matches())
                throw new IllegalArgumentException("claim id '" + id + "' must look like theory.claim-name (lower case)");
            this.id = id;
        }

        public Builder title(String t) { title = t; return this; }
        public Builder statement(String s) { statement = s; return this; }
        public Builder asciidoc(String a) { asciidoc = a; return this; }
        public Builder provenance(String p) { provenance = p; return this; }
        public Builder tolerance(String t) { tolerance = t; return this; }
        public Builder space(ParameterSpace s) { space = s; return this; }
        public Builder check(ClaimCheck c) { check = c; return this; }
        /** The theory-page anchor that states this claim (see docs/theory/&lt;id&gt;.adoc). */
        public Builder cites(String anchor) { cites = anchor; return this; }
        /** Proof steps the claim rests on: ids of {@code [symja,id=...]} blocks of the theory's proof page. */
        public Builder uses(String... stepIds) { uses.addAll(List.of(stepIds)); return this; }
        /** Model quantities the check reads. */
        public Builder reads(String... quantities) { reads.addAll(List.of(quantities)); return this; }

        /**
         * Declares a parameter whose refinement should make a finite-size gap vanish, e.g.
         * {@code .scaling(Scaling.dimension("d"))} or {@code .scaling(Scaling.stepSize("eta"))}.
         */
        public Builder scaling(Scaling s) { scalings.add(java.util.Objects.requireNonNull(s, "scaling")); return this; }

        /**
         * Declares the check's budgets per level ({@code .levels(D, SEEDS)} with {@code static final LevelSize D =
         * LevelSize.dimension("d", 1024, 4096, 16384)}, read in the check as {@code D.at(ctx.level())}): listed per
         * claim in the catalogue, and used by {@code plan} to scale a recorded cost to another level.
         */
        public Builder levels(LevelSize... s) {
            for (LevelSize x : s) {
                Objects.requireNonNull(x, "level size");
                if (sizes.stream().anyMatch(y -> y.name().equals(x.name())))
                    throw new IllegalArgumentException("claim " + id + ": level size '" + x.name() + "' declared twice");
                sizes.add(x);
            }
            return this;
        }

        public Builder tries(int quick, int standard, int deep) {
            tries.put(EvidenceLevel.QUICK, quick);
            tries.put(EvidenceLevel.STANDARD, standard);
            tries.put(EvidenceLevel.DEEP, deep);
            return this;
        }

        public Claim build() {
            return new Claim(this);
        }
    }
}
