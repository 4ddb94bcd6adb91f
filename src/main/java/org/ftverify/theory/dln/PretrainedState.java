package org.ftverify.theory.dln;

/**
 * The end state of pretraining and the fine-tuning re-initialisation (docs/theory/dln.adoc#dln-protocol).
 * {@link #parameters} rebuilds, for one coordinate with invariants (c, λ⁺ = λ⁻ = λ) and value β, the four weights in
 * hyperbolic form; {@link #fineTuneInit} merges the pathways (w_FT = w⁺ + w⁻ on both) and resets the readout to γ/√2.
 */
final class PretrainedState {
    private PretrainedState() {}

    /** [w⁺, v⁺, w⁻, v⁻] of a coordinate pretrained to β with absolute scale c and raw relative scale λ (|λ| < c). */
    static double[] parameters(double beta, double c, double lambda) {
        Network.checkInit(c, lambda);
        if (lambda == 0) {
            double a = Math.sqrt((beta + Math.sqrt(beta * beta + c * c)) / 2), b = c / (2 * a);
            return new double[] {a, a, b, b};
        }
        double big = acosh(c / Math.abs(lambda)), small = Hyperbolic.asinh(beta / c);
        double tp = (big + small) / 2, tm = (big - small) / 2, r = Math.sqrt(Math.abs(lambda));
        if (lambda > 0) return new double[] {r * Math.cosh(tp), r * Math.sinh(tp), r * Math.cosh(tm), r * Math.sinh(tm)};
        return new double[] {r * Math.sinh(tp), r * Math.cosh(tp), r * Math.sinh(tm), r * Math.cosh(tm)};
    }

    private static double acosh(double x) {
        return Math.log(x + Math.sqrt((x - 1) * (x + 1)));
    }

    /** Fine-tuning network from pretrained values β_PT: merge w± ← w⁺ + w⁻, readout v± ← γ/√2 (so β_FT(0) = 0). */
    static Network fineTuneInit(Design ftData, double[] betaPt, double c, double lambda, double gamma) {
        if (!(gamma >= 0)) throw new IllegalArgumentException("gamma: readout reset scale must be in [0, inf), got " + gamma);
        int d = ftData.d();
        double[] w = new double[d], v = new double[d];
        for (int i = 0; i < d; i++) {
            double[] p = parameters(betaPt[i], c, lambda);
            w[i] = p[0] + p[2];
            v[i] = gamma / Math.sqrt(2);
        }
        return new Network(ftData, w, v, w, v);
    }
}
