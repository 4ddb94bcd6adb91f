package org.ftverify.report;

import com.google.gson.JsonElement;
import org.ftverify.core.Num;

import java.util.List;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Number, time and parameter formatting for the report. Numbers go through {@link Num}, the project's one number
 * formatter; missing values print as an em dash, never as 0.
 */
final class Fmt {
    static final String NONE = "—";

    private Fmt() {
    }

    /**
     * A measured or predicted value, through the project's one formatter ({@link Num#fmt}). Missing is an em dash;
     * NaN (no value: an escape that never happened, a ratio of zeros) is written "none", never "NaN".
     */
    static String num(Double v) {
        if (v == null) {
            return NONE;
        }
        return v.isNaN() ? NO_VALUE : Num.fmt(v);
    }

    /** What a NaN means to a reader of the report: there is no value. */
    static final String NO_VALUE = "none";

    /**
     * One column of numbers in one format: Num.fmt when every finite value is in its fixed-point range, otherwise
     * scientific notation for every value, so a column never mixes 0.0197 with 1.2e-5.
     */
    static List<String> column(List<Double> values) {
        return column(values, Fmt::num);
    }

    /** A column of normalised gaps (3 significant digits), in one format like {@link #column(List)}. */
    static List<String> gapColumn(List<Double> values) {
        return column(values, Fmt::gap);
    }

    private static List<String> column(List<Double> values, java.util.function.Function<Double, String> fixed) {
        boolean scientific = values.stream().anyMatch(v -> v != null && Double.isFinite(v) && v != 0
                && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5));
        return values.stream().map(v -> v == null || !Double.isFinite(v) || v == 0 || !scientific ? fixed.apply(v)
                : scientific(v)).toList();
    }

    /** Scientific notation in Num's style (3 significant digits, "e-5" rather than "e-05"). */
    static String scientific(double v) {
        String s = String.format(Locale.ROOT, "%.2e", v);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + s.substring(e).replaceFirst("e\\+?(-?)0*(\\d)", "e$1$2");
    }

    /** A normalised gap (gap / tolerance), 3 significant digits; the verdict threshold is 1. */
    static String gap(Double v) {
        return v == null || v.isNaN() ? num(v) : Num.sig(v, 3);
    }

    /** A relative resolution as a percentage ("2.3%"); infinite (prediction 0) means only absolute errors resolve. */
    static String percent(Double fraction) {
        if (fraction == null || fraction.isNaN()) {
            return NONE;
        }
        return Double.isInfinite(fraction) ? "absolute only" : Num.percent(fraction);
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
            return NO_VALUE;
        }
        return e.isJsonPrimitive() ? text(e.getAsString()) : e.toString();
    }

    /**
     * A diagnostic or parameter value as text: anything that reads as a number goes through {@link #num}, so
     * "0.20122282236110972" shows as 0.2012 and "NaN" as "none"; other text is kept as written.
     */
    static String text(String raw) {
        String s = raw.strip();
        if (NUMBER_LIST.matcher(s).matches() && NUMBER.matcher(s).find()) {
            return NUMBER.matcher(s).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(number(m.group())));
        }
        return raw;
    }

    private static final String NUMBER_TEXT = "[-+]?(?:NaN|Infinity|(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)";
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(NUMBER_TEXT);
    /** A number, or a list of numbers such as "[0.5, NaN]" or "1.2, 3.4": only numbers, brackets, commas, spaces. */
    private static final java.util.regex.Pattern NUMBER_LIST = java.util.regex.Pattern.compile(
            "[\\[(]?\\s*" + NUMBER_TEXT + "(?:\\s*[,;]\\s*" + NUMBER_TEXT + ")*\\s*[\\])]?");

    private static String number(String token) {
        if (token.matches("[-+]?\\d+")) {
            return token; // an integer (a count, a seed) is exact as written; 4 significant digits would round it
        }
        try {
            return num(Double.parseDouble(token));
        } catch (NumberFormatException e) {
            return token;
        }
    }

    /** "mu = 0.5, d = 1024"; empty for a claim without parameters (no stray dash), a dash when not recorded. */
    static String params(Map<String, JsonElement> params) {
        if (params == null) {
            return NONE;
        }
        if (params.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner(", ");
        params.forEach((k, v) -> j.add(k + " = " + value(v)));
        return j.toString();
    }

    static String orNone(Object o) {
        return o == null ? NONE : String.valueOf(o);
    }

}
