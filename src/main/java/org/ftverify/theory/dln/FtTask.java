package org.ftverify.theory.dln;

import java.util.Random;
import org.ftverify.simd.GaussianSampler;

/**
 * The fine-tuning task of the theory (docs/theory/dln.adoc#dln-teachers): pretraining support of density ρ_PT with
 * amplitude a_PT (the oracle pretrained state), fine-tuning nonzeros N(0, 1/ρ_FT) of density ρ_FT, a fraction ω of
 * them on pretrained coordinates. The four groups: overlap, new, PT-only, none. Initialisation (c, λ_n, γ).
 */
public record FtTask(double rhoPt, double rhoFt, double omega, double c, double lambdaN, double gamma, double aPt) {

    public FtTask {
        if (!(c > 0) || Double.isInfinite(c)) throw new IllegalArgumentException("c: absolute scale must be in (0, inf), got " + c);
        if (!(Math.abs(lambdaN) < 1)) throw new IllegalArgumentException("lambda_n: relative scale must be in (-1, 1), got " + lambdaN);
        if (!(gamma >= 0)) throw new IllegalArgumentException("gamma: readout reset scale must be in [0, inf), got " + gamma);
        if (!(rhoPt > 0 && rhoPt < 1)) throw new IllegalArgumentException("rho_pt: must be in (0, 1), got " + rhoPt);
        if (!(rhoFt > 0 && rhoFt <= 1)) throw new IllegalArgumentException("rho_ft: must be in (0, 1], got " + rhoFt);
        if (!(omega >= 0 && omega <= 1)) throw new IllegalArgumentException("omega: must be in [0, 1], got " + omega);
        if (omega * rhoFt > rhoPt + 1e-12 || rhoPt + (1 - omega) * rhoFt > 1 + 1e-12)
            throw new IllegalArgumentException("omega, rho_ft: need omega*rho_ft <= rho_pt and rho_pt + (1-omega)*rho_ft <= 1");
    }

    /** Group probabilities {overlap, new, PT-only, none}. */
    public double[] groupProbabilities() {
        return new double[] {omega * rhoFt, (1 - omega) * rhoFt, rhoPt - omega * rhoFt, 1 - rhoPt - (1 - omega) * rhoFt};
    }

    /** Whether group g is pretrained (overlap, PT-only) and whether it carries a fine-tuning signal (overlap, new). */
    public static boolean pretrained(int g) { return g == 0 || g == 2; }

    public static boolean signal(int g) { return g == 0 || g == 1; }

    public double lambda() {
        return lambdaN * c;
    }

    /** Per-group fine-tuning scale c_FT of the model (pretrained groups at |β_PT| = a_PT). */
    public double cFt(DlnModel model, int group) {
        return model.cFt(c, lambda(), pretrained(group) ? aPt : 0, gamma);
    }

    /** A finite-D instance: exact group sizes, random placement; index 0 = β_PT, 1 = β_FT teacher, 2 = group ids. */
    public Instance sample(int d, long seed) {
        int nFt = (int) Math.round(rhoFt * d), nOv = (int) Math.round(omega * nFt), nPt = (int) Math.round(rhoPt * d);
        nOv = Math.min(nOv, nPt);
        int nNew = Math.min(nFt - nOv, d - nPt);
        int[] perm = new int[d];
        for (int i = 0; i < d; i++) perm[i] = i;
        Random r = new Random(seed);
        for (int i = d - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double[] pt = new double[d], ft = new double[d];
        int[] group = new int[d];
        GaussianSampler g = GaussianSampler.stream(seed, 2);
        double sd = 1 / Math.sqrt(rhoFt);
        for (int p = 0; p < d; p++) {
            int i = perm[p];
            if (p < nPt) {
                pt[i] = aPt;
                group[i] = p < nOv ? 0 : 2;
            } else {
                group[i] = p < nPt + nNew ? 1 : 3;
            }
            if (signal(group[i])) ft[i] = sd * g.next();
        }
        return new Instance(pt, ft, group);
    }

    /** One finite-D draw of the task. */
    public record Instance(double[] betaPt, double[] betaFt, int[] group) {}
}
