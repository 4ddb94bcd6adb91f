package org.ftverify.theory.risk;

import java.util.SplittableRandom;
import org.ftverify.core.CheckContext;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.Num;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Params;
import org.ftverify.core.Series;
import org.ftverify.evidence.Budget;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;
import org.ftverify.evidence.Tolerance;
import org.ftverify.simd.GaussianSampler;

/**
 * P3 — Bayes optimality, monotonicity and orthogonal increments, in M1 (constant LR) and M4 (latent):
 * (a) L(c) is non-increasing; (b) no alternative predictor beats L(c); (c) the martingale increments of M_t are
 * uncorrelated; (d) their variances add up to E(M_T - M_c)^2 = L(c) - L(T).
 */
final class BayesOptimalityOrthogonalIncrementsClaim {
    static final String ID = "risk.bayes-optimality-orthogonal-increments";
    private static final int BLOCKS = 8;
    static final int[] M4_DEPTHS = {0, 4, 16, 64, 256};

    private BayesOptimalityOrthogonalIncrementsClaim() {}

    static Claim build(RiskTheoryModel model) {
        ParameterSpace space = ParameterSpace.of(M1Params.dimension(4, 32, 8), M1Params.horizon(50, 300, 100),
                M1Params.etaFraction(0.05, 0.5, 0.25), M1Params.noise(), M1Params.psiMax(0.1, 0), M1Params.tau2(0.05, 0),
                Parameter.integer("m4Dim", 1, 8, 1, false, "dimension of the M4 latent (H, Sigma diagonal in [0.2, 3], g ~ N(0, I))"),
                Parameter.real("v0", 0.1, 10, 4, "M4 prior variance of the latent"));
        return Claim.builder(ID)
                .title("P3 — Bayes optimality, monotone L(c) and orthogonal martingale increments (M1, M4)")
                .statement("L(c) is non-increasing, no predictor of R from the probe beats the Bayes predictor M_c = E[R|I_c], and the increments "
                        + "of the Doob martingale M_t are uncorrelated with variances summing to E(M_T - M_c)^2 = L(c) - L(T).")
                .asciidoc("""
                        *Reconstruction [R] (standard identities, see the theory page), checked in M1 and M4 [R ✓num]:*
                        E[(R − f(I~c~))²] = L(c) + E[(f − M~c~)²] ≥ L(c) for any predictor f; V~opt~(c) = Σ~t≥c~ E[(M~t+1~ − M~t~)²] with
                        uncorrelated increments, so V~opt~ is non-increasing.

                        M1: increments over 8 equal blocks of [0, T]; alternative predictors at c = 3T/4: the current loss ½δ~c~'Hδ~c~,
                        the last-iterate extrapolation ½μ~c~'Hμ~c~ (no future noise), and OLS on prefix features (1, loss at c, loss at c/2, |δ~c~|²)
                        fitted on half the runs and scored on the other half.
                        M4: Kalman means at c ∈ {0, 4, 16, 64, 256}; the alternative is the unbiased OLS estimate of θ*.
                        (The reconstruction's reference numbers 0.0919 vs 0.0465 and 0.04536 vs 0.04544 come from configurations it does not fully
                        state; they are not reproduced.) Independent: Bayes MSE and the alternative predictors' MSE of simulated R, the monotone
                        Bayes MSE and uncorrelated increments on simulated runs. Internal consistency: exact monotonicity of the closed form, and
                        the sum of increment variances of the theory's M~t~ against its own L(c) − L(T).
                        """)
                .provenance("reconstruction [R] (standard Bayes/martingale identities), checked in M1 and M4 [R ✓num]; the paper's Prop. 4.1 [PS] rests on them")
                .tolerance("5 Monte Carlo SE (one-sided for the inequalities); exact monotonicity of L(c) to round-off")
                .cites("risk-p3")
                .uses("ltv-bayes", "ltv-order", "ltv-total-variance", "kalman-check")
                .reads("M1 L(c)", "M1 E[R|I_c]", "M4 L(c)", "M4 Kalman posterior")
                .space(space)
                .tries(2, 6, 12)
                .check((p, ctx) -> check(model, p, ctx))
                .build();
    }

    static Evidence check(RiskTheoryModel model, Params p, CheckContext ctx) {
        Evidence e = new Evidence();
        m1(model, M1Params.task(p, ctx.subSeed(0)), ctx, e);
        m4(model, m4Task(p, ctx.subSeed(1)), ctx, e);
        return e;
    }

