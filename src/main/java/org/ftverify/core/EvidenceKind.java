package org.ftverify.core;

/**
 * How far a comparison is from checking a formula against itself.
 *
 * <ul>
 *   <li>{@link #INDEPENDENT}: the two sides are computed different ways that share no formula of the theory under
 *       test (simulation of the actual network against theory, CAS derivation against numerics, a published number
 *       against the model). A wrong theory changes one side only, so the comparison can catch it.</li>
 *   <li>{@link #CONSISTENCY}: the model compared with another form of itself (closed form against the same model's
 *       ODE, two solvers of the same drift). It catches implementation slips, not a wrong theory.</li>
 * </ul>
 */
public enum EvidenceKind {
    INDEPENDENT("independent"),
    CONSISTENCY("internal consistency");

    private final String label;

    EvidenceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
