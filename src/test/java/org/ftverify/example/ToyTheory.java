package org.ftverify.example;

import java.util.List;
import org.ftverify.core.CheckContext;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Params;
import org.ftverify.core.TheoryDefinition;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;
import org.ftverify.evidence.Tolerance;

/**
 * The minimal theory of docs/adding-a-theory.adoc: online SGD estimating a Gaussian mean in dimension d. Two claims
 * (the plateau and the relaxation), two mutants, two power probes. Not registered with the ServiceLoader: it is the
 * walk-through's example, compiled and run by ToyTheoryTest so the guide cannot drift from working code.
 */
public final class ToyTheory extends TheoryDefinition<ToyModel> {
    static final String PLATEAU = "toy.plateau", RELAXATION = "toy.relaxation", DRIFT = "toy.drift";

    public ToyTheory() {
        super("toy", "Online SGD estimating a Gaussian mean (walk-through example)", "textbook; no paper",
                List.of("[derived] both statements follow in two lines from e_{t+1} = (1 - eta) e_t + eta z_t."));
    }

    @Override
    protected ToyModel exactModel() {
        return ToyModel.exact();
    }

    @Override
    protected List<Claim> claims(ToyModel m) {
        return List.of(plateau(m), relaxation(m), drift(m));
    }

    @Override
    protected List<Perturbation<ToyModel>> perturbations() {
        return List.of(
                perturb("toy-plateau-x1.1", "stationary q multiplied by 1.1", new ToyModel(1, 1.1, 0), PLATEAU),
                perturb("toy-rate-x1.25", "relaxation rate multiplied by 1.25", new ToyModel(1.25, 1, 0), RELAXATION),
                perturb("toy-transient", "drift + eta (q - q_inf)^2: zero at the plateau, invisible to P1 and P2", new ToyModel(1, 1, 1), DRIFT));
    }

    @Override
    protected List<Probe<ToyModel>> probes() {
        return List.of(probe(PLATEAU, "q_inf", delta -> new ToyModel(1, 1 + delta, 0)),
                probe(RELAXATION, "rate", delta -> new ToyModel(1 + delta, 1, 0)));
    }

    private static ParameterSpace space() {
        return ParameterSpace.of(Parameter.integer("d", 256, 4096, 1024, true, "dimension"),
                Parameter.real("eta", 0.05, 0.5, 0.1, "learning rate"));
    }

    private static Claim plateau(ToyModel m) {
        return Claim.builder(PLATEAU).title("P1 — plateau q_inf = eta/(2 - eta)")
                .statement("Long after the start, q = |w - mu|^2/d fluctuates around eta/(2 - eta).")
                .provenance("derived").tolerance("5 MC standard errors over seeds").space(space())
                .check((p, ctx) -> {
                    double eta = p.real("eta");
                    int steps = (int) Math.ceil(20 / eta); // (1 - eta)^(2 steps) < e^-40: the start is forgotten
                    double[] q = seeds(p, ctx, eta, 0, steps);
                    return new Evidence().compare(Tolerance.clt(5, SampleStats.se(q), q.length, "seeds")
                            .compare("q after " + steps + " steps vs q_inf", m.plateau(eta), SampleStats.mean(q)));
                }).build();
    }

    private static Claim relaxation(ToyModel m) {
        return Claim.builder(RELAXATION).title("P2 — relaxation at rate (1 - eta)^2 per step")
                .statement("From q_0 = 1, E q_t - q_inf shrinks by (1 - eta)^2 per step.")
                .provenance("derived").tolerance("5 MC standard errors over seeds").space(space())
                .check((p, ctx) -> {
                    double eta = p.real("eta");
                    int t = (int) Math.ceil(1 / eta); // about one e-fold of the mean, where a rate error shows most
                    double[] q = seeds(p, ctx, eta, 1, t);
                    return new Evidence().compare(Tolerance.clt(5, SampleStats.se(q), q.length, "seeds")
                            .compare("q after " + t + " steps from q_0 = 1", m.meanQ(eta, 1, t), SampleStats.mean(q)));
                }).build();
    }

    /**
     * The drift check: at a random point q of the order-parameter space, the model's drift against the Monte Carlo
     * mean of single increments of the actual d-dimensional system started there. The only claim that sees errors
     * living in transients.
     */
    private static Claim drift(ToyModel m) {
        ParameterSpace space = ParameterSpace.of(Parameter.integer("d", 256, 4096, 1024, true, "dimension"),
                Parameter.real("eta", 0.05, 0.5, 0.5, "learning rate"), Parameter.real("q", 0, 4, 3, "starting q"));
        return Claim.builder(DRIFT).title("P3 — drift of q matches single SGD increments")
                .statement("At any q, E[q_{t+1} - q_t] = ((1 - eta)^2 - 1)(q - q_inf).")
                .provenance("derived").tolerance("5 MC standard errors of the mean increment").space(space)
                .check((p, ctx) -> {
                    double eta = p.real("eta"), q0 = p.real("q");
                    double[] dq = seeds(p, ctx, eta, q0, 1);
                    for (int i = 0; i < dq.length; i++) dq[i] -= q0;
                    return new Evidence().compare(Tolerance.clt(5, SampleStats.se(dq), dq.length, "one-step increments")
                            .compare("mean increment of q at q = " + q0, m.drift(eta, q0), SampleStats.mean(dq)));
                }).build();
    }

    /** q after {@code steps} steps from q0, one value per seed; the number of seeds scales with the level. */
    private static double[] seeds(Params p, CheckContext ctx, double eta, double q0, int steps) {
        int n = ctx.level().pick(32, 128, 512), d = p.integer("d");
        List<Double> q = SeedParallel.map(n, i -> ToySimulation.run(d, eta, q0, steps, ctx.subSeed(i)));
        return q.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
