package org.ftverify.theory.spectral;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ftverify.core.CheckContext;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Num;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Params;
import org.ftverify.evidence.Tolerance;
import org.ftverify.numeric.TruncatedSvd;
import org.ftverify.simd.GaussianSampler;

/**
 * P1: Weyl's and Wedin's perturbation bounds are never violated on pretrained-like matrices (a few separated outliers
 * above a bulk), and they are attained to first order by the perturbation that rotates mode k into mode k+1.
 */
final class WedinWeylClaim {
    static final String ID = "spectral.wedin-weyl";
    /** perturbation draws */
    static final org.ftverify.core.LevelSize DRAWS = org.ftverify.core.LevelSize.seeds("draws", 20, 60, 200);

    private WedinWeylClaim() {}

    static Claim build(SpectralModel model) {
        return Claim.builder(ID)
                .title("P1 — Weyl and Wedin bounds hold, and are tight")
                .statement("For W = W0 + Delta: |sigma~_i - sigma_i| <= ||Delta||; max(||sin Theta_U||, ||sin Theta_V||) <= "
                        + "max(||Delta V~_k||, ||Delta^T U~_k||)/(sigma~_k - sigma_{k+1}) (and its Frobenius, W0-only and per-vector "
                        + "dilation forms); the rotation of mode k into mode k+1 attains the Wedin bound and a rank-one push of mode 1 the Weyl bound.")
                .asciidoc("Worst ratio of each side to its bound over random perturbations must stay below 1 (up to round-off); "
                        + "at the extremal perturbations the ratio must be 1 to second order in ε/δ_k.")
                .provenance("classical (Weyl 1912, Wedin 1972, Yu–Wang–Samworth 2015); the paper states no theorem, the "
                        + "stability claim is reconstructed on these bounds [reconstructed]")
                .tolerance("round-off of the two SVDs relative to the bound (ops·κ·u with κ = sigma_1/(gap·bound)); tightness: the "
                        + "second-order term 4(ε/δ_k)² of the 2 x 2 rotation")
                .cites("spectral-p1")
                .uses("weyl-denominator", "wedin-tight-rotation")
                .reads("wedin-bound", "weyl-bound")
                .space(ParameterSpace.of(
                        Parameter.integer("m", 10, 80, 10, true, "rows of W0"),
                        Parameter.real("aspect", 1, 2, 1, "p / m"),
                        Parameter.integer("k", 1, 5, 1, false, "number of outliers (leading subspace dimension)"),
                        Parameter.real("log10eps", -3, 0, -3, "log10 of the perturbation size epsilon"),
                        Parameter.choice("delta", List.of("gaussian", "low-rank"), "perturbation: eps G/sqrt(p) or eps times a rank-2 matrix")))
                .tries(3, 8, 20)
                .levels(DRAWS)
                .check((p, ctx) -> check(model, p, ctx))
                .build();
    }

    static Evidence check(SpectralModel model, Params params, CheckContext ctx) {
        int m = params.integer("m"), pp = (int) Math.round(params.real("aspect") * m), k = params.integer("k");
        double eps = Math.pow(10, params.real("log10eps"));
        boolean gaussian = params.choice("delta").equals("gaussian");
        int draws = DRAWS.at(ctx.level());
        double weyl = 0, wedin = 0, wedinF = 0, wedinW0 = 0, dilation = 0, kappa = 1, informative = 0;
        int skipped = 0, w0Cases = 0;
        for (int d = 0; d < draws; d++) {
            GaussianSampler g = GaussianSampler.stream(ctx.subSeed(d), 1);
            Pretrained w = Pretrained.draw(m, pp, k, g);
            DMatrixRMaj delta = gaussian ? Matrices.gaussian(m, pp, eps / Math.sqrt(pp), g) : lowRank(m, pp, eps, g);
            Ratios r = ratios(model, w, delta, k);
            if (r == null) {
                skipped++;
                continue;
            }
            weyl = Math.max(weyl, r.weyl);
            wedin = Math.max(wedin, r.wedin);
            wedinF = Math.max(wedinF, r.wedinF);
            dilation = Math.max(dilation, r.dilation);
            if (!Double.isNaN(r.wedinW0)) {
                wedinW0 = Math.max(wedinW0, r.wedinW0);
                w0Cases++;
            }
            kappa = Math.max(kappa, r.kappa);
            informative = Math.max(informative, r.wedin);
        }
        Tolerance roundOff = Tolerance.roundOff(kappa, 20 * Math.max(m, pp), 1);
        Evidence e = new Evidence();
        e.compare(roundOff.atMost("max Weyl ratio |sigma~_i - sigma_i| / bound", weyl, 1));
        e.compare(roundOff.atMost("max Wedin ratio sin Theta / bound (spectral)", wedin, 1));
        e.compare(roundOff.atMost("max Wedin ratio (Frobenius)", wedinF, 1));
        e.compare(roundOff.atMost("max dilation Davis-Kahan ratio", dilation, 1));
        if (w0Cases > 0) e.compare(roundOff.atMost("max Wedin ratio with W0's gap", wedinW0, 1));

        // Tightness: the rotation of mode k into k+1 by eps_t = 1e-3 delta_k, and a rank-one push of mode 1.
        GaussianSampler g = GaussianSampler.stream(ctx.subSeed(draws), 1);
        Pretrained w = Pretrained.draw(m, pp, k, g);
        double gap = w.sigma[k - 1] - w.sigma[k], x = 1e-3;
        DMatrixRMaj rot = new DMatrixRMaj(m, pp);
        addOuter(rot, x * gap, w.u(k), w.v(k - 1));
        addOuter(rot, x * gap, w.u(k - 1), w.v(k));
        Ratios t = ratios(model, w, rot, k);
        Tolerance second = Tolerance.derived(4 * x * x, "second-order term of the 2 x 2 rotation, 4(ε/δ_k)² with ε/δ_k = " + Num.fmt(x))
                .plus(Tolerance.roundOff(t.kappa, 20 * Math.max(m, pp), 1));
        e.compare(second.compare("extremal rotation: sin Theta / Wedin bound", 1, t.wedin));
        DMatrixRMaj push = new DMatrixRMaj(m, pp);
        addOuter(push, x * w.sigma[0], w.u(0), w.v(0));
        Ratios s = ratios(model, w, push, k);
        e.compare(Tolerance.roundOff(w.sigma[0] / (x * w.sigma[0]), 20 * Math.max(m, pp), 1)
                .compare("rank-one push of mode 1: |sigma~_1 - sigma_1| / Weyl bound", 1, s.weyl));
        e.diagnostic("draws", draws + " (" + skipped + " skipped: sigma~_k <= sigma_{k+1})");
        e.diagnostic("draws with ||Delta|| < delta_k (W0-gap form applies)", w0Cases);
        e.diagnostic("largest random-draw Wedin ratio (how informative the bound is)", Num.sig(informative, 3));
        return e;
    }