    static M4Task m4Task(Params p, long seed) {
        int d = p.integer("m4Dim");
        SplittableRandom rng = new SplittableRandom(seed);
        double[] h = new double[d], s2 = new double[d], g = new double[d];
        GaussianSampler gs = new GaussianSampler(seed);
        for (int i = 0; i < d; i++) {
            h[i] = 0.2 + 2.8 * rng.nextDouble();
            s2[i] = 0.2 + 2.8 * rng.nextDouble();
            g[i] = gs.next();
        }
        return new M4Task(h, s2, g, p.real("v0"), 0.01, 0.5 / Checks.max(h));
    }

    private static void m1(RiskTheoryModel model, M1Task task, CheckContext ctx, Evidence e) {
        int T = task.horizon, d = task.dimension();
        int[] depths = new int[BLOCKS + 1];
        for (int j = 0; j <= BLOCKS; j++) depths[j] = (int) Math.round((double) j * T / BLOCKS);
        int alt = 6, half = 3;
        M1Posterior[] post = new M1Posterior[depths.length];
        for (int j = 0; j < depths.length; j++) post[j] = model.m1().posterior(task, depths[j]);
        int n = Budget.units(ctx.level(), 200_000, (double) T * d, 2000) & ~1;
        double[][] mt = new double[depths.length][n], feat = new double[4][n];
        double[] r = new double[n];
        M1Simulator sim = new M1Simulator(task);
        sim.sweep(n, ctx.subSeed(2), depths, (i, j, delta) -> {
            mt[j][i] = post[j].mean(delta);
            if (j == half) feat[1][i] = sim.loss(delta);
            if (j == alt) {
                feat[0][i] = sim.loss(delta);
                double norm = 0;
                for (double v : delta) norm += v * v;
                feat[2][i] = norm;
                feat[3][i] = post[j].mean(delta) - post[j].meanConst();
            }
        }, (i, delta, z, g) -> r[i] = sim.outcome(delta, z, g));
        String unit = "runs";
        int ops = 64 * d;
        e.compare(exactMonotone("M1", model, task));
        e.compare(worstMonotoneStep("M1", depths, mt, r));
        int c = depths[alt];
        double lc = model.m1().risk(task, c);
        e.compare(MonteCarloEvidence.mean("(b) M1 Bayes MSE vs L(c), c = " + c, lc, squaredErrors(r, mt[alt], 0, 1), unit, ops));
        double[] current = squaredErrors(r, feat[0], 0, 1), extrapolated = squaredErrors(r, feat[3], 0, 1);
        e.compare(MonteCarloEvidence.atLeast("(b) M1 MSE of the current loss 1/2 delta_c'H delta_c >= L(c)", SampleStats.mean(current), lc, SampleStats.se(current), n, unit));
        e.compare(MonteCarloEvidence.atLeast("(b) M1 MSE of last-iterate extrapolation 1/2 mu_c'H mu_c >= L(c)", SampleStats.mean(extrapolated), lc, SampleStats.se(extrapolated), n, unit));
        double[] ols = olsHoldOut(feat, r);
        e.compare(MonteCarloEvidence.atLeast("(b) M1 MSE of OLS on prefix features (held-out half) >= L(c)", SampleStats.mean(ols), lc, SampleStats.se(ols), ols.length, "held-out runs"));
        e.compare(worstIncrementCovariance("M1", mt));
        e.compare(incrementSum("M1", mt, 0, model.m1().risk(task, 0) - model.m1().risk(task, T), depths));
        e.compare(incrementSum("M1", mt, BLOCKS / 2, model.m1().risk(task, depths[BLOCKS / 2]) - model.m1().risk(task, T), depths));
        e.diagnostic("M1 runs N", n + " (full level 2e5)");
        e.diagnostic("M1 relative SE of the Bayes MSE", Num.percent(SampleStats.se(squaredErrors(r, mt[alt], 0, 1)) / lc));

        double[] x = new double[depths.length], y = new double[depths.length], s = new double[depths.length], th = new double[depths.length];
        for (int j = 0; j < depths.length; j++) {
            double[] sq = squaredErrors(r, mt[j], 0, 1);
            x[j] = depths[j];
            y[j] = SampleStats.mean(sq);
            s[j] = SampleStats.se(sq);
            th[j] = model.m1().risk(task, depths[j]);
        }
        String plot = "P3 Bayes risk and alternative predictors (M1, this try)";
        e.series(Series.theory(plot, "L(c) theory", "probe depth c", "mean squared error", x, th));
        e.series(Series.simulation(plot, "Bayes predictor M_c (±1 SE)", "probe depth c", "mean squared error", x, y, s));
        e.series(Series.simulation(plot, "current loss at c = 3T/4", "probe depth c", "mean squared error", new double[] {c},
                new double[] {SampleStats.mean(current)}, new double[] {SampleStats.se(current)}));
        e.series(Series.simulation(plot, "OLS on prefix features at c = 3T/4", "probe depth c", "mean squared error", new double[] {c},
                new double[] {SampleStats.mean(ols)}, new double[] {SampleStats.se(ols)}));
    }

