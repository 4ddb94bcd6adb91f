package org.ftverify.report;

import com.google.gson.JsonElement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the AsciiDoc section of one claim: what is asserted, where it comes from, and all its evidence. */
final class ClaimSection {
    private ClaimSection() {
    }

    static void write(StringBuilder a, ReportModel.Claim c) {
        a.append(Adoc.anchorLine("claim", c.id()));
        a.append("=== ").append(Adoc.lit(c.id())).append(" — ").append(Adoc.lit(c.title())).append("\n\n");
        a.append("[.ftv-claim-head]\n").append(Adoc.verdictBadge(c.verdict())).append(' ')
                .append(Adoc.provenanceBadge(c.provenance())).append(" worst gap/tol ")
                .append(gapSpan(c.normalisedGap())).append(" {nbsp}·{nbsp} ")
                .append(tries(c)).append(" {nbsp}·{nbsp} ").append(Adoc.lit(Fmt.seconds(c.seconds())))
                .append("\n\n");
        if (c.note() != null && !c.note().isBlank()) {
            a.append("NOTE: ").append(Adoc.lit(c.note())).append("\n\n");
        }
        a.append("*Statement.* ").append(Adoc.lit(c.statement())).append("\n\n");
        if (c.asciidoc() != null && !c.asciidoc().isBlank()) {
            String fence = fence("====", c.asciidoc());
            a.append(".What is asserted\n").append(fence).append('\n')
                    .append(SymjaMacros.replace(literalDoubleBrackets(c.asciidoc().strip()))).append('\n').append(fence).append("\n\n");
        }
        parameters(a, c.parameters());
        evidence(a, c.worst(), c.verdict());
        tries(a, c.tries());
        if (c.counterexample() != null && !c.counterexample().isBlank()) {
            a.append("*Counterexample* saved at ").append(Adoc.html("<code>" + Html.escape(c.counterexample())
                    + "</code>")).append(". Replay it (same parameters and seed) with:\n\n");
            a.append(Adoc.listing("./ftverify replay " + c.counterexample()));
        }
        a.append("*Reproduce this claim:*\n\n");
        a.append(c.reproduce() == null ? "No reproduce command recorded.\n\n" : Adoc.listing(c.reproduce()));
    }

    static String gapSpan(Double gap) {
        return Adoc.html("<span class=\"" + Fmt.gapClass(gap) + "\">" + Html.escape(Fmt.gap(gap)) + "</span>");
    }

    static String tries(ReportModel.Claim c) {
        String run = c.triesRun() == null ? "no tries" : c.triesRun() + (c.triesRun() == 1 ? " try" : " tries");
        int inconclusive = c.triesInconclusive() == null ? 0 : c.triesInconclusive();
        return Adoc.lit(inconclusive > 0 ? run + " (" + inconclusive + " inconclusive)" : run);
    }

    private static void parameters(StringBuilder a, List<ReportModel.Parameter> ps) {
        if (ps == null || ps.isEmpty()) {
            a.append("_No parameters: the claim is checked at a single point._\n\n");
            return;
        }
        boolean described = ps.stream().anyMatch(p -> p.description() != null && !p.description().isBlank());
        a.append(".Parameter space\n[cols=\"").append(described ? "2,1,2,1,4" : "2,1,3,2")
                .append("\",options=\"header\"]\n|===\n")
                .append("|Parameter |Kind |Range searched |Simple value").append(described ? " |Meaning\n" : "\n");
        for (ReportModel.Parameter p : ps) {
            a.append('|').append(Adoc.lit(p.name())).append(" |").append(Adoc.lit(p.kind())).append(" |")
                    .append(Adoc.lit(p.range())).append(" |").append(Adoc.lit(p.simple()));
            if (described) {
                a.append(" |").append(p.description() == null ? "" : Adoc.lit(p.description()));
            }
            a.append('\n');
        }
        a.append("|===\n\n");
    }

