package org.ftverify.core;

/** Outcome of checking a claim (or one try of it). */
public enum Verdict {
    /** Every try stayed within its derived tolerance. */
    VERIFIED,
    /** At least one try exceeded its tolerance: a counterexample exists. */
    FALSIFIED,
    /** The numerics could not decide: divergence, step-size collapse, or a point outside the theory's domain. */
    INCONCLUSIVE,
    /** The claim was not executed in this run. */
    NOT_RUN
}