    private static void m4(RiskTheoryModel model, M4Task task, CheckContext ctx, Evidence e) {
        int[] depths = M4_DEPTHS;
        int n = Budget.units(ctx.level(), 200_000, 1.5 * depths[depths.length - 1] * task.dimension(), 2000);
        double[][] mt = new double[depths.length][n], ols = new double[depths.length][n];
        double[] r = new double[n];
        M4Simulator sim = new M4Simulator(task);
        long seed = ctx.subSeed(3);
        SeedParallel.chunks(n, (from, to) -> {
            double[][] s = sim.scratch();
            double[] b = new double[depths.length], o = new double[depths.length];
            for (int i = from; i < to; i++) {
                r[i] = sim.run(depths, b, o, s, GaussianSampler.stream(seed, i));
                for (int j = 0; j < depths.length; j++) {
                    mt[j][i] = b[j];
                    ols[j][i] = o[j];
                }
            }
        });
        int alt = 3, c = depths[alt];
        double lc = model.m4().risk(task, c);
        double[] bayes = squaredErrors(r, mt[alt], 0, 1), unbiased = squaredErrors(r, ols[alt], 0, 1);
        e.compare(exactMonotoneM4(model, task));
        e.compare(worstMonotoneStep("M4", depths, mt, r));
        e.compare(MonteCarloEvidence.mean("(b) M4 Kalman MSE vs L(c), c = " + c, lc, bayes, "runs", 64));
        e.compare(MonteCarloEvidence.atLeast("(b) M4 MSE of the unbiased OLS estimate >= L(c)", SampleStats.mean(unbiased), lc, SampleStats.se(unbiased), n, "N runs"));
        e.compare(worstIncrementCovariance("M4", mt));
        e.compare(incrementSum("M4", mt, 0, model.m4().risk(task, 0) - model.m4().risk(task, depths[depths.length - 1]), depths));
        e.diagnostic("M4 runs N", n + " (full level 2e5)");
    }

    private static Comparison exactMonotone(String label, RiskTheoryModel model, M1Task task) {
        double worst = Double.POSITIVE_INFINITY, l0 = model.m1().risk(task, 0), prev = l0;
        for (int c = 1; c <= task.horizon; c++) {
            double l = model.m1().risk(task, c);
            worst = Math.min(worst, (prev - l) / l0);
            prev = l;
        }
        // L(c) is a sum of d positive terms, each from exp/log1p of arguments up to T |log a^2|: relative round-off <= (d + T) u
        return Tolerance.roundOff(1, 64 * (task.dimension() + task.horizon), 1)
                .atLeast("(a) " + label + " min_c [L(c) - L(c+1)]/L(0) >= 0 (every c)", worst, 0).consistency();
    }

    private static Comparison exactMonotoneM4(RiskTheoryModel model, M4Task task) {
        double worst = Double.POSITIVE_INFINITY, l0 = model.m4().risk(task, 0), prev = l0;
        for (int c = 1; c <= 2000; c++) {
            double l = model.m4().risk(task, c);
            worst = Math.min(worst, (prev - l) / l0);
            prev = l;
        }
        return Tolerance.roundOff(1, 16 * task.dimension(), 1).atLeast("(a) M4 min_c [L(c) - L(c+1)]/L(0) >= 0 (c < 2000)", worst, 0).consistency();
    }

