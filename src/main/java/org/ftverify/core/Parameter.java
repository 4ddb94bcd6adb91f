package org.ftverify.core;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A named parameter of a claim: its type, range, and the "simple" value shrinking moves toward.
 * Values are Double (REAL), Integer (INT) or String (CHOICE).
 */
public record Parameter(String name, Kind kind, double lo, double hi, boolean logScale, List<String> choices,
                        Object simple, String description) {
    public enum Kind { REAL, INT, CHOICE }

    public static Parameter real(String name, double lo, double hi, double simple, String description) {
        return new Parameter(name, Kind.REAL, lo, hi, false, List.of(), simple, description);
    }

    public static Parameter integer(String name, int lo, int hi, int simple, boolean logScale, String description) {
        return new Parameter(name, Kind.INT, lo, hi, logScale, List.of(), simple, description);
    }

    /** Choices are listed simplest first: shrinking moves toward the front of the list. */
    public static Parameter choice(String name, List<String> choices, String description) {
        return new Parameter(name, Kind.CHOICE, 0, choices.size() - 1, false, List.copyOf(choices), choices.get(0), description);
    }

    public String rangeText() {
        return switch (kind) {
            case REAL -> "[" + fmt(lo) + ", " + fmt(hi) + "]";
            case INT -> "[" + (long) lo + ", " + (long) hi + "] (integer)";
            case CHOICE -> "{" + String.join(", ", choices) + "}";
        };
    }

    /** Converts and range-checks a value given as text or JSON; errors name the parameter and its range. */
    public Object coerce(Object raw) {
        String text = String.valueOf(raw).trim();
        switch (kind) {
            case CHOICE -> {
                if (!choices.contains(text)) throw outOfRange(text);
                return text;
            }
            case INT -> {
                double v = parseNumber(text);
                if (v != Math.rint(v) || v < lo || v > hi) throw outOfRange(text);
                return (int) v;
            }
            default -> {
                double v = parseNumber(text);
                if (!(v >= lo && v <= hi)) throw outOfRange(text);
                return v;
            }
        }
    }

    private double parseNumber(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw outOfRange(text);
        }
    }

    private IllegalArgumentException outOfRange(String text) {
        return new IllegalArgumentException("parameter " + name + ": value '" + text + "' is outside the allowed range " + rangeText());
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(?=$|e)", "");
    }

    public static String describe(List<Parameter> ps) {
        return ps.stream().map(p -> p.name() + " in " + p.rangeText()).collect(Collectors.joining(", "));
    }
}
