package org.ftverify.bench;

import java.util.concurrent.TimeUnit;
import org.ftverify.simd.GaussianSampler;
import org.ftverify.theory.icl.AttentionPass;
import org.ftverify.theory.icl.AttentionSgd;
import org.ftverify.theory.icl.IclSetup;
import org.ftverify.theory.icl.PromptBatch;
import org.ftverify.theory.icl.Weights;
import org.openjdk.jmh.annotations.*;

/**
 * One SGD step of the icl theory's linear attention model on a pretraining batch (fresh task per prompt, m = 20
 * demonstrations, d = 5, so T = 21 tokens of D = 7): draw the batch, forward pass, backward pass, clipping, momentum.
 * {@link #sampleOnly} draws the same batch without training on it, the reference for "the step costs at most a few
 * times its sample"; {@link #forwardOnly} is the Monte Carlo risk estimator's inner loop.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class AttentionStepBench {
    @Param({"500"})
    int batch;

    AttentionSgd sgd;
    PromptBatch prompts;
    AttentionPass pass;
    Weights weights;
    GaussianSampler rng;

    @Setup
    public void setup() {
        VectorGeneratorWait.await();
        IclSetup s = IclSetup.isotropic(5, 0.1);
        sgd = new AttentionSgd(s, new AttentionSgd.Config(0.01, 0.9, 1, batch, AttentionSgd.Subset.ALL, AttentionSgd.Objective.PRETRAIN, 20,
                Integer.MAX_VALUE), AttentionSgd.randomInit(5, 0.05, 1), null, 2);
        prompts = new PromptBatch(s, batch, 20);
        pass = new AttentionPass(prompts);
        weights = AttentionSgd.randomInit(5, 0.5, 3);
        rng = new GaussianSampler(4);
    }

    @Benchmark
    public double sgdStep() {
        sgd.step();
        return sgd.lastLoss();
    }

    @Benchmark
    public int sampleOnly() {
        prompts.fill(rng, null, 20, batch);
        return prompts.prompts();
    }

    @Benchmark
    public double forwardOnly() {
        prompts.fill(rng, null, 20, batch);
        pass.forward(weights, prompts);
        return pass.sumSquaredError(prompts);
    }
}