    /** (a) in Monte Carlo: MSE(c_j) - MSE(c_j+1) >= -5 SE, paired per run; the depth pair closest to failing is reported. */
    private static Comparison worstMonotoneStep(String label, int[] depths, double[][] mt, double[] r) {
        Comparison worst = null;
        double worstZ = Double.POSITIVE_INFINITY;
        for (int j = 0; j + 1 < depths.length; j++) {
            double[] diff = new double[r.length];
            double squares = 0;
            for (int i = 0; i < r.length; i++) {
                double a = r[i] - mt[j][i], b = r[i] - mt[j + 1][i];
                diff[i] = a * a - b * b;
                squares += a * a + b * b;
            }
            double mean = SampleStats.mean(diff), se = SampleStats.se(diff), z = mean / Math.max(se, Double.MIN_NORMAL);
            if (z < worstZ) {
                worstZ = z;
                worst = MonteCarloEvidence.atLeast("(a) " + label + " MSE(" + depths[j] + ") - MSE(" + depths[j + 1] + ") >= 0 (closest of all consecutive depths)",
                        mean, 0, se, r.length, "runs (paired)",
                        // the posterior means carry the round-off of one filter step per depth (seed -8641219045590682019:
                        // MSE(38) - MSE(75) = -4.0e-19 at SE 5.9e-20 with the risk converged, MSEs 0.29)
                        16 + depths[depths.length - 1], squares / r.length);
            }
        }
        return worst;
    }

    /** (c) E[dM_j dM_k] = 0 for j != k; the pair with the largest |mean|/SE is reported. */
    private static Comparison worstIncrementCovariance(String label, double[][] mt) {
        int blocks = mt.length - 1, n = mt[0].length;
        Comparison worst = null;
        double worstZ = -1;
        for (int j = 0; j < blocks; j++) {
            for (int k = j + 1; k < blocks; k++) {
                double[] prod = new double[n];
                for (int i = 0; i < n; i++) prod[i] = (mt[j + 1][i] - mt[j][i]) * (mt[k + 1][i] - mt[k][i]);
                double mean = SampleStats.mean(prod), se = SampleStats.se(prod), z = Math.abs(mean) / Math.max(se, Double.MIN_NORMAL);
                if (z > worstZ) {
                    worstZ = z;
                    worst = MonteCarloEvidence.mean("(c) " + label + " Cov(dM_" + j + ", dM_" + k + ") = 0 (largest |z| of " + blocks * (blocks - 1) / 2
                            + " pairs)", 0, mean, se, n, "runs", 64);
                }
            }
        }
        return worst;
    }

    /** (d) sum of increment variances from block j0 to the end against E(M_T - M_c)^2 = L(c) - L(T). */
    private static Comparison incrementSum(String label, double[][] mt, int j0, double predicted, int[] depths) {
        int n = mt[0].length;
        double[] total = new double[n];
        for (int j = j0; j + 1 < mt.length; j++) {
            double[] inc = SampleStats.difference(mt[j + 1], mt[j]);
            double[] dev = SampleStats.squaredDeviations(inc);
            for (int i = 0; i < n; i++) total[i] += dev[i];
        }
        return MonteCarloEvidence.mean("(d) " + label + " sum_t var(dM_t) from c = " + depths[j0] + " vs L(c) - L(T)", predicted, total, "runs", 64)
                .consistency();
    }

    static double[] squaredErrors(double[] r, double[] f, int start, int stride) {
        int n = (r.length - start + stride - 1) / stride;
        double[] s = new double[n];
        for (int k = 0; k < n; k++) {
            int i = start + k * stride;
            double e = r[i] - f[i];
            s[k] = e * e;
        }
        return s;
    }

    /** OLS of R on (1, loss_c, loss_c/2, |delta_c|^2) fitted on even runs; squared errors on odd runs. */
    private static double[] olsHoldOut(double[][] feat, double[] r) {
        int p = 4, n = r.length;
        double[][] xtx = new double[p][p];
        double[] xty = new double[p], row = new double[p];
        for (int i = 0; i < n; i += 2) {
            features(feat, i, row);
            for (int a = 0; a < p; a++) {
                xty[a] += row[a] * r[i];
                for (int b = 0; b < p; b++) xtx[a][b] += row[a] * row[b];
            }
        }
        double[] beta = new org.hipparchus.linear.QRDecomposition(new org.hipparchus.linear.Array2DRowRealMatrix(xtx), 1e-14)
                .getSolver().solve(new org.hipparchus.linear.ArrayRealVector(xty)).toArray();
        double[] sq = new double[n / 2];
        for (int k = 0; k < sq.length; k++) {
            int i = 2 * k + 1;
            features(feat, i, row);
            double f = 0;
            for (int a = 0; a < p; a++) f += beta[a] * row[a];
            sq[k] = (r[i] - f) * (r[i] - f);
        }
        return sq;
    }

    private static void features(double[][] feat, int i, double[] row) {
        row[0] = 1;
        row[1] = feat[0][i];
        row[2] = feat[1][i];
        row[3] = feat[2][i];
    }
}
