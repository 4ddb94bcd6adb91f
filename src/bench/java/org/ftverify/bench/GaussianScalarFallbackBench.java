package org.ftverify.bench;

import java.util.concurrent.TimeUnit;
import org.ftverify.simd.GaussianSampler;
import org.openjdk.jmh.annotations.*;

/**
 * The same sampler in a fork started with {@code -Dftverify.simd=scalar}: the cost of the fallback a JVM without the
 * incubator module would use (same samples, bit for bit).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dftverify.simd=scalar"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class GaussianScalarFallbackBench {
    @Param({"4096", "16384"})
    int d;

    double[] out;
    GaussianSampler sampler;

    @Setup
    public void setup() {
        if (!GaussianSampler.algorithm().contains("scalar")) {
            throw new IllegalStateException("fork is not on the scalar path: " + GaussianSampler.algorithm());
        }
        out = new double[d];
        sampler = new GaussianSampler(1);
    }

    @Benchmark
    public double[] fillSamplerScalarFallback() {
        sampler.fill(out, d);
        return out;
    }
}
