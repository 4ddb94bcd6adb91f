package org.ftverify.theory.spectral;

import java.util.List;

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
 * P8: the covariance spike (model M6). The top eigenvector of the sample covariance of n draws from N(0, I + theta v v^T)
 * aligns with v as (1 - gamma/theta^2)/(1 + gamma/theta) above theta = sqrt(gamma), gamma = p/n; the top eigenvalue tends
 * to (1 + theta)(1 + gamma/theta); two independent samples agree as the product of their overlaps.
 */
final class BbpClaim {
    static final String ID = "spectral.bbp-covariance";
    /** repetitions at the smallest dimension of the claim's range (fewer at larger d, same total work); d is a parameter because p x n matrices and their SVD (O(p^3)) bound it: at p = 1e5 one p x p matrix is 80 GB, more than the 24 GiB CI machine */
    static final org.ftverify.core.LevelSize REPS = org.ftverify.core.LevelSize.seeds("reps", 24, 48, 96).because("p = 400/800 is a parameter; a 1e5 x 1e5 matrix (80 GB) would not fit in 24 GiB").part("spike");
    /** repetitions of the p = 400 monotonicity check */
    static final org.ftverify.core.LevelSize REPS_B = org.ftverify.core.LevelSize.seeds("reps (p = 400)", 24, 48, 96).part("p = 400");

    private BbpClaim() {}

    static Claim build(SpectralModel model) {
        return Claim.builder(ID)
                .title("P8 — Covariance spike: BBP eigenvalue, overlap and product law")
                .statement("For the sample covariance of n draws from N(0, I_p + theta v v^T), gamma = p/n, theta > sqrt(gamma): "
                        + "lambda^_1 -> (1 + theta)(1 + gamma/theta), <u^, v>^2 -> (1 - gamma/theta^2)/(1 + gamma/theta), and two independent "
                        + "samples give <u^_A, u^_B>^2 -> the product of the two overlaps.")
                .asciidoc("symja:[rho == (1 - gm/th^2)/(1 + gm/th)], symja:[lam == (1 + th)*(1 + gm/th)]")
                .provenance("classical (Baik, Ben Arous and Péché 2005; Paul 2007); [reconstructed] the product law for independent "
                        + "samples and its reading as pretraining-size dependence")
                .tolerance("k measured SEs of the mean of R realisations, k the Student-t quantile (R - 1 degrees of freedom) with the tail of 4 Gaussian SEs, "
                        + "plus an O(1/p) bias term (C = 1 + theta for the eigenvalue)")
                .cites("spectral-p8")
                .uses("bbp-threshold")
                .reads("bbp-overlap", "bbp-eigenvalue")
                .space(ParameterSpace.of(
                        Parameter.choice("p", List.of("400", "800"), "dimension"),
                        Parameter.choice("gamma", List.of("0.25", "0.5", "1"), "p / n"),
                        Parameter.real("theta", 1, 4, 2, "spike strength"))
                        .constrained("theta >= 2 sqrt(gamma) (away from the threshold, where finite-size effects are O(p^-1/3))",
                                p -> p.real("theta") >= 2 * Math.sqrt(Double.parseDouble(p.choice("gamma")))))
                .tries(3, 8, 20)
                .levels(REPS, REPS_B)
                .check((p, ctx) -> check(model, p, ctx))
                .build();
    }

    record Key(long seed, int p, int n, double theta, int reps) {}

    /** Per realisation: lambda^_1, <u^, v>^2 and u^_1 (first coordinate is the spike direction, rotation invariance). */
    static List<double[]> simulate(long seed, int p, int n, double theta, int reps) {
        return RunMemo.get(new Key(seed, p, n, theta, reps), () -> SeedParallel.map(reps, r -> {
            double[][] x = new double[n][p];
            GaussianSampler g = GaussianSampler.stream(seed, r);
            double spike = Math.sqrt(1 + theta), scale = 1 / Math.sqrt(n);
            for (double[] row : x) {
                g.fill(row, p);
                row[0] *= spike;
                for (int j = 0; j < p; j++) row[j] *= scale;
            }
            TruncatedSvd.Result s = TruncatedSvd.compute(x, 1, seed + r, 1e-9);
            double[] out = new double[2 + p];
            out[0] = s.sigma()[0] * s.sigma()[0];
            out[1] = s.v()[0][0] * s.v()[0][0];
            System.arraycopy(s.v()[0], 0, out, 2, p);
            return out;
        }));
    }

