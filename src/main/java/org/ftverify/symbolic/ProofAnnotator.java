package org.ftverify.symbolic;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Writes the annotated page: each {@code [symja,...]} block becomes an ordinary source listing, followed by a
 * passthrough block with the step's result as MathML and its status line ("checked", "FAILED: ...", "ERROR: ...",
 * "derived"). Inline {@code symja:[expr]} macros in the prose are typeset (as written, not evaluated).
 */
final class ProofAnnotator {
    private static final String MACRO = "symja:[";

    private ProofAnnotator() {
    }

    static String annotate(ProofPage page, List<StepResult> results, Function<String, String> mathOfInput) {
        StringBuilder out = new StringBuilder();
        String anchorPrefix = "proof-" + slug(page.file) + "-";
        int b = 0;
        boolean inOtherBlock = false;
        String otherDelimiter = null;
        for (int i = 0; i < page.lines.size(); i++) {
            String line = page.lines.get(i);
            ProofBlock block = b < page.blocks.size() ? page.blocks.get(b) : null;
            if (block != null && (i == block.attributeLine() || i == block.titleLine())) {
                if (i == Math.max(block.attributeLine(), block.titleLine())) {
                    StepResult r = b < results.size() ? results.get(b) : null;
                    out.append('.').append(stepTitle(block)).append('\n');
                    out.append("[source,mathematica,id=").append(anchorPrefix).append(block.id()).append("]\n");
                    for (int j = block.openLine(); j <= block.closeLine(); j++) {
                        out.append(page.lines.get(j)).append('\n');
                    }
                    out.append('\n').append(resultBlock(r)).append('\n');
                    i = block.closeLine();
                    b++;
                }
                continue;
            }
            // Leave other delimited listing/literal/passthrough blocks untouched (no macro replacement inside).
            String stripped = line.strip();
            if (isDelimiter(stripped) && (!inOtherBlock || stripped.equals(otherDelimiter))) {
                inOtherBlock = !inOtherBlock;
                otherDelimiter = inOtherBlock ? stripped : null;
                out.append(line).append('\n');
                continue;
            }
            out.append(inOtherBlock ? line : replaceMacros(line, mathOfInput)).append('\n');
        }
        return out.toString();
    }

    private static String stepTitle(ProofBlock block) {
        String kind = block.kind() == ProofBlock.Kind.CHECK ? "check" : "derivation";
        String title = "Step " + block.id() + " (" + kind + ")" + (block.title() == null ? "" : ": " + block.title());
        // "[[x]]" in a title would become an AsciiDoc anchor and vanish; a character reference shows a plain "["
        return title.replace("[", "&#91;");
    }

    static String resultBlock(StepResult r) {
        StringBuilder h = new StringBuilder("++++\n");
        String status = r == null ? "error" : r.status();
        h.append("<div class=\"symja-step symja-").append(status).append("\">\n");
        if (r != null && r.outputMathML() != null) {
            h.append("<div class=\"symja-output\">").append(r.outputMathML()).append("</div>\n");
        } else if (r != null && r.output() != null && !"Null".equals(r.output())) {
            h.append("<pre class=\"symja-output\">").append(MathMl.escape(abbreviate(r.output(), 2000)))
                    .append("</pre>\n");
        }
        h.append("<p class=\"symja-status\"><strong>").append(statusWord(r)).append("</strong>");
        if (r != null && r.message() != null) {
            h.append(": ").append(MathMl.escape(abbreviate(r.message(), 2000)));
        }
        if (r != null) {
            h.append(String.format(Locale.ROOT, " <span class=\"symja-time\">(%.2f s)</span>", r.seconds()));
        }
        h.append("</p>\n</div>\n++++\n");
        return h.toString();
    }

    private static String statusWord(StepResult r) {
        if (r == null) {
            return "ERROR";
        }
        return switch (r.status()) {
            case StepResult.FAILED -> "FAILED";
            case StepResult.ERROR -> "ERROR";
            default -> r.status();
        };
    }

    /** Replaces symja:[expr] (bracket-balanced) with a MathML passthrough. */
    static String replaceMacros(String line, Function<String, String> mathOfInput) {
        if (!line.contains(MACRO)) {
            return line;
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (true) {
            int start = line.indexOf(MACRO, from);
            if (start < 0) {
                break;
            }
            int end = MathMl.closingBracket(line, start + MACRO.length() - 1);
            if (end < 0) {
                break;
            }
            String html = mathOfInput.apply(line.substring(start + MACRO.length(), end));
            // "]" would end the pass macro early; as a character reference it is the same text in HTML
            out.append(line, from, start).append("pass:[").append(html.replace("]", "&#93;")).append(']');
            from = end + 1;
        }
        return out.append(line, from, line.length()).toString();
    }

    private static boolean isDelimiter(String s) {
        return s.length() >= 4 && (s.chars().allMatch(c -> c == '-') || s.chars().allMatch(c -> c == '.')
                || s.chars().allMatch(c -> c == '+') || s.chars().allMatch(c -> c == '/'));
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + " ... (" + s.length() + " characters)";
    }

    static String slug(String file) {
        String name = file.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        if (name.endsWith(".adoc")) {
            name = name.substring(0, name.length() - 5);
        }
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
