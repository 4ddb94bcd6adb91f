package org.ftverify.simd;

/**
 * Decides, without touching any {@code jdk.incubator.vector} class, whether the Vector API implementations may be
 * loaded. Classes that import the incubator module are only referenced from branches guarded by {@link #usable()},
 * so a JVM started without {@code --add-modules jdk.incubator.vector} never tries to load them.
 */
final class VectorApiProbe {
    /** System property that forces the scalar implementations: {@code -Dftverify.simd=scalar}. */
    static final String PROPERTY = "ftverify.simd";

    private static final boolean FORCED_SCALAR = "scalar".equals(System.getProperty(PROPERTY));
    private static final boolean MODULE_PRESENT =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorApiProbe() {}

    static boolean usable() {
        return MODULE_PRESENT && !FORCED_SCALAR;
    }

    /** Why the scalar path is in use (meaningful only when {@link #usable()} is false). */
    static String reason() {
        if (!MODULE_PRESENT) return "jdk.incubator.vector absent";
        return "forced by -D" + PROPERTY + "=scalar";
    }
}
