package org.ftverify.simd;

/**
 * Chooses the {@link KernelSupport} implementation once per JVM: the Vector API kernels when the
 * {@code jdk.incubator.vector} module is in the boot layer and not disabled by {@code -Dftverify.simd=scalar},
 * otherwise the scalar ones. {@link VectorKernels} is named only inside the guarded branch, so a JVM without the
 * module never loads it.
 */
final class KernelProvider {
    private KernelProvider() {}

    static KernelSupport choose() {
        if (VectorApiProbe.usable()) return VectorKernels.INSTANCE;
        return ScalarKernels.INSTANCE;
    }
}
