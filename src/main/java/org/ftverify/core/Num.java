package org.ftverify.core;

import java.util.Locale;

/**
 * The project's one number formatter for texts (claim statements, derivations, diagnostics, legends, parameter
 * values): {@code 20} rather than {@code 20.0000}, {@code 0.0469} rather than {@code 0.046875000}, scientific
 * notation outside [1e-3, 1e5). Locale-independent.
 */
public final class Num {
    private Num() {}

    /** Four significant digits, trailing zeros dropped; integers print without a point. */
    public static String fmt(double v) {
        return sig(v, 4);
    }

    /** {@code digits} significant digits, trailing zeros dropped; NaN prints as "NaN", infinities as "∞" / "−∞". */
    public static String sig(double v, int digits) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e9) return String.valueOf((long) v);
        String s = a >= 1e-3 && a < 1e5
                ? String.format(Locale.ROOT, "%." + digits + "g", v)
                : String.format(Locale.ROOT, "%." + Math.max(0, digits - 1) + "e", v);
        return stripZeros(s);
    }

    /** A percentage with two significant digits, e.g. "2.3%". */
    public static String percent(double fraction) {
        return sig(100 * fraction, 2) + "%";
    }

    private static String stripZeros(String s) {
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e), exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        if (!exponent.isEmpty()) exponent = exponent.replaceFirst("e\\+?(-?)0*(\\d)", "e$1$2");
        return mantissa + exponent;
    }
}
