package org.ftverify.theory.risk;

import org.ftverify.evidence.SampleStats;
/**
 * Log-log slope of V(c) fitted to Monte Carlo estimates that share their runs across depths (Bayes-MSE estimates:
 * V(c_j) = mean_i u_ij - L_int). The OLS slope is a smooth function of the depth means, so its SE follows by the delta
 * method from each run's influence phi_i = sum_j w_j (u_ij - mean_j)/V_j, with OLS weights w_j: exact to first order
 * also for the positive correlation between depths that the shared runs create.
 */
record SlopeFit(double alpha, double sd, double[] v, double[] vSe) {

    static SlopeFit ofRuns(double[][] u, double lInt, double[] x) {
        int depths = u.length, n = u[0].length;
        double[] mean = new double[depths], v = new double[depths], y = new double[depths], vSe = new double[depths];
        for (int j = 0; j < depths; j++) {
            mean[j] = SampleStats.mean(u[j]);
            v[j] = mean[j] - lInt;
            y[j] = Math.log(v[j]);
            vSe[j] = SampleStats.se(u[j]);
        }
        double xBar = SampleStats.mean(x), sxx = 0;
        for (double xi : x) sxx += (xi - xBar) * (xi - xBar);
        double slope = 0;
        double[] w = new double[depths];
        for (int j = 0; j < depths; j++) {
            w[j] = (x[j] - xBar) / sxx;
            slope += w[j] * y[j];
        }
        double[] phi = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < depths; j++) s += w[j] * (u[j][i] - mean[j]) / v[j];
            phi[i] = s;
        }
        return new SlopeFit(-slope, SampleStats.se(phi), v, vSe);
    }

    /** OLS slope of log V on x for exact values: the "window average" of the local slope in the least-squares sense. */
    static double exactSlope(double[] v, double[] x) {
        double[] y = new double[v.length];
        for (int j = 0; j < v.length; j++) y[j] = Math.log(v[j]);
        return -SampleStats.fit(x, y).slope();
    }
}
