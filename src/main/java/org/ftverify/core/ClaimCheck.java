package org.ftverify.core;

/**
 * The executable part of a claim: at a parameter point and seed, produce evidence. Throw {@link CheckAbort} when
 * the numerics diverge or the point is outside the theory's domain.
 */
@FunctionalInterface
public interface ClaimCheck {
    Evidence check(Params params, CheckContext context);
}
