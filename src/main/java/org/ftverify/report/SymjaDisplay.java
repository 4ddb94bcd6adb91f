package org.ftverify.report;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a claim's {@code symja:[...]} expression typeset as the author meant it. Symja reads symbols
 * case-insensitively (uSGD becomes "usgd", mODE "mode") and takes gamma and beta for the Gamma and Beta functions
 * (printed as capital letters), so before rendering: Greek names become Greek letters, a name followed by an
 * upper-case tag or by digits becomes a subscript (uSGD → u with subscript SGD, tau0 → τ with subscript 0). After
 * rendering, Max/Min print as max/min and absolute-value bars as plain vertical bars.
 */
final class SymjaDisplay {
    private static final Map<String, String> GREEK = Map.ofEntries(
            Map.entry("alpha", "α"), Map.entry("beta", "β"), Map.entry("gamma", "γ"), Map.entry("delta", "δ"),
            Map.entry("epsilon", "ε"), Map.entry("zeta", "ζ"), Map.entry("eta", "η"), Map.entry("theta", "θ"),
            Map.entry("iota", "ι"), Map.entry("kappa", "κ"), Map.entry("lambda", "λ"), Map.entry("mu", "μ"),
            Map.entry("nu", "ν"), Map.entry("xi", "ξ"), Map.entry("rho", "ρ"), Map.entry("sigma", "σ"),
            Map.entry("tau", "τ"), Map.entry("phi", "φ"), Map.entry("chi", "χ"), Map.entry("psi", "ψ"),
            Map.entry("omega", "ω"));
    /** A symbol: letters then letters or digits; a following '(' or '[' makes it a function head, kept as is. */
    private static final Pattern SYMBOL = Pattern.compile("(?<![A-Za-z0-9$\\\\])([A-Za-z][A-Za-z0-9]*)(?![A-Za-z0-9(\\[])");
    private static final Pattern TAGGED = Pattern.compile("([a-z]+)([A-Z][A-Z0-9]+|[0-9]+)");

    private SymjaDisplay() {
    }

    /** The expression with Greek names and tagged names rewritten; text inside "..." strings is left alone. */
    static String input(String expr) {
        StringBuilder out = new StringBuilder(expr.length() + 16);
        boolean inString = false;
        int from = 0;
        for (int i = 0; i <= expr.length(); i++) {
            if (i == expr.length() || expr.charAt(i) == '"') {
                String part = expr.substring(from, i);
                out.append(inString ? part : symbols(part));
                if (i < expr.length()) {
                    out.append('"');
                }
                inString = !inString;
                from = i + 1;
            }
        }
        return out.toString();
    }

    private static String symbols(String code) {
        Matcher m = SYMBOL.matcher(code);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(symbol(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String symbol(String name) {
        String greek = GREEK.get(name);
        if (greek != null) {
            return greek;
        }
        Matcher t = TAGGED.matcher(name);
        if (t.matches()) {
            String base = GREEK.getOrDefault(t.group(1), t.group(1));
            String tag = t.group(2);
            return "Subscript(" + base + "," + (tag.chars().allMatch(Character::isDigit) ? tag : "\"" + tag + "\"") + ")";
        }
        return name;
    }

    /** Presentation fixes on Symja's MathML. */
    static String output(String mathML) {
        return mathML.replace("<mi>Max</mi>", "<mi>max</mi>").replace("<mi>Min</mi>", "<mi>min</mi>")
                .replace("<mo>&#10072;</mo>", "<mo stretchy=\"false\">|</mo>");
    }
}
