package org.ftverify.theory.spectral;

import org.ftverify.core.CheckContext;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Num;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Params;
import org.ftverify.core.Series;
import org.ftverify.evidence.RunMemo;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;
import org.ftverify.evidence.Tolerance;
import org.ftverify.numeric.TruncatedSvd;
import org.ftverify.simd.GaussianSampler;

/**
 * P2: under a random perturbation with iid N(0, eps^2) entries, the mean instability 1 - <u_i, u~_i>^2 of each leading
 * singular vector is eps^2 sum_{j != i} (s_i^2 + s_j^2)/(s_i^2 - s_j^2)^2 to first order (plus (p - m)/s_i^2 for v): it
 * grows with the index through the outliers, so the leading vectors are the stable ones.
 */
final class FirstOrderClaim {
    static final String ID = "spectral.first-order-instability";
    /** perturbation draws averaged */
    static final org.ftverify.core.LevelSize REPS = org.ftverify.core.LevelSize.seeds("reps", 800, 3200, 12800);
    static final double[] OUTLIERS = {10, 8, 6, 4};

    /**
     * Second-order term: (mean - first order)/(first order)^2 measured with 3200 perturbations at the largest instability
     * (level -2), m = 30, 80, p = m, 2m, two seeds: the well-resolved columns (index 3, 4) give -0.89 ± 0.19 to 0.90 ± 0.56,
     * the rest are consistent with them. C = 1.5 covers the largest by about 3 SE. (It was 3, twice that.)
     */
    static final double SECOND_ORDER = 1.5;

    private FirstOrderClaim() {}

    static Claim build(SpectralModel model) {
        return Claim.builder(ID)
                .title("P2 — Leading vectors are the stable ones: first-order instability")
                .statement("For Delta with iid N(0, eps^2) entries, m <= p and distinct singular values: E[1 - <u_i, u~_i>^2] = eps^2 "
                        + "sum_{j != i} (s_i^2 + s_j^2)/(s_i^2 - s_j^2)^2 + O(eps^4) and E[1 - <v_i, v~_i>^2] adds eps^2 (p - m)/s_i^2; the "
                        + "instability increases with i through the outliers.")
                .asciidoc("symja:[cu == Sum((s(i)^2 + s(j)^2)/(s(i)^2 - s(j)^2)^2, {j, 1, m})] (j ≠ i).")
                .provenance("[reconstructed] derived from the first-order SVD perturbation expansion and checked numerically by the theory "
                        + "notes' author; the mechanism offered for the paper's stability claim [paper]")
                .tolerance("5 Monte Carlo SEs of the mean over R perturbations plus the O(eps^4) second-order term C·pred^2, "
                        + "C = 1.5 from the measured second-order coefficient (at most 0.9 in magnitude)")
                .cites("spectral-p2")
                .uses("first-order-2x2")
                .reads("first-order")
                .space(ParameterSpace.of(
                        Parameter.integer("m", 30, 80, 40, false, "rows of W0 (4 outliers 10, 8, 6, 4 above a bulk linspace(1, 0.2))"),
                        Parameter.real("aspect", 1, 2, 1.5, "p / m"),
                        Parameter.real("level", -3.5, -2, -3, "log10 of the largest predicted instability (sets eps)")))
                .tries(3, 8, 20)
                .levels(REPS)
                .check((p, ctx) -> check(model, p, ctx))
                .build();
    }

    static double[] spectrum(int m) {
        double[] s = new double[m];
        System.arraycopy(OUTLIERS, 0, s, 0, 4);
        for (int i = 4; i < m; i++) s[i] = 1 - 0.8 * (i - 4) / Math.max(1, m - 5);
        return s;
    }

    record Key(long seed, int m, int p, double eps, int reps) {}

