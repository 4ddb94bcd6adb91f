package org.ftverify.bench;

import java.util.concurrent.TimeUnit;
import org.ftverify.theory.dln.Design;
import org.ftverify.theory.dln.Network;
import org.openjdk.jmh.annotations.*;

/**
 * One full-batch GD step of the two-pathway diagonal network (theory dln) on n = alpha·D samples:
 * r = Xβ − y (Kernels.gemv), g = (2/n)Xᵀr (Kernels.gemvTransposed), then the four element-wise weight updates.
 * Cost is dominated by the two passes over the n × D design (4nD flops), so the reference is
 * {@link #gemvPairOnly}: the same two kernel calls without the network updates.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class DlnStepBench {
    @Param({"1000", "5000"})
    int d;

    @Param({"0.1", "0.5"})
    double alpha;

    Network net;
    Design data;
    double[] beta, residual, grad;

    @Setup
    public void setup() {
        int n = (int) Math.round(alpha * d);
        double[] teacher = new double[d];
        for (int i = 0; i < d; i += 10) teacher[i] = 1;
        data = Design.gaussian(n, d, 1 / Math.sqrt(d), teacher, 1);
        net = Network.complexInit(data, 1e-3, 0);
        beta = new double[d];
        residual = new double[n];
        grad = new double[d];
    }

    @Benchmark
    public double gdStep() {
        net.computeGradient();
        net.applyStep(1e-3); // small step: the state stays bounded over the millions of benchmark calls
        return net.gradient()[0];
    }

    @Benchmark
    public double gemvPairOnly() {
        org.ftverify.simd.Kernels.gemv(data.x(), data.n(), d, beta, residual);
        org.ftverify.simd.Kernels.gemvTransposed(data.x(), data.n(), d, residual, grad);
        return grad[0];
    }
}
