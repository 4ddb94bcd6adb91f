package org.ftverify.report;

import org.ftverify.symbolic.MathMl;

/**
 * Replaces inline {@code symja:[expr]} macros in a claim's AsciiDoc with MathML passthroughs. Symja expressions
 * use square brackets themselves (Sqrt[d], Exp[-x]), so the macro's end is found by bracket balancing rather than
 * by the first "]". An unbalanced macro is left as written and reported by the caller's AsciiDoc warning.
 */
final class SymjaMacros {
    private static final String OPEN = "symja:[";

    private SymjaMacros() {
    }

    static String replace(String asciidoc) {
        if (asciidoc == null || !asciidoc.contains(OPEN)) {
            return asciidoc;
        }
        StringBuilder out = new StringBuilder(asciidoc.length() * 2);
        int from = 0;
        while (true) {
            int start = asciidoc.indexOf(OPEN, from);
            if (start < 0) {
                break;
            }
            int end = MathMl.closingBracket(asciidoc, start + OPEN.length() - 1);
            if (end < 0) {
                break;
            }
            out.append(asciidoc, from, start);
            String expression = asciidoc.substring(start + OPEN.length(), end);
            out.append(Adoc.html(math(expression)));
            from = end + 1;
        }
        out.append(asciidoc, from, asciidoc.length());
        return out.toString();
    }

    /** MathML of the expression as displayed (see SymjaDisplay); if the rewrite does not parse, the original. */
    static String math(String expression) {
        String shown = MathMl.render(SymjaDisplay.input(expression));
        return SymjaDisplay.output(shown.contains("symja-fallback") ? MathMl.render(expression) : shown);
    }

}
