package org.ftverify.bench;

import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.ftverify.simd.GaussianSampler;
import org.openjdk.jmh.annotations.*;

/**
 * Filling d standard normals: {@link GaussianSampler} against the plain loop over the JDK's fastest
 * {@code nextGaussian} (L64X128MixRandom, a modified ziggurat). Divide the time per op by d for ns per sample.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class GaussianBench {
    @Param({"4096", "16384"})
    int d;

    double[] out;
    GaussianSampler sampler;
    RandomGenerator jdk;

    @Setup
    public void setup() {
        VectorGeneratorWait.await();
        out = new double[d];
        sampler = new GaussianSampler(1);
        jdk = RandomGeneratorFactory.of("L64X128MixRandom").create(1);
    }

    @Benchmark
    public double[] fillSampler() {
        sampler.fill(out, d);
        return out;
    }

    @Benchmark
    public double[] fillJdkNextGaussian() {
        for (int i = 0; i < d; i++) out[i] = jdk.nextGaussian();
        return out;
    }
}
