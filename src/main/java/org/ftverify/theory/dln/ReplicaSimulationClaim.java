package org.ftverify.theory.dln;

import java.util.ArrayList;
import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Series;
import org.ftverify.evidence.RunMemo;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;
import org.ftverify.evidence.Tolerance;

/**
 * P7: the RS generalisation error against the mean over seeds of the exact finite-D fine-tuning solution (the
 * min-Q interpolator with the pretrained k_d, i.e. where gradient flow ends by P5). Carries Fig. 4: the four
 * regimes × three ground truths as RS lines with simulation points at two dimensions.
 */
final class ReplicaSimulationClaim {
    static final String ID = "dln.replica-vs-simulation";
    /**
     * Relative finite-size constant: the bias of the mean E_gen at dimension D is taken as C·E_RS/√D. C = 0.7 was measured
     * once on the correct theory (seed 20261202 + D, 48 seeds, control-variate means, D = 500 and 1000, 14 tasks over all
     * five regimes; C from the 13 with E_RS ≥ 0.1, 0.14 to 1.4): the deviations from RS exceed their SEs (χ²/dof 1.33 at
     * D = 500, 1.94 at D = 1000, partly because one seed set is shared across tasks), and the excess RMS relative deviation,
     * 1.9% and 2.1%, times √D is 0.43 and 0.65; 0.7 rounds the larger up. The excess does not shrink from D = 500 to 1000,
     * so it is not clearly a finite-size effect; it is budgeted as one. It replaces the absolute 0.03·√(2000/D) of the
     * baseline validation, which was as large as the prediction at the tasks whose E_gen is a few hundredths.
     */
    static final double FINITE_SIZE_C = 0.7;
    /**
     * Absolute O(1/D) term for the tasks next to a recovery transition, where finite D smears the transition and the bias is
     * not proportional to E_RS: measured in the same run at Regime IV, ω = 1, ρ_FT = 0.1, α = 0.2 (E_RS = 0.021), the largest
     * absolute deviation of the 14 tasks: 0.0171 ± 0.0052 at D = 500 and 0.0049 ± 0.0024 at D = 1000 (it falls faster than
     * 1/√D). C_abs = 0.0171 × 500 = 8.5, so C_abs/D covers both.
     */
    static final double TRANSITION_C = 8.5;
    /**
     * Dimension D of the simulated network (n = αD samples: a min-Q solve costs ~D²). More seeds at a smaller D at the
     * quick level: the seed spread falls like (seeds·D)^-1/2 while the cost grows like D². Deep D = 5000 is the
     * validation runs' setting (theory page, dln-p7).
     */
    static final org.ftverify.core.LevelSize DIM = org.ftverify.core.LevelSize.of("D", "input dimension (n = alpha D samples; GD steps cost n D ~ D^2)", 500, 1000, 5000, 2).because("D = 5000, the validation runs' dimension; D = 1e5 would need an n x D design of 24 GB at alpha = 0.3, more than the 24 GiB machine");
    /** seeds averaged (the theory page asks for at least 6) */
    static final org.ftverify.core.LevelSize SEEDS = org.ftverify.core.LevelSize.seeds("seeds", 48, 24, 48);

    private ReplicaSimulationClaim() {}

    /** Fig. 4 regimes: {λ_n, γ}. */
    static final String[] REGIMES = {"I", "II", "III", "IV"};

    static FtTask task(String regime, String truth) {
        double ln = switch (regime) {
            case "I" -> -0.999999;
            case "IV" -> -0.99;
            default -> 0;
        };
        double gamma = switch (regime) {
            case "I" -> 1e-6;
            case "III" -> 10;
            default -> 0;
        };
        if (regime.equals("baseline")) return ReplicaLimitsClaim.baseline();
        return switch (truth) {
            case "w0-r0.1" -> new FtTask(0.1, 0.1, 0, 1e-3, ln, gamma, 1);
            case "w1-r0.01" -> new FtTask(0.1, 0.01, 1, 1e-3, ln, gamma, 1);
            default -> new FtTask(0.1, 0.1, 1, 1e-3, ln, gamma, 1);
        };
    }

    static final String[] TRUTHS = {"w0-r0.1", "w1-r0.1", "w1-r0.01"};

    private record SimKey(DlnModel model, FtTask task, int d, double alpha, int seeds, long seed) {}

    /**
     * Per-seed results at one point: the generalisation error of the min-Q solution and the realised teacher energy
     * ||β_FT||²/D, whose expectation is known exactly ({@code teacherEnergyMean}: every signal coordinate is N(0, 1/ρ_FT) and the
     * group sizes are exact), so it serves as a control variate.
     */
    record Runs(double[] eGen, double[] teacherEnergy, double teacherEnergyMean) {}

