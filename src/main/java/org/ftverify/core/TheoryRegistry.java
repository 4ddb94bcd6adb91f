package org.ftverify.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** All theories on the class path, sorted by id, with lookups whose errors list the allowed values. */
public final class TheoryRegistry {
    private final List<Theory> theories;

    public TheoryRegistry(List<Theory> theories) {
        this.theories = theories.stream().sorted(Comparator.comparing(Theory::id)).toList();
    }

    /** The registered theories, their claims' citations and proof steps checked against the pages under ftverify.root. */
    public static TheoryRegistry load() {
        return load(Path.of(System.getProperty("ftverify.root", ".")));
    }

    public static TheoryRegistry load(Path root) {
        List<Theory> found = new ArrayList<>();
        ServiceLoader.load(Theory.class).forEach(found::add);
        TheoryRegistry registry = new TheoryRegistry(found);
        registry.checkLinks(root);
        return registry;
    }

    /**
     * Fails on a claim that cites an anchor its theory page does not define or uses a proof step its proof page does
     * not define (the blueprint's checker of declaration names): a dangling link is a loading error, not a report typo.
     */
    public void checkLinks(Path root) {
        for (Theory t : theories) {
            PageIndex proofs = null, page = null;
            for (Claim c : t.claims()) {
                if (!c.uses().isEmpty()) {
                    if (proofs == null) proofs = index(root, t.proofPage(), c);
                    for (String step : c.uses())
                        if (!proofs.steps().contains(step))
                            throw new IllegalStateException("claim " + c.id() + " uses proof step '" + step + "', which " + t.proofPage()
                                    + " does not define (steps are the ids of its [symja,id=...] blocks)");
                }
                if (c.cites() != null) {
                    if (page == null) page = index(root, t.theoryPage(), c);
                    if (!page.anchors().contains(c.cites()))
                        throw new IllegalStateException("claim " + c.id() + " cites anchor '" + c.cites() + "', which " + t.theoryPage()
                                + " does not define");
                }
            }
        }
    }

    private static PageIndex index(Path root, String page, Claim c) {
        Path file = root.resolve(page);
        if (!Files.isRegularFile(file))
            throw new IllegalStateException("claim " + c.id() + " links to " + page + ", which is not under " + root.toAbsolutePath().normalize()
                    + " (set -Dftverify.root to the repository)");
        return PageIndex.of(file);
    }

    public List<Theory> theories() {
        return theories;
    }

    public Theory theory(String id) {
        for (Theory t : theories) if (t.id().equals(id)) return t;
        throw new IllegalArgumentException("unknown theory '" + id + "'; allowed: "
                + theories.stream().map(Theory::id).collect(Collectors.joining(", ")));
    }

    public Claim claim(String id) {
        for (Theory t : theories) for (Claim c : t.claims()) if (c.id().equals(id)) return c;
        throw new IllegalArgumentException("unknown claim '" + id + "'; run './ftverify list' for the claim ids");
    }

    /** A mutant by name, searched in every theory; the error lists the known mutants. */
    public Mutant mutant(String name) {
        for (Theory t : theories) for (Mutant m : t.mutants()) if (m.name().equals(name)) return m;
        throw new IllegalArgumentException("unknown mutant '" + name + "'; allowed: "
                + theories.stream().flatMap(t -> t.mutants().stream()).map(Mutant::name).collect(Collectors.joining(", ")));
    }

    /**
     * The registry as a run of mutant {@code name} sees it: the mutant's theory answers with the claims built from the
     * perturbed model (same ids), every other theory is unchanged. This is how the cluster commands rebuild a mutant's
     * claims from their ids in every worker ({@code plan --mutant}).
     */
    public TheoryRegistry withMutant(String name) {
        Mutant m = mutant(name);
        List<Theory> out = new ArrayList<>();
        for (Theory t : theories) out.add(t.mutants().stream().anyMatch(x -> x.name().equals(name)) ? new MutantTheory(t, m) : t);
        return new TheoryRegistry(out);
    }

    /** A theory whose claims are those of one of its mutants (built once). */
    private static final class MutantTheory implements Theory {
        private final Theory theory;
        private final Mutant mutant;
        private List<Claim> claims;

        MutantTheory(Theory theory, Mutant mutant) {
            this.theory = theory;
            this.mutant = mutant;
        }

        @Override public String id() { return theory.id(); }
        @Override public String title() { return theory.title() + " (MUTANT " + mutant.name() + ")"; }
        @Override public String citation() { return theory.citation(); }
        @Override public List<String> provenance() { return theory.provenance(); }
        @Override public String proofPage() { return theory.proofPage(); }
        @Override public String theoryPage() { return theory.theoryPage(); }
        @Override public List<Mutant> mutants() { return theory.mutants(); }

        @Override
        public synchronized List<Claim> claims() {
            if (claims == null) claims = List.copyOf(mutant.claims().get());
            return claims;
        }
    }

    /** The theory whose id prefixes the claim id (mutant claims share their theory's ids). */
    public Theory theoryOf(Claim claim) {
        for (Theory t : theories) if (claim.id().startsWith(t.id() + ".")) return t;
        throw new IllegalArgumentException("claim " + claim.id() + " belongs to no registered theory");
    }
}
