package org.ftverify.theory.lora;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hipparchus.special.Erf;

/**
 * Student/teacher non-linearities of theory page, lora-model with the first two derivatives (the drift needs sigma', the saddle
 * rate B(mu) needs sigma''). He_k are the probabilists' Hermite polynomials; their learning rate is divided by
 * k!·k in the authors' code and theory ({@link #lrNormalisation()}), so rates are in "base-lr" units.
 * ReLU's sigma'' is a Dirac mass at 0: it is returned as 0, which is exact for the saddle rate (theory page, lora-saddle,
 * the delta term multiplies sigma(mu z) - sigma*(z) = 0 at z = 0).
 */
public enum Activation {
    LIN("lin", 0), ERF("erf", 0), TANH("tanh", 0), SIGMOID("sigmoid", 0), RELU("relu", 0),
    HE1("he1", 1), HE2("he2", 2), HE3("he3", 3), HE4("he4", 4), HE5("he5", 5), HE6("he6", 6);

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private final String id;
    private final int hermiteOrder;

    Activation(String id, int hermiteOrder) {
        this.id = id;
        this.hermiteOrder = hermiteOrder;
    }

    public String id() {
        return id;
    }

    /** k for He_k, 0 otherwise. */
    public int hermiteOrder() {
        return hermiteOrder;
    }

    /** k!·k for He_k (the authors' learning-rate normalisation), 1 otherwise. */
    public double lrNormalisation() {
        if (hermiteOrder == 0) return 1;
        double f = 1;
        for (int i = 2; i <= hermiteOrder; i++) f *= i;
        return f * hermiteOrder;
    }

    public double value(double x) {
        return switch (this) {
            case LIN -> x;
            case ERF -> Erf.erf(x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case RELU -> x > 0 ? x : 0;
            default -> hermite(hermiteOrder, x);
        };
    }

    public double d1(double x) {
        return switch (this) {
            case LIN -> 1;
            case ERF -> TWO_OVER_SQRT_PI * Math.exp(-x * x);
            case TANH -> { double t = Math.tanh(x); yield 1 - t * t; }
            case SIGMOID -> { double s = 1 / (1 + Math.exp(-x)); yield s * (1 - s); }
            case RELU -> x > 0 ? 1 : 0;
            default -> hermiteOrder * hermite(hermiteOrder - 1, x); // He_k' = k He_{k-1}
        };
    }

    public double d2(double x) {
        return switch (this) {
            case LIN, RELU -> 0;
            case ERF -> -2 * x * TWO_OVER_SQRT_PI * Math.exp(-x * x);
            case TANH -> { double t = Math.tanh(x); yield -2 * t * (1 - t * t); }
            case SIGMOID -> { double s = 1 / (1 + Math.exp(-x)); yield s * (1 - s) * (1 - 2 * s); }
            default -> hermiteOrder < 2 ? 0 : hermiteOrder * (hermiteOrder - 1.0) * hermite(hermiteOrder - 2, x);
        };
    }

    /** Probabilists' Hermite He_n(x) by the recursion He_{n+1} = x He_n - n He_{n-1}. */
    static double hermite(int n, double x) {
        if (n == 0) return 1;
        double prev = 1, cur = x;
        for (int k = 1; k < n; k++) {
            double next = x * cur - k * prev;
            prev = cur;
            cur = next;
        }
        return cur;
    }

    public static Activation parse(String id) {
        for (Activation a : values()) if (a.id.equals(id.toLowerCase(Locale.ROOT))) return a;
        throw new IllegalArgumentException("activation: unknown '" + id + "'; allowed: "
                + Arrays.stream(values()).map(Activation::id).collect(Collectors.joining(", ")));
    }
}