    /** Side / bound for each inequality at one (W0, Delta); null when sigma~_k <= sigma_{k+1} (Wedin does not apply). */
    static Ratios ratios(SpectralModel model, Pretrained w, DMatrixRMaj delta, int k) {
        DMatrixRMaj ft = Matrices.add(w.matrix, 1, delta);
        TruncatedSvd.Result s = Matrices.svd(ft);
        double normDelta = Matrices.operatorNorm(delta);
        double weyl = 0;
        for (int i = 0; i < w.sigma.length; i++) weyl = Math.max(weyl, Math.abs(s.sigma()[i] - w.sigma[i]));
        weyl /= model.weylBound(normDelta);
        double sigmaTildeK = s.sigma()[k - 1], sigmaK1 = w.sigma[k];
        if (!(sigmaTildeK - sigmaK1 > 0)) return null;
        double[][] u = w.uRows(), v = w.vRows();
        double sinU = StabilityMetrics.sinThetaOperator(u, s.u(), k), sinV = StabilityMetrics.sinThetaOperator(v, s.v(), k);
        DMatrixRMaj dv = Matrices.mult(delta, Matrices.columns(s.v(), k));
        DMatrixRMaj dtu = Matrices.multTransA(delta, Matrices.columns(s.u(), k));
        double numerator = Math.max(Matrices.operatorNorm(dv), Matrices.operatorNorm(dtu));
        double bound = model.wedinBound(numerator, sigmaTildeK, sigmaK1);
        double wedin = Math.max(sinU, sinV) / bound;
        double lhsF = Math.sqrt(StabilityMetrics.sinThetaFrobenius2(u, s.u(), k) + StabilityMetrics.sinThetaFrobenius2(v, s.v(), k));
        double wedinF = lhsF / model.wedinBound(Math.sqrt(Matrices.frobenius2(dv) + Matrices.frobenius2(dtu)), sigmaTildeK, sigmaK1);
        double deltaK = w.sigma[k - 1] - w.sigma[k];
        double wedinW0 = normDelta < deltaK ? Math.max(sinU, sinV) / model.wedinW0Bound(normDelta, w.sigma[k - 1], w.sigma[k]) : Double.NaN;
        double dilation = 0;
        for (int i = 0; i < k; i++) {
            double above = i == 0 ? Double.POSITIVE_INFINITY : w.sigma[i - 1] - w.sigma[i];
            double gi = Math.min(Math.min(above, w.sigma[i] - w.sigma[i + 1]), w.sigma[i]);
            double c = Math.abs(org.ftverify.simd.Kernels.dot(u[i], s.u()[i], u[i].length) + org.ftverify.simd.Kernels.dot(v[i], s.v()[i], v[i].length)) / 2;
            dilation = Math.max(dilation, Math.sqrt(Math.max(0, 1 - c * c)) / model.dilationBound(normDelta, gi));
        }
        double kappa = w.sigma[0] / ((sigmaTildeK - sigmaK1) * Math.max(bound, 1e-300));
        return new Ratios(weyl, wedin, wedinF, wedinW0, dilation, kappa);
    }

    record Ratios(double weyl, double wedin, double wedinF, double wedinW0, double dilation, double kappa) {}

    static DMatrixRMaj lowRank(int m, int p, double eps, GaussianSampler g) {
        DMatrixRMaj out = new DMatrixRMaj(m, p);
        for (int r = 0; r < 2; r++) {
            double[] a = unit(m, g), b = unit(p, g);
            addOuter(out, eps / (r + 1), a, b);
        }
        return out;
    }

    static double[] unit(int n, GaussianSampler g) {
        double[] x = new double[n];
        g.fill(x, n);
        double s = 1 / Math.sqrt(org.ftverify.simd.Kernels.squaredNorm(x, n));
        for (int i = 0; i < n; i++) x[i] *= s;
        return x;
    }

    static void addOuter(DMatrixRMaj out, double alpha, double[] a, double[] b) {
        for (int i = 0; i < out.numRows; i++) for (int j = 0; j < out.numCols; j++) out.add(i, j, alpha * a[i] * b[j]);
    }
}
