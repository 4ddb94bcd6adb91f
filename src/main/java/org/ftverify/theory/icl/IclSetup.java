package org.ftverify.theory.icl;

import java.util.Arrays;

/**
 * The data distribution of docs/theory/icl.adoc#icl-model: covariates x ~ N(0, Σ) with Σ diagonal (eigenvalues
 * {@code lambda}; a rotated Σ is the same problem in rotated coordinates), labels y = θᵀx + ε with ε ~ N(0, σ²).
 * Tokens z = (1, x, y) have dimension D = d + 2.
 */
public record IclSetup(int d, double sigma2, double[] lambda) {
    public IclSetup {
        if (d < 1) throw new IllegalArgumentException("d (covariate dimension): must be >= 1, got " + d);
        if (!(sigma2 >= 0) || Double.isInfinite(sigma2))
            throw new IllegalArgumentException("sigma2 (label noise variance): must be finite and >= 0, got " + sigma2);
        if (lambda == null || lambda.length != d)
            throw new IllegalArgumentException("lambda (eigenvalues of Σ): must have d = " + d + " entries");
        for (double l : lambda)
            if (!(l > 0) || Double.isInfinite(l))
                throw new IllegalArgumentException("lambda (eigenvalues of Σ): must be finite and > 0, got " + Arrays.toString(lambda));
        lambda = lambda.clone();
    }

    /** Σ = I. */
    public static IclSetup isotropic(int d, double sigma2) {
        if (d < 1) throw new IllegalArgumentException("d (covariate dimension): must be >= 1, got " + d);
        double[] l = new double[d];
        Arrays.fill(l, 1.0);
        return new IclSetup(d, sigma2, l);
    }

    /** Token dimension D = d + 2. */
    public int tokenDim() {
        return d + 2;
    }

    public double traceSigma() {
        double s = 0;
        for (double l : lambda) s += l;
        return s;
    }

    /** ‖a‖²_Σ = aᵀΣa. */
    public double sigmaNorm2(double[] a) {
        return sigmaDot(a, a);
    }

    /** aᵀΣb. */
    public double sigmaDot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < d; i++) s += a[i] * lambda[i] * b[i];
        return s;
    }

    /** Σ^{1/2} a (whitened coordinates θ̃ = Σ^{1/2}θ). */
    public double[] whiten(double[] a) {
        double[] out = new double[d];
        for (int i = 0; i < d; i++) out[i] = Math.sqrt(lambda[i]) * a[i];
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IclSetup s && s.d == d && s.sigma2 == sigma2 && Arrays.equals(s.lambda, lambda);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * d + Double.hashCode(sigma2)) + Arrays.hashCode(lambda);
    }

    @Override
    public String toString() {
        return "IclSetup[d=" + d + ", sigma2=" + sigma2 + ", lambda=" + Arrays.toString(lambda) + "]";
    }
}