    /** The simulation reads only c_FT and the potential: the RS-only knobs are normalised so probes of them reuse the runs. */
    static DlnModel simulationModel(DlnModel model) {
        return model.withRsScale(1).withRsNoiseOverAlpha(true).withLazyLimitScale(1).withRsScaleRegimeIV(1);
    }

    /** E_gen of the min-Q solution for each seed. */
    static double[] simulate(DlnModel model, FtTask task, int d, double alpha, int seeds, long seed) {
        return runs(model, task, d, alpha, seeds, seed).eGen();
    }

    static Runs runs(DlnModel model, FtTask task, int d, double alpha, int seeds, long seed) {
        DlnModel sim = simulationModel(model);
        return RunMemo.get(new SimKey(sim, task, d, alpha, seeds, seed), () -> {
            double[] signalCount = new double[1];
            List<double[]> out = SeedParallel.map(seeds, s -> {
                long sub = org.ftverify.core.Seeds.mix(seed, s);
                FtTask.Instance inst = task.sample(d, sub);
                int n = (int) Math.round(alpha * d);
                Design data = Design.gaussian(n, d, 1 / Math.sqrt(d), inst.betaFt(), sub + 1);
                double[] k = new double[d];
                for (int i = 0; i < d; i++) {
                    double c = task.cFt(sim, inst.group()[i]);
                    k[i] = 4 * c * c;
                }
                MinQSolver.Result r = MinQSolver.solve(sim, data, k, new double[d], 1e-10);
                double e = 0, energy = 0;
                int signals = 0;
                for (int i = 0; i < d; i++) {
                    e += (r.beta()[i] - inst.betaFt()[i]) * (r.beta()[i] - inst.betaFt()[i]);
                    energy += inst.betaFt()[i] * inst.betaFt()[i];
                    if (FtTask.signal(inst.group()[i])) signals++;
                }
                return new double[] {e / d, energy / d, signals};
            });
            double[] e = out.stream().mapToDouble(v -> v[0]).toArray(), x = out.stream().mapToDouble(v -> v[1]).toArray();
            // the group sizes are the same for every seed, so the count of signal coordinates is too
            return new Runs(e, x, out.get(0)[2] / (task.rhoFt() * d));
        });
    }

