package org.ftverify.core;

import java.util.List;
import java.util.function.Supplier;

/**
 * A deliberately wrong version of a theory (a perturbed rate, fixed point or constant). Running its claims must
 * falsify them: that is the evidence that each check can fail. Exposed on the command line as
 * {@code ./ftverify verify --mutant NAME} so a researcher can watch the verifier reject a wrong theory.
 */
public record Mutant(String name, String description, Supplier<List<Claim>> claims) {}
