package org.ftverify.report;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ftverify.core.Num;

/**
 * The "Findings" section that opens the report: every real counterexample to a statement as written (curated entries
 * of verification/findings/, then archived counterexamples of real theories that no entry explains yet), each with the
 * statement, the counterexample, a replay command and its status (open / spec corrected / fixed in ftverify). Mutants are not findings.
 */
public final class FindingsSection {
    private FindingsSection() {}

    /** The section for the repository at {@code root} (the ftverify.root system property when null). */
    public static String forReport(Path root) {
        Path r = root != null ? root : Path.of(System.getProperty("ftverify.root", ".")).toAbsolutePath().normalize();
        try {
            List<Finding> curated = Finding.load(r.resolve("verification/findings"));
            Set<String> explained = new HashSet<>();
            curated.forEach(f -> explained.addAll(f.counterexampleFiles()));
            return render(curated, Finding.archived(r, r.resolve("verification/counterexamples"), explained));
        } catch (IllegalArgumentException e) {
            return "[[findings]]\n== Findings\n\nWARNING: " + ExploreSection.lit(e.getMessage()) + "\n\n";
        }
    }

    static String render(List<Finding> curated, List<Finding.Archived> archived) {
        StringBuilder a = new StringBuilder("[[findings]]\n== Findings\n\n");
        if (curated.isEmpty() && archived.isEmpty()) {
            return a.append("No counterexample to any statement of a registered theory has been found (mutants excluded).\n\n").toString();
        }
        long open = curated.stream().filter(f -> f.status().equals("open")).count() + archived.size();
        a.append("Counterexamples kept in the archive: real counterexamples to statements of the theories as they were written ")
                .append("(open, or spec corrected), and points that exposed a bug of ftverify itself (fixed in ftverify, kept as ")
                .append("regression tests). Deliberately wrong theories, the mutants, are not findings. ").append(curated.size() + archived.size()).append(" in total, ").append(open)
                .append(" open. Each entry lives in `verification/` and can be replayed.\n\n");
        a.append("[cols=\"3,4,5,4,2\",options=\"header\"]\n|===\n|Finding |Statement as written |Counterexample |Replay |Status\n");
        for (Finding f : curated) {
            a.append("|<<finding-").append(f.id().replaceAll("[^A-Za-z0-9._-]", "-")).append(",").append(f.id().replace(",", "&#44;")).append(">> ")
                    .append(ExploreSection.lit("(" + String.join(", ", f.claims()) + ")"))
                    .append(" |").append(ExploreSection.lit(f.statement()))
                    .append(" |").append(ExploreSection.lit(f.counterexample()))
                    .append(" |").append(code(f.replay()))
                    .append(" |").append(status(f.status())).append('\n');
        }
        for (Finding.Archived x : archived) {
            a.append("|").append(ExploreSection.lit("archived counterexample of " + x.claim()))
                    .append(" |").append(ExploreSection.lit("the claim " + x.claim() + " (see its section)"))
                    .append(" |").append(ExploreSection.lit(x.params() + " seed " + x.seed() + " at level " + x.level()
                            + (x.normalisedGap() == null ? "" : ", gap/tol " + Num.sig(x.normalisedGap(), 3))))
                    .append(" |").append(code("./ftverify replay " + x.file()))
                    .append(" |").append(status("open")).append('\n');
        }
        a.append("|===\n\n");
        for (Finding f : curated) {
            a.append("[[finding-").append(f.id().replaceAll("[^A-Za-z0-9._-]", "-")).append("]]\n=== ").append(ExploreSection.lit(f.id()))
                    .append("\n\n");
            a.append("*Status:* ").append(status(f.status())).append(" · found by ").append(ExploreSection.lit(f.foundBy()))
                    .append(" on ").append(ExploreSection.lit(f.foundOn())).append(" · theory ").append(ExploreSection.lit(f.theory())).append("\n\n");
            a.append("*Statement as written.* ").append(ExploreSection.lit(f.statement())).append("\n\n");
            a.append("*Counterexample.* ").append(ExploreSection.lit(f.counterexample())).append("\n\n");
            a.append("*Why.* ").append(ExploreSection.lit(f.explanation())).append("\n\n");
            if (!f.resolution().isBlank()) a.append("*Resolution.* ").append(ExploreSection.lit(f.resolution())).append("\n\n");
            a.append("Replay:\n\n----\n").append(f.replay()).append("\n----\n\n");
        }
        return a.toString();
    }

    private static String status(String s) {
        String cls = s.equals("open") ? "verdict-falsified" : "verdict-verified";
        return "pass:[<span class=\"badge " + cls + "\">" + MarginMap.esc(s) + "</span>]";
    }

    private static String code(String s) {
        return "pass:[<code>" + MarginMap.esc(s).replace("\\", "&#92;").replace("]", "\\]").replace("|", "&#124;") + "</code>]";
    }
}
