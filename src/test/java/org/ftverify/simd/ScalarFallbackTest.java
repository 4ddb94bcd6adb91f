package org.ftverify.simd;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link ScalarFallbackMain} in a child JVM without the incubator module: the public classes must still load
 * (the Vector API classes are never touched), report the scalar implementation, compute the scalar kernels' exact
 * bits, and produce the same Gaussian stream bit for bit as this (vectorized) JVM.
 */
class ScalarFallbackTest {
    static final long SEED = 424242L;
    static final int SAMPLES = 1001;

    static double[] vector(long seed) {
        return ExactSums.randomVector(new SplittableRandom(seed), 999);
    }

    /** Order-sensitive hash of the exact bits of the samples. */
    static long fingerprint(double[] z) {
        long h = 1;
        for (double v : z) h = 31 * h + Double.doubleToRawLongBits(v);
        return h;
    }

    @Test
    void fallbackWorksWithoutTheIncubatorModule() throws Exception {
        String classpath = location(Kernels.class) + File.pathSeparator + location(ScalarFallbackMain.class);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", classpath, ScalarFallbackMain.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish in 60 s");
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.exitValue(), String.join("\n", lines));

        assertEquals("scalar (jdk.incubator.vector absent)", lines.get(0));
        assertTrue(lines.get(1).endsWith("scalar (jdk.incubator.vector absent)"), lines.get(1));
        double[] a = vector(1), b = vector(2);
        assertEquals(Double.doubleToRawLongBits(ScalarKernels.INSTANCE.dot(a, b, a.length)), Long.parseLong(lines.get(2)));
        assertEquals(Double.doubleToRawLongBits(ScalarKernels.dotAt(a, 2 * 333, b, 0, 333)),
                Long.parseLong(lines.get(3)));
        double[] z = new double[SAMPLES];
        new GaussianSampler(SEED).fill(z, z.length); // vector path in this JVM
        assertEquals(fingerprint(z), Long.parseLong(lines.get(4)), "Gaussian stream differs between paths");
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
