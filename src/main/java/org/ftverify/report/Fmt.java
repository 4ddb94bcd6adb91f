package org.ftverify.report;

import com.google.gson.JsonElement;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Number, time and parameter formatting for the report. Missing values print as an em dash, never as 0. */
final class Fmt {
    static final String NONE = "—";

    private Fmt() {
    }

    /** A measured or predicted value: 4 significant digits, scientific outside [1e-3, 1e5). NaN stays NaN. */
    static String num(Double v) {
        if (v == null) {
            return NONE;
        }
        if (v.isNaN()) {
            return "NaN";
        }
        if (v.isInfinite()) {
            return v > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1e-3 && a < 1e5) {
            return stripZeros(String.format(Locale.ROOT, "%.4g", v));
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** A normalised gap (gap / tolerance): 3 significant digits; the verdict threshold is 1. */
    static String gap(Double v) {
        if (v == null || !Double.isFinite(v) || v == 0) {
            return num(v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            return stripZeros(String.format(Locale.ROOT, "%.3g", v));
        }
        return String.format(Locale.ROOT, "%.2e", v);
    }

    /** The CSS class for a normalised gap: within tolerance (&lt;= 1) or not. */
    static String gapClass(Double v) {
        if (v == null) {
            return "gap-none";
        }
        return Double.isFinite(v) && v <= 1 ? "gap-ok" : "gap-bad";
    }

    static String seconds(Double s) {
        if (s == null) {
            return NONE;
        }
        if (!Double.isFinite(s)) {
            return num(s);
        }
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long whole = s.longValue();
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", whole / 3600, whole % 3600 / 60);
    }

    static String value(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        return e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    static String params(Map<String, JsonElement> params) {
        if (params == null || params.isEmpty()) {
            return NONE;
        }
        StringJoiner j = new StringJoiner(", ");
        params.forEach((k, v) -> j.add(k + " = " + value(v)));
        return j.toString();
    }

    static String orNone(Object o) {
        return o == null ? NONE : String.valueOf(o);
    }

    private static String stripZeros(String s) {
        if (!s.contains(".") || s.contains("e")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
