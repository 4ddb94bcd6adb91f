package org.ftverify.bench;

import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.ftverify.simd.GaussianSampler;
import org.ftverify.simd.Kernels;
import org.openjdk.jmh.annotations.*;

/**
 * One online-SGD step of rank-1 LoRA on a pretrained single-index model (target w* = e1, pretrained w0 = mu e1,
 * student w = w0 + u v with ||v|| = 1, activation sigma = tanh):
 * <pre>
 *   X: B x d standard Gaussian, fresh each step;  nu = X e1;  rho = X v;  lambda = mu nu + u rho
 *   g_i = (sigma(lambda_i) - sigma(nu_i)) sigma'(lambda_i)
 *   g_u = mean_i g_i rho_i;   G_v = u (1/B) sum_i g_i x_i        (old u)
 *   u &lt;- u - eta g_u;   v &lt;- v - eta G_v;   v &lt;- v / ||v||
 * </pre>
 * {@link #stepSimd} uses only {@link Kernels} and {@link GaussianSampler} ({@link #stepSimdLazyNorm} too, saving one
 * pass over v); {@link #stepScalar} is the same step in
 * plain loops with the JDK's {@code nextGaussian}; {@link #sampleOnly} draws the step's B x d sample, the reference for
 * the target "a B = 1 step costs at most 1.5x its sample".
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class LoraStepBench {
    static final double MU = 0.5;

    @Param({"4096", "16384"})
    int d;

    @Param({"1", "16"})
    int batch;

    double eta, u;
    double[] x, v, rho, g, gradV;
    /** Lazy-normalised copy of the student direction: v = scaleV * vTilde (see {@link #stepSimdLazyNorm}). */
    double[] vTilde;
    double scaleV;
    GaussianSampler sampler;
    RandomGenerator jdk;

    @Setup
    public void setup() {
        VectorGeneratorWait.await();
        eta = 1.0 / d; // online-SGD scaling: O(1) change of the overlaps per unit time t = steps / d
        u = 0.5;
        x = new double[batch * d];
        rho = new double[batch];
        g = new double[batch];
        gradV = new double[d];
        sampler = new GaussianSampler(1);
        jdk = RandomGeneratorFactory.of("L64X128MixRandom").create(1);
        v = new double[d];
        sampler.fill(v, d);
        Kernels.scale(1 / Math.sqrt(Kernels.squaredNorm(v, d)), v, d);
        vTilde = v.clone();
        scaleV = 1;
    }

    @Benchmark
    public double sampleOnly() {
        sampler.fill(x, batch * d);
        return x[0];
    }

    @Benchmark
    public double stepSimd() {
        sampler.fill(x, batch * d);
        double gu = 0, n2;
        if (batch == 1) {
            // B = 1: G_v is a multiple of x, so the v update and the new norm take one fused pass.
            double nu = x[0], r = Kernels.dot(x, v, d);
            double gi = gradient(nu, r);
            gu = gi * r;
            n2 = Kernels.axpyThenSquaredNorm(-eta * u * gi, x, v, d);
        } else {
            Kernels.gemv(x, batch, d, v, rho);
            for (int i = 0; i < batch; i++) {
                g[i] = gradient(x[i * d], rho[i]);
                gu += g[i] * rho[i];
            }
            gu /= batch;
            Kernels.gemvTransposed(x, batch, d, g, gradV);
            n2 = Kernels.axpyThenSquaredNorm(-eta * u / batch, gradV, v, d);
        }
        u -= eta * gu;
        Kernels.scale(1 / Math.sqrt(n2), v, d);
        return u;
    }

    /**
     * The same step with v kept as scaleV * vTilde: the normalisation v / ||v|| becomes scaleV = 1 / ||vTilde'||, whose
     * norm the fused update already returns, so the separate scale pass disappears. Mathematically the same step;
     * vTilde is rescaled by an exact power of two if its norm drifts far from 1.
     */
    @Benchmark
    public double stepSimdLazyNorm() {
        sampler.fill(x, batch * d);
        double gu = 0, n2;
        if (batch == 1) {
            double nu = x[0], r = scaleV * Kernels.dot(x, vTilde, d);
            double gi = gradient(nu, r);
            gu = gi * r;
            n2 = Kernels.axpyThenSquaredNorm(-eta * u * gi / scaleV, x, vTilde, d);
        } else {
            Kernels.gemv(x, batch, d, vTilde, rho);
            for (int i = 0; i < batch; i++) {
                rho[i] *= scaleV;
                g[i] = gradient(x[i * d], rho[i]);
                gu += g[i] * rho[i];
            }
            gu /= batch;
            Kernels.gemvTransposed(x, batch, d, g, gradV);
            n2 = Kernels.axpyThenSquaredNorm(-eta * u / (batch * scaleV), gradV, vTilde, d);
        }
        u -= eta * gu;
        scaleV = 1 / Math.sqrt(n2);
        if (scaleV < 0x1p-20 || scaleV > 0x1p20) {
            double p = Math.scalb(1.0, Math.getExponent(scaleV)); // exact power of two: no rounding
            Kernels.scale(p, vTilde, d);
            scaleV /= p;
        }
        return u;
    }

    @Benchmark
    public double stepScalar() {
        int n = batch * d;
        for (int k = 0; k < n; k++) x[k] = jdk.nextGaussian();
        double gu = 0;
        for (int i = 0; i < batch; i++) {
            double r = 0;
            for (int j = 0, off = i * d; j < d; j++) r += x[off + j] * v[j];
            rho[i] = r;
            g[i] = gradient(x[i * d], r);
            gu += g[i] * r;
        }
        gu /= batch;
        for (int j = 0; j < d; j++) gradV[j] = 0;
        for (int i = 0; i < batch; i++) {
            double gi = g[i];
            for (int j = 0, off = i * d; j < d; j++) gradV[j] += gi * x[off + j];
        }
        double c = -eta * u / batch, n2 = 0;
        for (int j = 0; j < d; j++) {
            v[j] += c * gradV[j];
            n2 += v[j] * v[j];
        }
        double inv = 1 / Math.sqrt(n2);
        for (int j = 0; j < d; j++) v[j] *= inv;
        u -= eta * gu;
        return u;
    }

    /** g_i = (tanh(lambda) - tanh(nu)) tanh'(lambda) with lambda = mu nu + u rho. */
    private double gradient(double nu, double rho) {
        double t = Math.tanh(MU * nu + u * rho);
        return (t - Math.tanh(nu)) * (1 - t * t);
    }
}