    static Evidence check(SpectralModel model, Params params, CheckContext ctx) {
        int p = Integer.parseInt(params.choice("p"));
        double gamma = Double.parseDouble(params.choice("gamma")), theta = params.real("theta");
        int n = (int) Math.round(p / gamma), reps = RmtTolerance.reps(REPS.at(ctx.level()), 400, p) / 2 * 2;
        List<double[]> runs = simulate(ctx.seed(), p, n, theta, reps);
        double[] lam = new double[reps], rho = new double[reps], cross = new double[reps / 2];
        for (int r = 0; r < reps; r++) {
            lam[r] = runs.get(r)[0];
            rho[r] = runs.get(r)[1];
        }
        for (int r = 0; r + 1 < reps; r += 2) {
            double s = 0;
            for (int j = 0; j < p; j++) s += runs.get(r)[2 + j] * runs.get(r + 1)[2 + j];
            cross[r / 2] = s * s;
        }
        double rhoPred = model.bbpOverlap(theta, gamma), lamPred = model.bbpEigenvalue(theta, gamma);
        Evidence e = new Evidence();
        e.compare(RmtTolerance.of(rho, p, RmtTolerance.biasConstant(theta * theta / gamma)).compare("<u^, v>^2 vs BBP overlap", rhoPred, SampleStats.mean(rho)));
        // the eigenvalue and its O(1/p) bias grow with the spike: C = 1 + theta
        e.compare(RmtTolerance.of(lam, p, 1 + theta)
                .compare("top eigenvalue vs (1 + theta)(1 + gamma/theta)", lamPred, SampleStats.mean(lam)));
        e.compare(RmtTolerance.of(cross, p, 2 * RmtTolerance.biasConstant(theta * theta / gamma)).compare("two independent samples <u^_A, u^_B>^2 vs product rho^2", rhoPred * rhoPred, SampleStats.mean(cross)));
        // the admissible point closest to the threshold (theta = 2 sqrt(gamma), p = 400), where a wrong threshold shows most
        double thetaB = 2 * Math.sqrt(gamma);
        int pB = 400, nB = (int) Math.round(pB / gamma), repsB = REPS_B.at(ctx.level());
        List<double[]> near = simulate(ctx.subSeed(500), pB, nB, thetaB, repsB);
        double[] rhoB = new double[repsB];
        for (int r = 0; r < repsB; r++) rhoB[r] = near.get(r)[1];
        e.compare(RmtTolerance.of(rhoB, pB, RmtTolerance.biasConstant(thetaB * thetaB / gamma))
                .compare("<u^, v>^2 near the threshold (theta = 2 sqrt(gamma), p = 400) vs BBP overlap", model.bbpOverlap(thetaB, gamma), SampleStats.mean(rhoB)));
        e.diagnostic("n", n);
        e.diagnostic("measured sd·sqrt(p): overlap, eigenvalue", Num.sig(SampleStats.sd(rho) * Math.sqrt(p), 3) + ", "
                + Num.sig(SampleStats.sd(lam) * Math.sqrt(p), 3));
        double[] gx = SampleStats.grid(1.02, 20, 0.05), gy = new double[gx.length];
        for (int i = 0; i < gx.length; i++) gy[i] = model.bbpOverlap(theta, 1 / (gx[i] * gx[i] / (theta * theta)) ) ;
        for (int i = 0; i < gx.length; i++) gx[i] = gx[i] * gx[i] / (theta * theta); // n/p from theta/sqrt(gamma)
        String plot = "BBP: overlap <u^, v>^2 vs n/p (theta = " + Num.sig(theta, 3) + ")";
        e.series(Series.theory(plot, "(1 - gamma/theta^2)/(1 + gamma/theta), threshold n/p = 1/theta^2", "n/p", "<u^, v>^2", gx, gy).withLogAxes(true, false));
        e.series(Series.simulation(plot, "simulation (this try)", "n/p", "<u^, v>^2", new double[] {1 / gamma}, new double[] {SampleStats.mean(rho)},
                new double[] {SampleStats.se(rho)}).withLogAxes(true, false));
        return e;
    }
}
