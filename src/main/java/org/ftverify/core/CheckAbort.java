package org.ftverify.core;

/**
 * Thrown by a check that cannot produce evidence at a parameter point. The engine turns it into an INCONCLUSIVE
 * try whose reason says which of the two happened, so a divergence is never mistaken for a pass.
 */
public final class CheckAbort extends RuntimeException {
    public enum Kind {
        /** The simulation or ODE produced NaN/Inf, overflowed, or the step size collapsed. */
        DIVERGED,
        /** The point lies outside the theory's domain of validity (e.g. an unstable step size). */
        OUTSIDE_DOMAIN
    }

    private final Kind kind;

    private CheckAbort(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static CheckAbort diverged(String message) {
        return new CheckAbort(Kind.DIVERGED, message);
    }

    public static CheckAbort outsideDomain(String message) {
        return new CheckAbort(Kind.OUTSIDE_DOMAIN, message);
    }

    public Kind kind() {
        return kind;
    }

    /** Throws DIVERGED when {@code value} is NaN or infinite. */
    public static double requireFinite(double value, String what) {
        if (!Double.isFinite(value)) throw diverged(what + " became " + value);
        return value;
    }
}
