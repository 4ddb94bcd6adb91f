package org.ftverify.theory.icl;

/**
 * The fixed point (μ, W) of L_ZS + λ L_FS for the value row Ũ = μθ0 (Σ = I, ‖θ0‖ = 1) with N demonstrations in the FS
 * loss. Both losses are quadratic in (μ, W), so the gradient and Hessian from central differences of the model's risk
 * are exact up to round-off, and one Newton step from anywhere lands on the minimiser.
 */
final class ZsFsFixedPoint {
    private ZsFsFixedPoint() {}

    static double[] solve(IclModel m, int d, double sigma2, int nft, double lambda) {
        java.util.function.BiFunction<Double, Double, Double> f = (mu, w) -> {
            double[] u = new double[d], t = new double[d];
            u[0] = mu;
            t[0] = 1;
            return m.riskA(0, d, sigma2, u, 0, t) + lambda * m.riskA(nft, d, sigma2, u, w, t);
        };
        double h = 0.5;
        double f00 = f.apply(0.0, 0.0);
        double gm = (f.apply(h, 0.0) - f.apply(-h, 0.0)) / (2 * h), gw = (f.apply(0.0, h) - f.apply(0.0, -h)) / (2 * h);
        double hmm = (f.apply(h, 0.0) - 2 * f00 + f.apply(-h, 0.0)) / (h * h), hww = (f.apply(0.0, h) - 2 * f00 + f.apply(0.0, -h)) / (h * h);
        double hmw = (f.apply(h, h) - f.apply(h, -h) - f.apply(-h, h) + f.apply(-h, -h)) / (4 * h * h);
        if (lambda == 0) return new double[] {-gm / hmm, m.wStar(IclSetup.isotropic(d, sigma2), nft, unit(d), unit(d))};
        double det = hmm * hww - hmw * hmw;
        return new double[] {-(hww * gm - hmw * gw) / det, -(-hmw * gm + hmm * gw) / det};
    }

    private static double[] unit(int d) {
        double[] t = new double[d];
        t[0] = 1;
        return t;
    }
}