    /** Per perturbation: 1 - <u_i, u~_i>^2 (i = 1..4) then 1 - <v_i, v~_i>^2. */
    static double[][] simulate(long seed, int m, int p, double eps, int reps) {
        return RunMemo.get(new Key(seed, m, p, eps, reps), () -> {
            Pretrained w = Pretrained.of(spectrum(m), p, GaussianSampler.stream(seed, 0));
            double[][] base = Matrices.rows(w.matrix);
            double[][] u = w.uRows(), v = w.vRows();
            double[][] out = new double[reps][];
            SeedParallel.chunks(reps, (from, to) -> {
                double[][] x = new double[m][p];
                for (int r = from; r < to; r++) {
                    GaussianSampler g = GaussianSampler.stream(seed, 1 + r);
                    for (int i = 0; i < m; i++) {
                        g.fill(x[i], p);
                        for (int j = 0; j < p; j++) x[i][j] = base[i][j] + eps * x[i][j];
                    }
                    TruncatedSvd.Result s = TruncatedSvd.compute(x, 4, seed + r, 1e-12);
                    double[] o = new double[8];
                    for (int i = 0; i < 4; i++) {
                        double cu = StabilityMetrics.perIndexOverlap(u[i], s.u()[i]), cv = StabilityMetrics.perIndexOverlap(v[i], s.v()[i]);
                        o[i] = (1 - cu) * (1 + cu);
                        o[4 + i] = (1 - cv) * (1 + cv);
                    }
                    out[r] = o;
                }
            });
            return out;
        });
    }

    static Evidence check(SpectralModel model, Params params, CheckContext ctx) {
        int m = params.integer("m"), p = (int) Math.round(params.real("aspect") * m);
        double[] sigma = spectrum(m);
        double worstCoefficient = 0;
        for (int i = 0; i < 4; i++) worstCoefficient = Math.max(worstCoefficient, SpectralModel.exact().firstOrderV(sigma, i, p));
        double eps = Math.sqrt(Math.pow(10, params.real("level")) / worstCoefficient); // from the exact model: the data never depends on the prediction
        int reps = REPS.at(ctx.level());
        double[][] runs = simulate(ctx.seed(), m, p, eps, reps);
        Evidence e = new Evidence();
        double[] idx = {1, 2, 3, 4}, predU = new double[4], obsU = new double[4], seU = new double[4];
        double prevObs = 0;
        for (int side = 0; side < 2; side++) {
            for (int i = 0; i < 4; i++) {
                double[] col = SampleStats.column(runs, 4 * side + i);
                double pred = eps * eps * (side == 0 ? model.firstOrderU(sigma, i) : model.firstOrderV(sigma, i, p));
                double mean = SampleStats.mean(col), se = SampleStats.se(col);
                Tolerance tol = Tolerance.clt(5, se, reps, "perturbations").plus(Tolerance.derived(SECOND_ORDER * pred * pred,
                        "second-order O(eps^4) term C·(first-order value)^2, C = " + Num.fmt(SECOND_ORDER) + " from the measured coefficient"));
                String name = side == 0 ? "u" : "v";
                e.compare(tol.compare("E[1 - <" + name + "_" + (i + 1) + ", " + name + "~_" + (i + 1) + ">^2] vs first order", pred, mean));
                if (i > 0)
                    e.compare(Tolerance.clt(4, Math.hypot(se, SampleStats.se(SampleStats.column(runs, 4 * side + i - 1))), reps, "perturbations")
                            .atLeast(name + "-instability increases with the index: " + (i + 1) + " minus " + i, mean - prevObs, 0));
                prevObs = mean;
                if (side == 0) {
                    predU[i] = pred;
                    obsU[i] = mean;
                    seU[i] = se;
                }
            }
        }
        e.diagnostic("eps", Num.sig(eps, 4));
        e.diagnostic("bulk coefficient for u_5 (times eps^2; the bulk is unstable)", Num.sig(eps * eps * model.firstOrderU(sigma, 4), 3));
        String plot = "Per-index instability E[1 - <u_i, u~_i>^2] (m = " + m + ", p = " + p + ")";
        e.series(Series.theory(plot, "first order", "index i", "1 - cos^2", idx, predU).withLogAxes(false, true));
        e.series(Series.simulation(plot, "simulation (" + reps + " perturbations)", "index i", "1 - cos^2", idx, obsU, seU).withLogAxes(false, true));
        return e;
    }
}
