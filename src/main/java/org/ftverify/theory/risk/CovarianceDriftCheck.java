package org.ftverify.theory.risk;

import org.ftverify.core.CheckContext;
import org.ftverify.core.Evidence;
import org.ftverify.evidence.Budget;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;
import org.ftverify.simd.GaussianSampler;

/**
 * The drift check of M1's covariance dynamics (docs/theory/risk.adoc#risk-dynamics): from random states y (H's
 * eigenbasis, far from stationarity so that every term of the drift matters), the Monte Carlo mean of single SGD
 * increments (y'y'^T - y y^T)/eta of the actual recursion against the theory's drift at S = y y^T, per diagonal entry and
 * along H S H (the direction of the eta H S H term). The expectation of one step is exact, so the tolerance is the CLT
 * band alone. It catches an error that lives only away from the fixed point.
 */
final class CovarianceDriftCheck {
    static final int STATES = 3;

    private CovarianceDriftCheck() {}

    static void run(RiskTheoryModel model, RotatedQuadratic rq, CheckContext ctx, Evidence e) {
        int d = rq.d;
        double[][] sigma = rq.sigmaEigArray();
        double[][] sInf = new CovarianceTheory(true, 1).stationary(rq.h, sigma, rq.eta); // scale of a start state (ground truth)
        // 2e4 single steps resolve the eta H S H term (relative size eta h/2 of the drift) by hundreds of SE at quick level
        int n = Budget.units(ctx.level(), ctx.level().pick(20_000, 100_000, 400_000), 2.0 * d * d, 2000);
        for (int st = 0; st < STATES; st++) {
            GaussianSampler pick = new GaussianSampler(ctx.subSeed(40 + st));
            double[] y0 = new double[d];
            pick.fill(y0, d);
            for (int i = 0; i < d; i++) y0[i] *= 4 * Math.sqrt(sInf[i][i]); // 16 times the stationary spread
            double[][] s0 = new double[d][d], hsh = new double[d][d];
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++) {
                    s0[i][j] = y0[i] * y0[j];
                    hsh[i][j] = rq.h[i] * s0[i][j] * rq.h[j];
                }
            double hshNorm = 0;
            for (double[] row : hsh) for (double v : row) hshNorm += v * v;
            double norm = Math.sqrt(hshNorm);
            double[][] diag = new double[d][n];
            double[] along = new double[n];
            long seed = ctx.subSeed(50 + st);
            SeedParallel.chunks(n, (from, to) -> {
                double[] y = new double[d], z = new double[d], acc = new double[d];
                GaussianSampler g = GaussianSampler.stream(seed, from); // one stream per fixed chunk of units: deterministic, no allocation per step
                for (int k = from; k < to; k++) {
                    System.arraycopy(y0, 0, y, 0, d);
                    rq.step(y, z, acc, g);
                    double proj = 0;
                    for (int i = 0; i < d; i++) {
                        diag[i][k] = (y[i] * y[i] - s0[i][i]) / rq.eta;
                        for (int j = 0; j < d; j++) proj += hsh[i][j] * (y[i] * y[j] - s0[i][j]) / rq.eta;
                    }
                    along[k] = proj / norm;
                }
            });
            double[][] drift = model.covariance().drift(rq.h, sigma, rq.eta, s0);
            double worstZ = -1, pred = 0, obs = 0, se = 0;
            int at = 0;
            for (int i = 0; i < d; i++) {
                double m = SampleStats.mean(diag[i]), s = SampleStats.se(diag[i]), z = Math.abs(m - drift[i][i]) / s;
                if (z > worstZ) { worstZ = z; pred = drift[i][i]; obs = m; se = s; at = i; }
            }
            e.compare(MonteCarloEvidence.mean("drift of Cov(y), state " + st + ": entry (" + at + "," + at + ") vs the theory's drift at S = yy' "
                    + "(largest |z| of " + d + ")", pred, obs, se, n, "single SGD steps", 64 * d));
            double predAlong = 0;
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) predAlong += hsh[i][j] * drift[i][j] / norm;
            e.compare(MonteCarloEvidence.mean("drift of Cov(y), state " + st + ": component along H S H (the eta H S H direction)", predAlong, along,
                    "single SGD steps", 64 * d * d));
        }
        e.diagnostic("drift check", STATES + " start states y ~ N(0, 16 diag S_inf) per try, " + n + " single steps each");
    }
}
