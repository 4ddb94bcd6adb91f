package org.ftverify.theory.icl;

import org.ftverify.simd.GaussianSampler;

/** Random ingredients of a claim's try, each from the try's seed: unit task vectors, a diagonal Σ, an orthogonal part. */
final class Draws {
    private Draws() {}

    /** A unit vector uniform on the sphere. */
    static double[] unit(int d, long seed) {
        GaussianSampler g = new GaussianSampler(seed);
        double[] u = new double[d];
        g.fill(u, d);
        double n = 0;
        for (double x : u) n += x * x;
        n = Math.sqrt(n);
        for (int i = 0; i < d; i++) u[i] /= n;
        return u;
    }

    /** A unit vector orthogonal to {@code a} (a unit vector), uniform on that sphere (d >= 2). */
    static double[] orthogonalUnit(double[] a, long seed) {
        double[] u = unit(a.length, seed);
        double c = 0;
        for (int i = 0; i < a.length; i++) c += u[i] * a[i];
        double n = 0;
        for (int i = 0; i < a.length; i++) {
            u[i] -= c * a[i];
            n += u[i] * u[i];
        }
        n = Math.sqrt(n);
        for (int i = 0; i < a.length; i++) u[i] /= n;
        return u;
    }

    /** Eigenvalues of a random anisotropic Σ, log-uniform in [1/2, 2]. */
    static double[] anisotropic(int d, long seed) {
        GaussianSampler g = new GaussianSampler(seed);
        double[] l = new double[d];
        for (int i = 0; i < d; i++) {
            double u = 0.5 + Math.atan(g.next()) / Math.PI; // uniform in (0, 1) from a normal
            l[i] = Math.pow(2, 2 * u - 1);
        }
        return l;
    }

    /** The setup of a try: Σ = I or a random anisotropic diagonal Σ. */
    static IclSetup setup(int d, double sigma2, String sigma, long seed) {
        return "anisotropic".equals(sigma) ? new IclSetup(d, sigma2, anisotropic(d, seed)) : IclSetup.isotropic(d, sigma2);
    }

    /** The evaluation task named by {@code task}: θ0, -θ0, or a random unit vector. */
    static double[] task(String task, double[] theta0, long seed) {
        return switch (task) {
            case "theta0" -> theta0.clone();
            case "minus-theta0" -> scaled(-1, theta0);
            default -> unit(theta0.length, seed);
        };
    }

    static double[] scaled(double c, double[] a) {
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) o[i] = c * a[i];
        return o;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
