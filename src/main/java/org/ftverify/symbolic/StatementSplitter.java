package org.ftverify.symbolic;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the body of a Symja block into statements. A line break ends a statement unless it falls inside
 * brackets ( ), [ ], { }, a string or a (* comment *), or the text so far ends with an operator that needs a
 * right operand (+ - * / ^ = , -> := &amp;&amp; || and so on). Statements that are only comments are dropped.
 */
final class StatementSplitter {
    private static final String CONTINUATION_ENDINGS = "+-*/^=,&|<>:@\\";

    private StatementSplitter() {
    }

    static List<String> split(String body) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        int commentDepth = 0;
        boolean inString = false;
        StringBuilder codeOnly = new StringBuilder(); // current statement without comments, to test its ending
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            char next = i + 1 < body.length() ? body.charAt(i + 1) : '\0';
            if (commentDepth > 0) {
                current.append(c);
                if (c == '(' && next == '*') {
                    commentDepth++;
                    current.append(next);
                    i++;
                } else if (c == '*' && next == ')') {
                    commentDepth--;
                    current.append(next);
                    i++;
                }
                continue;
            }
            if (inString) {
                current.append(c);
                codeOnly.append(c);
                if (c == '\\' && next != '\0') {
                    current.append(next);
                    codeOnly.append(next);
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '(' && next == '*') {
                commentDepth = 1;
                current.append("(*");
                i++;
                continue;
            }
            if (c == '\n' && depth <= 0 && !continues(codeOnly)) {
                flush(current, codeOnly, out);
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth--;
                default -> {
                }
            }
            current.append(c);
            codeOnly.append(c);
        }
        flush(current, codeOnly, out);
        return out;
    }

    private static boolean continues(StringBuilder code) {
        String s = code.toString().stripTrailing();
        return !s.isEmpty() && CONTINUATION_ENDINGS.indexOf(s.charAt(s.length() - 1)) >= 0;
    }

    private static void flush(StringBuilder current, StringBuilder codeOnly, List<String> out) {
        if (!codeOnly.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        current.setLength(0);
        codeOnly.setLength(0);
    }
}
