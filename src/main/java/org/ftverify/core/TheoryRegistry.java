package org.ftverify.core;

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

    public static TheoryRegistry load() {
        List<Theory> found = new ArrayList<>();
        ServiceLoader.load(Theory.class).forEach(found::add);
        return new TheoryRegistry(found);
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

    /** The theory whose id prefixes the claim id (mutant claims share their theory's ids). */
    public Theory theoryOf(Claim claim) {
        for (Theory t : theories) if (claim.id().startsWith(t.id() + ".")) return t;
        throw new IllegalArgumentException("claim " + claim.id() + " belongs to no registered theory");
    }
}
