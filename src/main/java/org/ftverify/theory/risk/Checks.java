package org.ftverify.theory.risk;

import org.ftverify.core.Num;

/** Input validation shared by the task constructors: one-line errors that name the parameter and its limit. */
final class Checks {
    private Checks() {}

    static double variance(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " = " + Num.fmt(v) + " is a variance and must be finite and >= 0");
        return v;
    }

    static double[] variances(String name, double[] v) {
        for (int i = 0; i < v.length; i++) variance(name + "[" + i + "]", v[i]);
        return v.clone();
    }

    static double positive(String name, double v, String why) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " = " + Num.fmt(v) + " must be finite and > 0 (" + why + ")");
        return v;
    }

    static double[] positives(String name, double[] v, String why) {
        for (int i = 0; i < v.length; i++) positive(name + "[" + i + "]", v[i], why);
        return v.clone();
    }

    static double[] finite(String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) throw new IllegalArgumentException(name + "[" + i + "] = " + v[i] + " must be finite");
        }
        return v.clone();
    }

    static void sameLength(String a, double[] x, String b, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException(b + " has length " + y.length + " but " + a + " has length " + x.length);
    }

    static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        return m;
    }

    static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) m = Math.min(m, x);
        return m;
    }
}
