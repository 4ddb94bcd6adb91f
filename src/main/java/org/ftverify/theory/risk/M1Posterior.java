package org.ftverify.theory.risk;

/**
 * The theory's Bayes predictor and conditional variance of M1 at one probe depth c, as quadratic forms in the
 * observed delta_c (docs/theory/risk.adoc#risk-m1): E[R|I_c] = sum meanWeight_i delta_i^2 + meanConst and
 * Var(R|I_c) = sum varWeight_i delta_i^2 + varConst. Computed once per depth, evaluated per run in O(d) without
 * allocation.
 */
record M1Posterior(int depth, double[] meanWeight, double meanConst, double[] varWeight, double varConst) {

    double mean(double[] delta) {
        double s = meanConst;
        for (int i = 0; i < meanWeight.length; i++) s += meanWeight[i] * delta[i] * delta[i];
        return s;
    }

    double variance(double[] delta) {
        double s = varConst;
        for (int i = 0; i < varWeight.length; i++) s += varWeight[i] * delta[i] * delta[i];
        return s;
    }
}
