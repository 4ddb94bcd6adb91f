package org.ftverify.theory.risk;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ftverify.core.CheckContext;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.Num;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Seeds;
import org.ftverify.core.Series;
import org.ftverify.evidence.RunMemo;
import org.ftverify.evidence.Tolerance;

/**
 * P12 — the predictability phase diagram (synthetic analogue of the paper's Fig. 3) on M3's grid: the rule of
 * docs/theory/risk.adoc#risk-p12 applied to the true (L_int, V(c_s), L(0)) reproduces the reconstruction's label table, and applied to fork
 * estimates it agrees wherever the decision statistic is more than 3 SE from its threshold. Also draws F3', F4'
 * (budget-optimal vs fixed-depth probing, using Algorithm-1 fits of the same probes) and states table T1'.
 */
final class PhaseDiagramRegimesClaim {
    static final String ID = "risk.phase-diagram-regimes";
    static final double[] TAU2 = {0.05, 0.3, 3};
    static final double[] RHO = {0.55, 0.75, 1.25, 1.75};
    static final String[][] PRINTED_LABELS = {{"DC", "DC", "DC", "SS"}, {"DC", "DC", "SS", "SS"}, {"ND", "ND", "ND", "ND"}};
    static final String[] PRINTED_CSTAR = {"43088", "13345", "1141", "336"};
    static final double T0 = 10, GAMMA_LAMBDA = 1e-6;
    static final int PREFIXES = 1000, BRANCHES = 11;
    static final int[] FIXED = {0, 10, 100, 1000};
    static final String F3 = "F3' phase diagram on the (alpha, L_int) plane: true and estimated regimes (analogue of Fig. 3)";
    static final String F4 = "F4' mean objective J over the 12 tasks: budget-optimal vs fixed-depth probing";
    static final String F4_GAIN = "F4' gain over fixed depth c = 100 per task, by true regime";

    private PhaseDiagramRegimesClaim() {}

    static Claim build(RiskTheoryModel model) {
        return Claim.builder(ID)
                .title("P12 — Phase diagram: Static-Sufficient, Dynamic-Critical and Noise-Dominant regimes (M3 grid)")
                .statement("On M3 tasks normalised to V_opt(0) = 1, the rule 'Noise-Dominant if L_int >= kappa L(0); else Static-Sufficient if "
                        + "V_opt(c_s) <= eps L(c_s); else Dynamic-Critical' gives the reconstruction's label table, Dynamic-Critical tasks have the largest c*, and the "
                        + "labels estimated from fork probes agree wherever the decision statistic is more than 3 SE from its threshold.")
                .asciidoc(asciidoc(model))
                .provenance("paper [PS] §7 regimes and examples; the operational rule and its thresholds are the reconstruction [R] (the paper's thresholds are unknown)")
                .tolerance("exact label and c* tables (printed digits); 5 SE for the fork-estimated decision statistics; estimated labels compared only "
                        + "where the decision statistic is > 3 SE from its threshold")
                .cites("risk-p12")
                .uses("cstar-check", "m3-reference-check")
                .reads("regime rule", "M3 V_opt(c)", "L_int", "c*")
                .space(ParameterSpace.of())
                .tries(1, 2, 4)
                .check((p, ctx) -> check(model, ctx))
                .build();
    }

