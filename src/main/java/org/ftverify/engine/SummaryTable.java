package org.ftverify.engine;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The verdict table printed at the end of a run (and by the build's last step): one row per claim, the claim column
 * as wide as the longest id so long ids never push the other columns out of line.
 */
public final class SummaryTable {
    /** One row; {@code from} says which run the verdict comes from (null when the table shows a single run). */
    public record Row(String claim, String verdict, String gap, double seconds, String from) {}

    private SummaryTable() {}

    public static int width(List<String> ids) {
        return Math.max(5, ids.stream().mapToInt(String::length).max().orElse(5));
    }

    public static void print(PrintStream out, List<Row> rows) {
        int w = width(rows.stream().map(Row::claim).toList());
        boolean from = rows.stream().anyMatch(r -> r.from() != null);
        String fmt = "%-" + w + "s  %-12s  %-8s  %8s" + (from ? "  %s" : "%s") + "%n";
        out.printf(Locale.ROOT, fmt, "claim", "verdict", "gap/tol", "time (s)", from ? "from run" : "");
        int rule = w + 2 + 12 + 2 + 8 + 2 + 8 + (from ? 2 + rows.stream().mapToInt(r -> r.from() == null ? 0 : r.from().length()).max().orElse(8) : 0);
        out.println("-".repeat(rule));
        for (Row r : rows)
            out.printf(Locale.ROOT, fmt, r.claim(), r.verdict(), r.gap(), String.format(Locale.ROOT, "%.1f", r.seconds()),
                    from && r.from() != null ? r.from() : "");
        out.println("-".repeat(rule));
    }

    /** "3 verified, 1 falsified" in first-seen order. */
    public static String counts(List<String> verdicts) {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        verdicts.forEach(v -> counts.merge(v.toLowerCase(Locale.ROOT).replace('_', ' '), 1, Integer::sum));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("no claims run");
    }

    /** "1 try", "3 tries". */
    public static String tries(int n) {
        return n == 1 ? "1 try" : n + " tries";
    }
}