    /**
     * Control-variate estimate of the mean E_gen: mean(e) − b(mean(x) − E[x]) with b = cov(e, x)/var(x), x the teacher
     * energy. Unbiased to O(1/N) (b is estimated); its SE is that of the residuals e − b(x − mean x), with one degree of
     * freedom for b. Returns {estimate, SE, b}.
     */
    static double[] controlVariateMean(Runs runs) {
        double[] e = runs.eGen(), x = runs.teacherEnergy();
        int n = e.length;
        double me = SampleStats.mean(e), mx = SampleStats.mean(x), cov = 0, vx = 0;
        for (int i = 0; i < n; i++) {
            cov += (e[i] - me) * (x[i] - mx);
            vx += (x[i] - mx) * (x[i] - mx);
        }
        double b = vx > 0 ? cov / vx : 0;
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) residual[i] = e[i] - b * (x[i] - mx);
        double se = SampleStats.sd(residual) * Math.sqrt((n - 1.0) / (n - 2.0)) / Math.sqrt(n);
        return new double[] {me - b * (mx - runs.teacherEnergyMean()), se, b};
    }

    static Claim build(DlnModel model) {
        return Claim.builder(ID)
                .title("P7 — Replica-symmetric E_gen against finite-D fine-tuning")
                .statement("The mean over seeds of the generalisation error of the fine-tuned interpolator at dimension D equals the "
                        + "RS prediction, within seed noise and a finite-size term.")
                .asciidoc("symja:[Egen == Expectation((X - Xhat)^2)]")
                .provenance("[paper] (exact E_gen in high dimension) [code] (RS equations) [validated]")
                .tolerance("5 seed SEs of the control-variate mean (teacher energy, known mean) + relative finite size C·E_RS/√D (C = 0.7 "
                        + "measured at D = 500 and 1000) + transition smearing C_abs/D (C_abs = 8.5, measured) + RS quadrature error")
                .cites("dln-p7").uses("dln-prox-derivative", "dln-kd").reads("rs_egen")
                .space(ParameterSpace.of(
                        Parameter.choice("regime", List.of("baseline", "II", "I", "III", "IV"), "Fig. 4 regime (or the baseline)"),
                        Parameter.choice("truth", List.of("w1-r0.1", "w0-r0.1", "w1-r0.01"), "ground truth: ω and ρ_FT"),
                        Parameter.choice("alpha", List.of("0.1", "0.2", "0.3"), "sample ratio α")))
                .tries(2, 6, 20)
                .levels(DIM, SEEDS)
                .check((p, ctx) -> {
                    FtTask task = task(p.choice("regime"), p.choice("truth"));
                    double alpha = Double.parseDouble(p.choice("alpha"));
                    int d = DIM.at(ctx.level()), seeds = SEEDS.at(ctx.level());
                    Runs runs = runs(model, task, d, alpha, seeds, ctx.subSeed(0));
                    ReplicaSolver.Point point = RsCurves.curve(model, task, new double[] {alpha})[0];
                    double rs = point.eGen();
                    double[] cv = controlVariateMean(runs);
                    Tolerance tol = Tolerance.clt(5, cv[1], seeds, "seeds (control variate: the teacher energy ||β_FT||²/D, known mean "
                                    + org.ftverify.core.Num.sig(runs.teacherEnergyMean(), 4) + ")").atLeastRoundOff(8, rs)
                            .plus(Tolerance.finiteSize(FINITE_SIZE_C * Math.abs(rs), d, "relative: C = 0.7 × E_RS, measured on the correct theory "
                                    + "at D = 500 and 1000, 48 seeds, 13 tasks"))
                            .plus(Tolerance.derived(TRANSITION_C / d, "transition smearing C_abs/D = " + org.ftverify.core.Num.sig(TRANSITION_C / d, 3)
                                    + " with C_abs = 8.5, measured at the task next to a recovery transition (IV, ω = 1, ρ_FT = 0.1, α = 0.2) at D = 500 and 1000"))
                            .plus(Tolerance.derived(ReplicaLimitsClaim.QUADRATURE_ERROR + 10 * point.residual(), "RS quadrature error + 10 × fixed-point residual"));
                    Evidence ev = new Evidence().compare(tol.compare("mean E_gen over seeds (control variate) vs RS", rs, cv[0]))
                            .diagnostic("D, seeds, n", d + ", " + seeds + ", " + Math.round(alpha * d))
                            .diagnostic("plain mean ± SE, control-variate mean ± SE, coefficient b", org.ftverify.core.Num.sig(SampleStats.mean(runs.eGen()), 5)
                                    + " ± " + org.ftverify.core.Num.sig(SampleStats.se(runs.eGen()), 3) + ", " + org.ftverify.core.Num.sig(cv[0], 5) + " ± "
                                    + org.ftverify.core.Num.sig(cv[1], 3) + ", " + org.ftverify.core.Num.sig(cv[2], 3));
                    figure4(model, ctx.level().pick(new int[] {200, 400}, new int[] {500, 1000}, new int[] {1000, 2000}), ctx.level().pick(3, 6, 14))
                            .forEach(ev::series);
                    return ev;
                })
                .build();
    }

    private record FigureKey(DlnModel model, int d0, int d1, int seeds) {}

    /** Fig. 4: twelve RS curves and simulation means ± 1.96 SE at two dimensions. */
    static List<Series> figure4(DlnModel model, int[] dims, int seeds) {
        return RunMemo.get(new FigureKey(model, dims[0], dims[1], seeds), () -> {
            double[] alphas = {0.02, 0.05, 0.1, 0.2, 0.3, 0.4}, simAlphas = {0.1, 0.2, 0.3};
            List<FtTask> tasks = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (String r : REGIMES) for (String t : TRUTHS) {
                tasks.add(task(r, t));
                names.add("Regime " + r + ", " + t.replace("w", "ω=").replace("-r", ", ρ_FT="));
            }
            List<ReplicaSolver.Point[]> curves = RsCurves.curvesOrNull(model, tasks, alphas);
            List<Series> out = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                if (curves.get(i) == null) continue;
                String plot = "dln-fig4-" + TRUTHS[i % 3];
                out.add(Series.theory(plot, names.get(i) + " (RS)", "α", "E_gen", alphas, RsCurves.eGen(curves.get(i))));
                for (int d : dims) {
                    double[] m = new double[simAlphas.length], err = new double[simAlphas.length];
                    for (int j = 0; j < simAlphas.length; j++) {
                        double[] e = simulate(model, tasks.get(i), d, simAlphas[j], seeds, 7_000 + i);
                        m[j] = SampleStats.mean(e);
                        err[j] = 1.96 * SampleStats.se(e);
                    }
                    out.add(Series.simulation(plot, names.get(i) + ", D = " + d, "α", "E_gen", simAlphas, m, err));
                }
            }
            return out;
        });
    }
}
