package org.ftverify.core;

import java.util.List;
import java.util.function.Supplier;

/**
 * A deliberately wrong version of a theory (a perturbed rate, fixed point or constant). Running its claims must
 * falsify the ones it names in {@link #breaks()} (empty = every claim): that is the evidence that each check can
 * fail. Exposed on the command line as {@code ./ftverify verify --mutant NAME} so a researcher can watch the verifier
 * reject a wrong theory.
 *
 * @param claims the theory's claims built from the perturbed model (all of them, in the theory's order)
 */
public record Mutant(String name, String description, List<String> breaks, Supplier<List<Claim>> claims) {

    public Mutant {
        breaks = List.copyOf(breaks);
    }

    /** The claims this mutant must break: those named in {@link #breaks()}, or all when it names none. */
    public List<Claim> targets() {
        List<Claim> all = claims.get();
        return breaks.isEmpty() ? all : all.stream().filter(c -> breaks.contains(c.id())).toList();
    }
}
