package org.ftverify.theory.icl;

import org.ftverify.core.Evidence;
import org.ftverify.core.Series;

/**
 * The n-shot risk curves of the four models of the theory page (pretrained, full ZS, ZS-V, ZS+FS-V) on the target
 * task θ0 and on the unseen task −θ0: closed-form lines for n = 0..40 and Monte Carlo points of the attention model.
 */
final class NShotFigure {
    static final int[] POINTS = {0, 1, 2, 5, 10, 20, 40};

    private NShotFigure() {}

    static void add(Evidence ev, IclSetup s, double[] theta0, double w0, double wBoth, long seed) {
        int d = s.d();
        IclModel m = IclModel.exact();
        double kappa = m.aInfinity(d) * w0; // full ZS from Q11 = I, v_y = W0: the reduced flow's limit with invariant d·1²
        double[] u = Draws.scaled(1.0 / (d + 4), theta0), zero = new double[d];
        Weights[] models = {Weights.familyA(s, 1, zero, w0), Weights.familyB(d, m.aInfinity(d), theta0, w0), Weights.familyA(s, 1, u, w0),
                Weights.familyA(s, 1, u, wBoth)};
        String[] names = {"pretrained", "full ZS", "ZS value-only", "ZS+FS value-only"};
        for (double sign : new double[] {1, -1}) {
            double[] task = Draws.scaled(sign, theta0);
            String plot = "icl n-shot risk on " + (sign > 0 ? "the target task θ0" : "the unseen task −θ0");
            double[] n = new double[41];
            double[][] lines = new double[4][41];
            for (int k = 0; k <= 40; k++) {
                n[k] = k;
                lines[0][k] = m.riskA(k, d, s.sigma2(), zero, w0, task);
                lines[1][k] = m.riskB(s, k, task, theta0, kappa);
                lines[2][k] = m.riskA(k, d, s.sigma2(), u, w0, task);
                lines[3][k] = m.riskA(k, d, s.sigma2(), u, wBoth, task);
            }
            double[][] mc = new double[4][POINTS.length], err = new double[4][POINTS.length];
            double[] xs = new double[POINTS.length];
            for (int j = 0; j < POINTS.length; j++) {
                xs[j] = POINTS[j];
                RiskMonteCarlo.Estimate[] e = RiskMonteCarlo.estimate(s, models, task, POINTS[j], 8, 512, seed + 31L * j + (sign > 0 ? 0 : 7));
                for (int i = 0; i < 4; i++) {
                    mc[i][j] = e[i].mean();
                    err[i][j] = 2 * e[i].se();
                }
            }
            for (int i = 0; i < 4; i++) {
                ev.series(Series.theory(plot, names[i] + " (closed form)", "demonstrations n", "n-shot risk", n, lines[i]));
                ev.series(Series.simulation(plot, names[i] + " (attention model, ±2 SE)", "demonstrations n", "n-shot risk", xs, mc[i], err[i]));
            }
        }
    }
}
