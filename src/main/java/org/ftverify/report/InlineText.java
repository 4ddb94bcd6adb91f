package org.ftverify.report;

import org.ftverify.symbolic.MathMl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Claim titles and claim texts as a reader should see them. Titles may carry AsciiDoc's superscript and subscript
 * marks ({@code (αK/(γλ))^1/(α+1)^}, {@code m~SGD~}); the report renders them the same way everywhere (table of
 * contents, overview, section headings) and strips them where markup cannot go (SVG tooltips). Claim texts are
 * AsciiDoc, whose typographic replacements turn "&lt;=" into a left double arrow: comparison operators are written
 * as the mathematical symbols before Asciidoctor sees them.
 */
final class InlineText {
    private static final Pattern SUP = Pattern.compile("\\^([^^\\s][^^]*?)\\^");
    private static final Pattern SUB = Pattern.compile("~([^~\\s][^~]*?)~");

    private InlineText() {
    }

    /** A title as an inline HTML passthrough: escaped text with ^sup^ and ~sub~ rendered. Null is an em dash. */
    static String title(String title) {
        if (title == null) {
            return Adoc.lit(null);
        }
        String html = Html.escape(title.replace('\n', ' '));
        html = SUP.matcher(html).replaceAll(m -> "<sup>" + Matcher.quoteReplacement(m.group(1)) + "</sup>");
        html = SUB.matcher(html).replaceAll(m -> "<sub>" + Matcher.quoteReplacement(m.group(1)) + "</sub>");
        return Adoc.html(html);
    }

    /** A title as plain text (SVG tooltips): "x^2^" becomes "x^(2)" when it spans more than one character. */
    static String plainTitle(String title) {
        if (title == null) {
            return "";
        }
        String s = SUP.matcher(title).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1).length() == 1 ? "^" + m.group(1) : "^(" + m.group(1) + ")"));
        return SUB.matcher(s).replaceAll(m -> Matcher.quoteReplacement("_" + m.group(1)));
    }

    /**
     * Comparison operators in AsciiDoc prose as symbols: "&lt;=" would otherwise render as "⇐" and "&lt;=&gt;" as
     * "&lt;⇒". Text inside symja:[...] and pass:[...] macros is left as written (the MathML renderer reads it).
     * "(C)", "(R)" and "(TM)" would become ©, ® and ™: in mathematics they are labels, so they are escaped.
     */
    static String operators(String asciidoc) {
        if (asciidoc == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(asciidoc.length() + 16);
        int i = 0;
        while (i < asciidoc.length()) {
            int macro = macroEnd(asciidoc, i);
            if (macro > i) {
                out.append(asciidoc, i, macro);
                i = macro;
                continue;
            }
            String rest = asciidoc.substring(i, Math.min(asciidoc.length(), i + 4));
            if (rest.startsWith("<=>")) {
                out.append('⇔');
                i += 3;
            } else if (rest.startsWith("<=")) {
                out.append('≤');
                i += 2;
            } else if (rest.startsWith(">=")) {
                out.append('≥');
                i += 2;
            } else if (rest.startsWith("!=")) {
                out.append('≠');
                i += 2;
            } else if (rest.startsWith("(C)") || rest.startsWith("(R)") || rest.startsWith("(TM)")) {
                out.append("&#40;");
                i++;
            } else {
                out.append(asciidoc.charAt(i++));
            }
        }
        return out.toString();
    }

    /** End (exclusive) of a symja:[...] or pass:[...] macro starting at {@code i}, or {@code i} when none does. */
    private static int macroEnd(String s, int i) {
        for (String name : new String[]{"symja:[", "pass:["}) {
            if (s.startsWith(name, i)) {
                int end = MathMl.closingBracket(s, i + name.length() - 1);
                return end < 0 ? i : end + 1;
            }
        }
        return i;
    }
}
