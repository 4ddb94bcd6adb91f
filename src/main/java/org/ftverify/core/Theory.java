package org.ftverify.core;

import java.util.List;

/**
 * A paper's theory as a set of claims. Implementations are registered with {@link java.util.ServiceLoader}
 * (META-INF/services/org.ftverify.core.Theory) so the core never names a theory.
 */
public interface Theory {
    /** Short id, also the prefix of every claim id (e.g. "lora"). */
    String id();

    String title();

    /** Paper citation (authors, title, arXiv id). */
    String citation();

    /** Where the statements come from: what was read in the paper and what was reconstructed. */
    List<String> provenance();

    /** Repository-relative path of the proof page, e.g. "proofs/lora.adoc". */
    String proofPage();

    /** Repository-relative path of the theory page (model, notation, claims, provenance), e.g. "docs/theory/lora.adoc". */
    default String theoryPage() {
        return "docs/theory/" + id() + ".adoc";
    }

    /** The claims in the order the theory states them. */
    List<Claim> claims();

    /** Perturbation families that measure each claim's resolution (see {@link PowerProbe}); none by default. */
    default List<PowerProbe> powerProbes() {
        return List.of();
    }

    /** Wrong theories whose claims must be falsified; names are unique within the theory. */
    default List<Mutant> mutants() {
        return List.of();
    }
}