    /** The claim text with table T1' computed from the model. */
    static String asciidoc(RiskTheoryModel model) {
        Regime.Rule rule = Regime.Rule.defaults();
        StringBuilder t = new StringBuilder();
        t.append(".T1′ regime table (computed from the theory under test; rule c~s~ = 200, ε = 0.1, κ = 0.5; M3 with t~0~ = 10, V~opt~(0) = 1)\n");
        t.append("[cols=\"2,1,1,1,1\",options=\"header\"]\n|===\n|τ² = L~int~");
        for (double rho : RHO) t.append(" |α = ").append(fmt(model.m3().alpha(M3Task.normalised(rho, T0, 0))));
        t.append('\n');
        for (double tau2 : TAU2) {
            t.append('|').append(fmt(tau2));
            for (double rho : RHO) t.append(" |").append(model.regimes().of(rule, M3Task.normalised(rho, T0, tau2)).label());
            t.append('\n');
        }
        t.append("|c* (γλ = 10^−6^)");
        for (double rho : RHO) {
            M3Task task = M3Task.normalised(rho, T0, 0);
            t.append(" |").append(Math.round(model.budget().cStar(model.m3().alpha(task), model.m3().k(task), GAMMA_LAMBDA)));
        }
        t.append("\n|===\n\n");
        t.append("""
                [cols="1,2,2",options="header"]
                |===
                |regime |paper's description [PS] |paper's example tasks [PS]
                |SS Static-Sufficient ("bias-dominant") |high α or a dominant static part; probing adds almost nothing |SST-2, GLUE classification
                |DC Dynamic-Critical ("variance-dominant") |low intrinsic blur but small α; information arrives slowly, probe deep (large c*) |GSM8K, code generation, grokking
                |ND Noise-Dominant ("intrinsic-limited") |high L~int~; total risk stays high whatever the probing |high label noise, severe domain shift
                |===

                """);
        return """
                *Paper [PS] (§7):* a predictability phase diagram on the (L~int~, α) plane with three regimes; Fig. 3 separates them empirically.

                *Reconstruction [R] (the regime rule on the theory page):* Noise-Dominant if L~int~ ≥ κL(0); else Static-Sufficient if V~opt~(c~s~) ≤ εL(c~s~);
                else Dynamic-Critical (c~s~ = 200, ε = 0.1, κ = 0.5: the reconstruction's thresholds). Grid: M3 with t~0~ = 10, T = ∞, q scaled so that
                V~opt~(0) = 1, τ² ∈ {0.05, 0.3, 3}, ρ ∈ {0.55, 0.75, 1.25, 1.75} (α ∈ {0.1, 0.5, 1.5, 2.5}). Estimated labels use fork probes
                (M = 1000, B = 11) at c = 0, c~s~, the 8 calibration depths 3 … 316, and L̂~int~ from re-evaluating the final state (fork at the end).
                Independent: the printed label and c* tables, and the fork-estimated decision statistics L(0), L(c~s~), L~int~ of every cell against
                the theory's (5 SE). Internal consistency: the labels the theory's rule gives on the estimates against its labels on its own statistics.

                """ + t + """
                *F3′* plots true and estimated points with the boundaries L~int~ = κ/(1−κ)·V~opt~(0) and L~int~ = (1−ε)/ε·V~opt~(c~s~).
                *F4′* (a guess at the paper's Fig. 4) compares the objective J(c) = L(c) + γλc (γλ = 10^−6^) of probing to the depth c* from each task's
                Algorithm-1 fit (the deepest calibration depth when α is not identifiable) with fixed depths c ∈ {0, 10, 100, 1000}: the fitted c* should have
                the lowest mean J, with the largest gains on Dynamic-Critical (small-α) tasks.
                """;
    }

    private record Cell(double tau2, double rho, M3Task task, Regime truth, Regime estimated, boolean decisive, double alphaHat,
                        double lIntHat, double cHat, String note, Probes probes) {}

    /** The fork probes of one grid cell: a deterministic simulation, memoised by its inputs (never by a prediction). */
    private record Probes(ForkEstimator.Estimate at0, ForkEstimator.Estimate atShallow, ForkEstimator.Estimate atEnd, ForkEstimator.Estimate[] profile) {}

    private record ProbesKey(double tau2, double rho, long seed) {}

