package org.ftverify.theory.icl;

import java.util.ArrayList;
import java.util.List;
import org.ftverify.core.CheckContext;
import org.ftverify.core.Comparison;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Params;
import org.ftverify.evidence.Tolerance;

/**
 * The evaluation point the closed-form risk claims (P1, P2) share: dimension, demonstrations, noise, task and covariance
 * as parameters, the setup and tasks drawn from the try's seed, and the Monte Carlo risk of a model at that point
 * against a closed form.
 */
record RiskPoint(int d, int n, IclSetup setup, double[] theta0, double[] theta) {
    /** Prompts per Monte Carlo unit. */
    static final int PER_UNIT = 2048;
    /** Monte Carlo batches of PER_UNIT prompts per risk estimate, per level. */
    static final org.ftverify.core.LevelSize UNITS = org.ftverify.core.LevelSize.of("batches", "Monte Carlo batches of 2048 prompts", 64, 256, 1024, 1);

    /** d, n, σ², then the claim's own parameters, then the task and Σ choices. */
    static ParameterSpace space(Parameter... own) {
        List<Parameter> ps = new ArrayList<>(List.of(
                Parameter.integer("d", 2, 12, 2, true, "covariate dimension"),
                Parameter.integer("n", 0, 40, 0, false, "demonstrations in the prompt"),
                Parameter.real("sigma2", 0, 0.5, 0.1, "label noise variance σ²")));
        ps.addAll(List.of(own));
        ps.add(Parameter.choice("task", List.of("theta0", "minus-theta0", "random"), "evaluation task"));
        ps.add(Parameter.choice("sigma", List.of("identity", "anisotropic"), "covariance Σ"));
        return ParameterSpace.of(ps.toArray(new Parameter[0]));
    }

    /** Σ from sub-seed 1, θ0 from 2, the evaluation task from 3 (sub-seed 4 is left to the claim, 5 to the Monte Carlo). */
    static RiskPoint draw(Params p, CheckContext ctx) {
        int d = p.integer("d");
        IclSetup s = Draws.setup(d, p.real("sigma2"), p.choice("sigma"), ctx.subSeed(1));
        double[] theta0 = Draws.unit(d, ctx.subSeed(2));
        return new RiskPoint(d, p.integer("n"), s, theta0, Draws.task(p.choice("task"), theta0, ctx.subSeed(3)));
    }

    /** Monte Carlo n-shot risk of {@code model} on this point's task against {@code predicted}, 4.5 SE. */
    RiskMonteCarlo.Estimate estimate(Weights model, CheckContext ctx) {
        return RiskMonteCarlo.estimate(setup, model, theta, n, UNITS.at(ctx.level()), PER_UNIT, ctx.subSeed(5));
    }

    static Comparison compare(String quantity, double predicted, RiskMonteCarlo.Estimate e) {
        int units = e.unitMeans().length;
        return Tolerance.clt(4.5, e.se(), units, "batches of " + PER_UNIT + " prompts").atLeastRoundOff(256, 1).compare(quantity, predicted, e.mean());
    }
}
