package org.ftverify.bench;

import java.util.concurrent.TimeUnit;

import org.ftverify.numeric.ReferenceSvd;
import org.ftverify.numeric.TruncatedSvd;
import org.ftverify.simd.GaussianSampler;
import org.ftverify.simd.Kernels;
import org.ftverify.theory.spectral.CoefficientSgd;
import org.openjdk.jmh.annotations.*;

/**
 * The spectral theory's two costs: the leading singular triplets of the largest matrix its claims use (1600 x 800,
 * three spikes above N(0, 1/p) noise), by the Krylov truncated SVD against EJML's full SVD, and the allocation-free
 * SGD-increment loop of the frozen-basis drift check (per 1000 increments, m = 40, p = 80, k = 4).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class SpectralBench {
    double[][] spiked;
    CoefficientSgd sgd;
    GaussianSampler sampler;
    final double[] out = new double[8];

    @Setup
    public void setup() {
        int m = 1600, p = 800;
        GaussianSampler g = new GaussianSampler(3);
        spiked = new double[m][p];
        for (double[] row : spiked) {
            g.fill(row, p);
            Kernels.scale(1 / Math.sqrt(p), row, p);
        }
        spiked[0][0] += 3;
        spiked[2][3] += 2.5;
        spiked[4][6] += 2;
        int sm = 40, sp = 80, k = 4;
        double[] map = new double[sm * sp], a = new double[sp * sp], ut = new double[k * sm], vt = new double[k * sp];
        g.fill(map, map.length);
        g.fill(a, a.length);
        for (int i = 0; i < k; i++) {
            ut[i * sm + i] = 1;
            vt[i * sp + 2 * i] = 1;
        }
        sgd = new CoefficientSgd(sm, sp, k, map, a, 0.1, ut, vt);
        sampler = new GaussianSampler(5);
    }

    @Benchmark
    public double truncatedSvdTop3() {
        return TruncatedSvd.compute(spiked, 3, 1).sigma()[0];
    }

    @Benchmark
    public double ejmlFullSvd() {
        return ReferenceSvd.compute(spiked, 3).sigma()[0];
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double[] sgdIncrements1000() {
        sgd.drift(sampler, 1000, out);
        return out;
    }
}