    static Evidence check(RiskTheoryModel model, CheckContext ctx) {
        Regime.Rule rule = Regime.Rule.defaults();
        Evidence e = new Evidence();
        int tableMismatch = 0;
        StringBuilder wrong = new StringBuilder();
        for (int i = 0; i < TAU2.length; i++) {
            for (int k = 0; k < RHO.length; k++) {
                Regime r = model.regimes().of(rule, M3Task.normalised(RHO[k], T0, TAU2[i]));
                if (!r.label().equals(PRINTED_LABELS[i][k])) {
                    tableMismatch++;
                    wrong.append(" (tau2 " + fmt(TAU2[i]) + ", rho " + fmt(RHO[k]) + ": " + r.label() + ", printed " + PRINTED_LABELS[i][k] + ")");
                }
            }
        }
        e.compare(Tolerance.derived(0.5, "a count of cells").compare("grid cells whose regime (the theory's rule on its L_int, V(c_s), L(0)) differs "
                + "from the reconstruction's printed table" + wrong, 0, tableMismatch));
        for (int k = 0; k < RHO.length; k++) {
            M3Task task = M3Task.normalised(RHO[k], T0, 0);
            e.compare(Tolerance.printed(PRINTED_CSTAR[k]).compare("envelope c* (gamma lambda = 1e-6), rho = " + fmt(RHO[k]), Double.parseDouble(PRINTED_CSTAR[k]),
                    model.budget().cStar(model.m3().alpha(task), model.m3().k(task), GAMMA_LAMBDA)));
        }

        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < TAU2.length; i++) {
            for (int k = 0; k < RHO.length; k++) cells.add(estimate(model, rule, TAU2[i], RHO[k], ctx.subSeed(100 + 10 * i + k)));
        }
        int decisive = 0, disagree = 0;
        StringBuilder table = new StringBuilder();
        for (Cell c : cells) {
            if (c.decisive()) {
                decisive++;
                if (c.estimated() != c.truth()) disagree++;
            }
            table.append("tau2 " + fmt(c.tau2()) + " rho " + fmt(c.rho()) + ": true " + c.truth().label() + ", estimated " + c.estimated().label()
                    + (c.decisive() ? "" : " (within 3 SE, not compared)") + ", alpha-hat " + (Double.isNaN(c.alphaHat()) ? "not identifiable" : fmt(c.alphaHat())) + "; ");
        }
        e.compare(Tolerance.derived(0.5, "a count of cells").compare("estimated labels (the theory's rule on fork estimates) that differ from the "
                + "theory's labels, over the " + decisive + " cells > 3 SE from their thresholds", 0, disagree).consistency());
        statistics(model, rule, cells, e);
        e.diagnostic("labels", table.toString().trim());
        e.diagnostic("fork probes", "M = " + PREFIXES + " prefixes x B = " + BRANCHES + " at c = 0, c_s, 8 calibration depths and the end; "
                + "relative SE of each estimate about sqrt(2/(M(B-1))) = " + Num.percent(Math.sqrt(2.0 / (PREFIXES * (BRANCHES - 1.0)))));
        budget(model, cells, e);
        figure3(model, rule, cells, e);
        return e;
    }

    private static Cell estimate(RiskTheoryModel model, Regime.Rule rule, double tau2, double rho, long seed) {
        M3Task task = M3Task.normalised(rho, T0, tau2);
        int cs = (int) rule.shallowDepth();
        Probes pr = RunMemo.get(new ProbesKey(tau2, rho, seed), () -> {
            M3Simulator sim = new M3Simulator(task, CalibrationAlgorithm1Claim.DEPTHS[CalibrationAlgorithm1Claim.DEPTHS.length - 1] + 1);
            return new Probes(ForkEstimator.run(sim.forkAt(0), PREFIXES, BRANCHES, Seeds.mix(seed, 1)),
                    ForkEstimator.run(sim.forkAt(cs), PREFIXES, BRANCHES, Seeds.mix(seed, 2)),
                    ForkEstimator.run(sim.forkAt(M3Simulator.END), PREFIXES, BRANCHES, Seeds.mix(seed, 3)),
                    sim.profile(CalibrationAlgorithm1Claim.DEPTHS, PREFIXES, BRANCHES, Seeds.mix(seed, 4)));
        });
        ForkEstimator.Estimate at0 = pr.at0(), atS = pr.atShallow(), atEnd = pr.atEnd();
        ForkEstimator.Estimate[] probes = pr.profile();
        double lInt = atEnd.value(), l0 = at0.value(), lS = atS.value(), vS = lS - lInt;
        double[] c = new double[probes.length], u = new double[probes.length], se = new double[probes.length];
        for (int j = 0; j < probes.length; j++) {
            c[j] = CalibrationAlgorithm1Claim.DEPTHS[j];
            u[j] = probes[j].value();
            se[j] = probes[j].se();
        }
        Calibration.Fit fit = Calibration.calibrate(c, u, se, lInt, T0 - 0.5);
        Regime estimated = model.regimes().regime(rule, lInt, l0, vS, lS, fit.alpha());
        Regime truth = model.regimes().of(rule, task);
        // the theory's decision statistics and the SE of their estimates (independent fork sets)
        double v0 = model.m3().vOpt(task, 0), vs = model.m3().vOpt(task, cs);
        double nd = tau2 - rule.kappa() * (tau2 + v0), ndSe = Math.hypot(atEnd.se(), rule.kappa() * at0.se());
        double ss = vs - rule.eps() * (tau2 + vs), ssSe = Math.hypot((1 - rule.eps()) * atS.se(), atEnd.se());
        boolean decisive = Math.abs(nd) > 3 * ndSe && (truth == Regime.NOISE_DOMINANT || Math.abs(ss) > 3 * ssSe);
        double cHat = fit.identifiable()
                ? Math.max(0, Math.round(fit.budgetOptimalDepth(model, GAMMA_LAMBDA) - (T0 - 0.5)))
                : CalibrationAlgorithm1Claim.DEPTHS[CalibrationAlgorithm1Claim.DEPTHS.length - 1];
        return new Cell(tau2, rho, task, truth, estimated, decisive, fit.alpha(), lInt, cHat, fit.toString(), pr);
    }

    /**
     * The independent part: the decision statistics the rule reads, L(0), L(c_s) and L_int, estimated by forks of the actual
     * recursion in every cell, against the theory's tau^2 + V_opt(0), tau^2 + V_opt(c_s) and tau^2 (worst |z| over the 12 cells each).
     */
    private static void statistics(RiskTheoryModel model, Regime.Rule rule, List<Cell> cells, Evidence e) {
        String[] names = {"L(0)", "L(c_s)", "L_int"};
        for (int s = 0; s < names.length; s++) {
            double worstZ = -1, pred = 0;
            ForkEstimator.Estimate worst = null;
            String where = "";
            for (Cell c : cells) {
                ForkEstimator.Estimate est = s == 0 ? c.probes().at0() : s == 1 ? c.probes().atShallow() : c.probes().atEnd();
                double p = s == 2 ? c.tau2() : model.m3().risk(c.task(), s == 0 ? 0 : rule.shallowDepth());
                double z = Math.abs(est.value() - p) / est.se();
                if (z > worstZ) { worstZ = z; pred = p; worst = est; where = "tau2 " + fmt(c.tau2()) + ", rho " + fmt(c.rho()); }
            }
            e.compare(MonteCarloEvidence.mean("decision statistic " + names[s] + ": fork estimate vs the theory (largest |z| of 12 cells, at " + where + ")",
                    pred, worst.value(), worst.se(), worst.prefixes(), "prefixes (B = " + BRANCHES + " forks each)", 64));
        }
    }

    /** F4': J(c) = L_int + V(c) + gamma lambda c with the schedule's exact V (ground truth), per strategy. */
    private static void budget(RiskTheoryModel model, List<Cell> cells, Evidence e) {
        double alg = 0, oracle = 0;
        double[] fixed = new double[FIXED.length];
        Map<Regime, List<double[]>> gains = new EnumMap<>(Regime.class);
        for (Cell c : cells) {
            double jAlg = objective(c.task(), c.cHat());
            alg += jAlg / cells.size();
            long best = BudgetOptimalDepthClaim.argmin(c.task(), GAMMA_LAMBDA, c.tau2(), 0);
            oracle += objective(c.task(), best) / cells.size();
            for (int f = 0; f < FIXED.length; f++) fixed[f] += objective(c.task(), FIXED[f]) / cells.size();
            gains.computeIfAbsent(c.truth(), r -> new ArrayList<>()).add(new double[] {Math.max(1, best), objective(c.task(), 100) - jAlg});
        }
        double bestFixed = Double.POSITIVE_INFINITY;
        int bestAt = 0;
        for (int f = 0; f < FIXED.length; f++) if (fixed[f] < bestFixed) { bestFixed = fixed[f]; bestAt = FIXED[f]; }
        e.compare(Comparison.atLeast("F4' mean J: best fixed depth (c = " + bestAt + ") minus Algorithm-1 c* (must be >= 0)", bestFixed - alg, 0,
                Math.max(1e-3, bestFixed - oracle), "Thm. 6.1: the per-task optimum beats any common depth; the fitted c* loses only second order in its "
                        + "estimation error, while the best fixed depth loses " + fmt(bestFixed - oracle) + " on average (F4')"));
        e.diagnostic("F4' mean J: Algorithm-1 c*, oracle argmin, fixed 0/10/100/1000", Num.sig(alg, 5) + ", " + Num.sig(oracle, 5) + ", "
                + Num.sig(fixed[0], 5) + "/" + Num.sig(fixed[1], 5) + "/" + Num.sig(fixed[2], 5) + "/" + Num.sig(fixed[3], 5));
        double[] x = new double[50], y = new double[50];
        for (int k = 0; k < 50; k++) {
            x[k] = Math.pow(10, 5.0 * k / 49);
            for (Cell c : cells) y[k] += objective(c.task(), x[k]) / cells.size();
        }
        e.series(Series.theory(F4, "fixed depth c for every task (theory)", "probe depth c", "mean J over tasks", x, y).withLogAxes(true, false));
        e.series(Series.theory(F4, "per-task c* from Algorithm-1 fits", "probe depth c", "mean J over tasks", new double[] {1, 1e5}, new double[] {alg, alg})
                .withLogAxes(true, false));
        e.series(Series.theory(F4, "per-task true optimum (oracle)", "probe depth c", "mean J over tasks", new double[] {1, 1e5}, new double[] {oracle, oracle})
                .withLogAxes(true, false));
        e.series(Series.simulation(F4, "fixed c = 10, 100, 1000", "probe depth c", "mean J over tasks", new double[] {10, 100, 1000},
                new double[] {fixed[1], fixed[2], fixed[3]}, null).withLogAxes(true, false));
        for (Map.Entry<Regime, List<double[]>> g : gains.entrySet()) {
            e.series(Series.simulation(F4_GAIN, g.getKey().title(), "true optimal depth c_opt", "J(100) - J(c-hat*)",
                    CalibrationAlgorithm1Claim.col(g.getValue(), 0), CalibrationAlgorithm1Claim.col(g.getValue(), 1), null).withLogAxes(true, false));
        }
    }

    static double objective(M3Task t, double c) {
        return t.tau2 + t.remainingNoise(c) + GAMMA_LAMBDA * c;
    }

    private static void figure3(RiskTheoryModel model, Regime.Rule rule, List<Cell> cells, Evidence e) {
        for (Regime r : Regime.values()) {
            List<double[]> truth = new ArrayList<>(), est = new ArrayList<>();
            for (Cell c : cells) {
                if (c.truth() == r) truth.add(new double[] {model.m3().alpha(c.task()), c.tau2()});
                if (c.estimated() == r && c.alphaHat() > 0 && c.lIntHat() > 0) est.add(new double[] {c.alphaHat(), c.lIntHat()});
            }
            if (!truth.isEmpty()) e.series(Series.simulation(F3, "true " + r.label(), "alpha", "L_int", CalibrationAlgorithm1Claim.col(truth, 0),
                    CalibrationAlgorithm1Claim.col(truth, 1), null).withLogAxes(true, true));
            if (!est.isEmpty()) e.series(Series.simulation(F3, "estimated " + r.label(), "alpha", "L_int", CalibrationAlgorithm1Claim.col(est, 0),
                    CalibrationAlgorithm1Claim.col(est, 1), null).withLogAxes(true, true));
        }
        double[] ax = new double[40], nd = new double[40], ss = new double[40];
        for (int k = 0; k < 40; k++) {
            double rho = 0.54 + (1.8 - 0.54) * k / 39.0;
            M3Task t = M3Task.normalised(rho, T0, 0);
            ax[k] = model.m3().alpha(t);
            nd[k] = rule.kappa() / (1 - rule.kappa()) * model.m3().vOpt(t, 0);
            ss[k] = (1 - rule.eps()) / rule.eps() * model.m3().vOpt(t, rule.shallowDepth());
        }
        e.series(Series.theory(F3, "ND above: L_int = κ/(1−κ) V(0)", "alpha", "L_int", ax, nd).withLogAxes(true, true));
        e.series(Series.theory(F3, "SS above, DC below: L_int = (1−ε)/ε V(c_s)", "alpha", "L_int", ax, ss).withLogAxes(true, true));
    }

    private static String fmt(double v) {
        return Num.sig(v, 3);
    }
}
