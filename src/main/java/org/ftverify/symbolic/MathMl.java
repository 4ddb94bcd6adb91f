package org.ftverify.symbolic;

import java.time.Duration;

/**
 * Presentation MathML for Symja expressions, for the report's inline {@code symja:[...]} macros and the proof
 * pages' step results.
 */
public final class MathMl {
    /** Rendering is a tree walk; anything slower than this is a runaway. */
    static final Duration LIMIT = Duration.ofSeconds(10);
    private static final System.Logger LOG = System.getLogger(MathMl.class.getName());

    private MathMl() {
    }

    /**
     * Renders a Symja expression AS WRITTEN (parsed, not evaluated: {@code 1+1} stays {@code 1+1} and an equation
     * stays an equation) as {@code <math>...</math>}. Never throws: on bad input (syntax error, timeout) it returns
     * {@code <code class="symja-fallback">escaped input</code>} and logs why at WARNING.
     */
    public static String render(String symjaExpr) {
        if (symjaExpr == null || symjaExpr.isBlank()) {
            LOG.log(System.Logger.Level.WARNING, "MathML: empty Symja expression");
            return fallback(String.valueOf(symjaExpr));
        }
        try {
            return tidy(Cas.shared().mathMLOfInput(symjaExpr, LIMIT));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "MathML: cannot render Symja expression '"
                    + CasException.abbreviate(symjaExpr) + "': " + e.getMessage());
            return fallback(symjaExpr);
        }
    }

    /**
     * Symja writes Equal as "==" and Rule as "-&gt;"; in typeset mathematics they read as "=" and an arrow.
     */
    static String tidy(String mathML) {
        return mathML.replace("<mo>==</mo>", "<mo>=</mo>").replace("<mo>-&gt;</mo>", "<mo>&#x2192;</mo>");
    }

    static String fallback(String input) {
        return "<code class=\"symja-fallback\">" + escape(input) + "</code>";
    }

    /** Minimal HTML escaping for text and attribute values. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Index of the ']' closing the '[' at {@code open}, honouring nesting, or -1 when there is none. Shared by every
     * place that expands inline {@code symja:[...]} macros (proof pages, report), whose expressions contain brackets.
     */
    public static int closingBracket(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
