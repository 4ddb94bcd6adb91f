package org.ftverify.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.ftverify.simd.Kernels;
import org.openjdk.jmh.annotations.*;

/**
 * Dot product, GEMV (16 x d, and its transpose used by the batch gradient) and axpy: {@link Kernels} against plain
 * loops. axpy also has an explicit Vector API version here, to decide whether Kernels should use one (it does not
 * when the auto-vectorized loop is as fast).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class KernelBench {
    static final int ROWS = 16;
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    @Param({"4096", "16384"})
    int d;

    double[] a, b, y, matrix, rowsOut, weights;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(1);
        a = rng.doubles(d, -1, 1).toArray();
        b = rng.doubles(d, -1, 1).toArray();
        y = new double[d];
        matrix = rng.doubles((long) ROWS * d, -1, 1).toArray();
        rowsOut = new double[ROWS];
        weights = rng.doubles(ROWS, -1, 1).toArray();
    }

    @Benchmark
    public double dotVector() {
        return Kernels.dot(a, b, d);
    }

    @Benchmark
    public double dotScalar() {
        return ScalarLoops.dot(a, b, d);
    }

    @Benchmark
    public double[] gemvVector() {
        Kernels.gemv(matrix, ROWS, d, a, rowsOut);
        return rowsOut;
    }

    @Benchmark
    public double[] gemvScalar() {
        ScalarLoops.gemv(matrix, ROWS, d, a, rowsOut);
        return rowsOut;
    }

    @Benchmark
    public double[] gemvTransposedVector() {
        Kernels.gemvTransposed(matrix, ROWS, d, weights, y);
        return y;
    }

    @Benchmark
    public double[] gemvTransposedScalar() {
        ScalarLoops.gemvTransposed(matrix, ROWS, d, weights, y);
        return y;
    }

    /** Kernels.axpy: the plain loop, which C2 auto-vectorizes. alpha alternates sign so y stays bounded. */
    @Benchmark
    public double[] axpyKernels() {
        Kernels.axpy(1e-3, a, y, d);
        Kernels.axpy(-1e-3, a, y, d);
        return y;
    }

    @Benchmark
    public double[] axpyExplicitVectorApi() {
        explicitAxpy(1e-3, a, y, d);
        explicitAxpy(-1e-3, a, y, d);
        return y;
    }

    private static void explicitAxpy(double alpha, double[] x, double[] y, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            DoubleVector.fromArray(S, x, i).mul(alpha).add(DoubleVector.fromArray(S, y, i)).intoArray(y, i);
        }
        for (; i < n; i++) y[i] += alpha * x[i];
    }
}