    private static void evidence(StringBuilder a, ReportModel.Worst w, String verdict) {
        if (w == null) {
            a.append("NOT_RUN".equals(verdict) ? "_No evidence: the claim was not run._\n\n"
                    : "_No worst-try evidence was recorded for this claim; the tries table below is all there is._\n\n");
            return;
        }
        a.append("*Evidence from the worst try* (seed ").append(Adoc.lit(Fmt.orNone(w.seed()))).append("; ")
                .append(Adoc.lit(Fmt.params(w.params()))).append("): ").append(Adoc.verdictBadge(w.verdict()));
        if (w.reason() != null && !w.reason().isBlank()) {
            a.append(' ').append(Adoc.lit(w.reason()));
        }
        a.append("\n\n");
        List<ReportModel.Comparison> cs = w.comparisons();
        if (cs == null || cs.isEmpty()) {
            a.append("_No comparisons recorded for this try._\n\n");
        } else {
            a.append(".Comparisons: predicted against observed\n")
                    .append("[cols=\"3,1,1,1,1,1,4\",options=\"header\"]\n|===\n")
                    .append("|Quantity |Predicted |Observed |Gap |Tolerance |Gap/tol |Tolerance derivation\n");
            for (ReportModel.Comparison c : cs) {
                a.append('|').append(Adoc.lit(c.quantity())).append(" |").append(Adoc.lit(Fmt.num(c.predicted())))
                        .append(" |").append(Adoc.lit(Fmt.num(c.observed()))).append(" |")
                        .append(Adoc.lit(Fmt.num(c.gap()))).append(" |").append(Adoc.lit(Fmt.num(c.tolerance())))
                        .append(" |").append(gapSpan(c.normalisedGap())).append(" |")
                        .append(Adoc.lit(c.derivation())).append('\n');
            }
            a.append("|===\n\n");
        }
        Map<String, JsonElement> diagnostics = w.diagnostics();
        if (diagnostics != null && !diagnostics.isEmpty()) {
            a.append(".Diagnostics\n[cols=\"1,3\"]\n|===\n");
            diagnostics.forEach((k, v) -> a.append('|').append(Adoc.lit(k)).append(" |")
                    .append(Adoc.lit(Fmt.value(v))).append('\n'));
            a.append("|===\n\n");
        }
        plots(a, w.series());
    }

    /** One SVG per distinct plot name, in order of first appearance. A plot that cannot be drawn says why. */
    private static void plots(StringBuilder a, List<ReportModel.Series> series) {
        if (series == null || series.isEmpty()) {
            return;
        }
        Map<String, List<ReportModel.Series>> byPlot = new LinkedHashMap<>();
        for (ReportModel.Series s : series) {
            byPlot.computeIfAbsent(s.plot() == null ? "(untitled plot)" : s.plot(), k -> new ArrayList<>()).add(s);
        }
        byPlot.forEach((name, group) -> {
            try {
                a.append(Adoc.passBlock("<div class=\"ftv-plot-box\">" + SvgPlot.render(name, group) + "</div>"));
            } catch (IllegalArgumentException e) {
                a.append("WARNING: Plot ").append(Adoc.lit("'" + name + "'")).append(" could not be drawn: ")
                        .append(Adoc.lit(e.getMessage())).append("\n\n");
            }
        });
    }

    private static void tries(StringBuilder a, List<ReportModel.Try> tries) {
        if (tries == null || tries.isEmpty()) {
            a.append("_No tries were run._\n\n");
            return;
        }
        a.append(".Tries\n[cols=\"1,2,4,2,1,1,3\",options=\"header\"]\n|===\n")
                .append("|# |Seed |Parameters |Verdict |Gap/tol |Time |Reason\n");
        for (ReportModel.Try t : tries) {
            a.append('|').append(Adoc.lit(Fmt.orNone(t.index()))).append(" |").append(Adoc.lit(Fmt.orNone(t.seed())))
                    .append(" |").append(Adoc.lit(Fmt.params(t.params()))).append(" |")
                    .append(Adoc.verdictBadge(t.verdict())).append(" |").append(gapSpan(t.normalisedGap()))
                    .append(" |").append(Adoc.lit(Fmt.seconds(t.seconds()))).append(" |")
                    .append(t.reason() == null ? "" : Adoc.lit(t.reason())).append('\n');
        }
        a.append("|===\n\n");
    }

    /**
     * A block delimiter that is not a line of the content. Asciidoctor matches delimiters by exact length, so a
     * longer fence lets the claim's own AsciiDoc contain "====" blocks without closing ours early.
     */
    static String fence(String base, String content) {
        List<String> lines = content.lines().map(String::strip).toList();
        String f = base;
        while (lines.contains(f)) {
            f += base.charAt(0);
        }
        return f;
    }

    /**
     * Claim texts write matrices as [[B, A], [A, 0]]; AsciiDoc would read "[[B" as an anchor and swallow the text, so
     * a double bracket outside a symja:[...] macro is escaped. Claim texts never need anchors of their own.
     */
    static String literalDoubleBrackets(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("symja:[", i)) {
                int end = org.ftverify.symbolic.MathMl.closingBracket(text, i + "symja:".length());
                if (end > 0) {
                    out.append(text, i, end + 1);
                    i = end + 1;
                    continue;
                }
            }
            if (text.startsWith("[[", i) && (i == 0 || text.charAt(i - 1) != '\\')) out.append('\\');
            out.append(text.charAt(i++));
        }
        return out.toString();
    }
}
