package org.ftverify.simd;

/**
 * Entry point run by {@link ScalarFallbackTest} in a child JVM started WITHOUT
 * {@code --add-modules jdk.incubator.vector}: prints what the fallback computes, one value per line.
 */
public final class ScalarFallbackMain {
    private ScalarFallbackMain() {}

    public static void main(String[] args) {
        double[] a = ScalarFallbackTest.vector(1), b = ScalarFallbackTest.vector(2);
        double[] y = new double[3];
        Kernels.gemv(a, 3, 333, b, y);
        double[] z = new double[ScalarFallbackTest.SAMPLES];
        new GaussianSampler(ScalarFallbackTest.SEED).fill(z, z.length);
        System.out.println(Kernels.species());
        System.out.println(GaussianSampler.algorithm());
        System.out.println(Double.doubleToRawLongBits(Kernels.dot(a, b, a.length)));
        System.out.println(Double.doubleToRawLongBits(y[2]));
        System.out.println(ScalarFallbackTest.fingerprint(z));
    }
}
