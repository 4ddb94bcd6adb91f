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

    /**
     * Where a claim's links lead in this report: its proof steps (by id, with status and anchor), whether the
     * theory-page anchor it cites is in the report, and its measured resolution (from power.json).
     */
    record Links(Map<String, DepGraph.Step> steps, boolean citeInReport, String measuredResolution,
                 Xrefs.Targets anchors, java.nio.file.Path repoRoot) {
        /** The text with the repository's absolute path made relative (engine paths are absolute). */
        String local(String text) {
            return AsciidocBuilder.withoutRoot(text, repoRoot);
        }
    }

    static void write(StringBuilder a, ReportModel.Claim c, Links links) {
        a.append(Adoc.anchorLine("claim", c.id()));
        a.append("=== ").append(Adoc.lit(c.id())).append(" — ").append(InlineText.title(c.title())).append("\n\n");
        a.append("[.ftv-claim-head]\n").append(Adoc.verdictBadge(c.verdict())).append(' ')
                .append(Adoc.provenanceBadge(c.provenance())).append(' ').append(evidenceBadge(c))
                .append(" worst gap/tol ").append(gapSpan(c.normalisedGap())).append(" {nbsp}·{nbsp} ")
                .append(tries(c)).append(" {nbsp}·{nbsp} ").append(Adoc.lit(Fmt.seconds(c.seconds())))
                .append("\n\n");
        if (c.note() != null && !c.note().isBlank()) {
            a.append("NOTE: ").append(Adoc.lit(links.local(c.note()))).append("\n\n");
        }
        blueprint(a, c, links);
        if (c.asciidoc() != null && !c.asciidoc().isBlank()) {
            String fence = fence("====", c.asciidoc());
            a.append(".What is asserted\n").append(fence).append('\n')
                    .append(assertedText(Xrefs.rewrite(c.asciidoc(), links.anchors()))).append('\n').append(fence).append("\n\n");
        } else {
            // The plain-text statement is the console's form; the report shows it only when no AsciiDoc form exists.
            a.append("*Statement.* ").append(Adoc.lit(c.statement())).append("\n\n");
        }
        Double best = bestResolution(c);
        a.append("*Resolution* (smallest relative error of the checked quantity the claim can detect): ")
                .append(best == null ? "no independent comparison to derive it from"
                        : best.isInfinite() ? "absolute errors only (its independent comparisons predict 0)"
                        : Adoc.lit(Fmt.percent(best)) + " from the tolerance of its best independent comparison")
                .append("; measured by perturbing the theory (").append(Adoc.html("<code>./ftverify power</code>"))
                .append("): ").append(Adoc.lit(links.measuredResolution())).append(".\n\n");
        parameters(a, c.parameters());
        evidence(a, c.worst(), c.verdict(), links);
        tries(a, c.tries(), links);
        if (c.counterexample() != null && !c.counterexample().isBlank()) {
            String file = links.local(c.counterexample());
            a.append("*Counterexample* saved at ").append(Adoc.html("<code>" + Html.escape(file)
                    + "</code>")).append(". Replay it (same parameters and seed) with:\n\n");
            a.append(Adoc.listing("./ftverify replay " + file));
        }
        a.append("*Reproduce this claim:*\n\n");
        a.append(c.reproduce() == null ? "No reproduce command recorded.\n\n" : Adoc.listing(links.local(c.reproduce())));
    }

    /** The claim's AsciiDoc as shown under "What is asserted": operators as symbols, symja:[] macros as MathML. */
    static String assertedText(String asciidoc) {
        return SymjaMacros.replace(InlineText.operators(literalDoubleBrackets(asciidoc.strip())));
    }

    /** Where the claim is stated (theory-page anchor), the proof steps it rests on, the quantities it reads. */
    private static void blueprint(StringBuilder a, ReportModel.Claim c, Links links) {
        a.append("*Stated on the theory page:* ");
        if (c.cites() == null || c.cites().isBlank()) {
            a.append("_no anchor cited_");
        } else if (links.citeInReport()) {
            a.append("xref:").append(c.cites()).append("[").append(c.cites()).append("]");
        } else {
            a.append(Adoc.lit(c.cites())).append(" _(the theory page is not in this report)_");
        }
        a.append(" +\n*Rests on proof steps:* ");
        List<String> uses = c.usesOrEmpty();
        if (uses.isEmpty()) {
            a.append("_none recorded_");
        }
        for (int i = 0; i < uses.size(); i++) {
            DepGraph.Step step = links.steps().get(uses.get(i));
            a.append(i == 0 ? "" : ", ");
            a.append(step != null && step.anchor() != null ? "xref:" + step.anchor() + "[" + uses.get(i) + "]"
                    : Adoc.lit(uses.get(i)));
            a.append(' ').append(Adoc.html("<span class=\"ftv-step-status\">("
                    + Html.escape(step == null || step.status() == null ? "not checked" : step.status()) + ")</span>"));
        }
        a.append(" +\n*Reads model quantities:* ")
                .append(c.readsOrEmpty().isEmpty() ? "_none recorded_" : Adoc.lit(String.join(", ", c.readsOrEmpty())))
                .append("\n\n");
    }

    /** The best (smallest) resolution among the claim's independent comparisons in its worst try; null if none. */
    static Double bestResolution(ReportModel.Claim c) {
        if (c.worst() == null || c.worst().comparisons() == null) {
            return null;
        }
        return c.worst().comparisons().stream().filter(x -> x != null && x.independent())
                .map(ReportModel.Comparison::resolution).filter(r -> r != null && !r.isNaN())
                .min(Double::compare).orElse(null);
    }

    /** How many independent and consistency comparisons back the claim; a claim with no independent one is flagged. */
    static String evidenceBadge(ReportModel.Claim c) {
        List<ReportModel.Comparison> cs = c.worst() == null || c.worst().comparisons() == null ? List.of()
                : c.worst().comparisons();
        if (cs.isEmpty()) {
            return Adoc.badge("count-zero", "no comparisons");
        }
        long independent = cs.stream().filter(ReportModel.Comparison::independent).count();
        long consistency = cs.size() - independent;
        if (independent == 0) {
            return Adoc.badge("evidence-none", "no independent comparison");
        }
        return Adoc.badge("count-ok", independent + " independent" + (consistency > 0 ? ", " + consistency
                + " consistency" : ""));
    }

    static String gapSpan(Double gap) {
        return gapSpan(gap, Fmt.gap(gap));
    }

    /** A normalised gap coloured by the verdict threshold, shown as {@code shown} (its column's format). */
    static String gapSpan(Double gap, String shown) {
        return Adoc.html("<span class=\"" + Fmt.gapClass(gap) + "\">" + Html.escape(shown) + "</span>");
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

    private static void evidence(StringBuilder a, ReportModel.Worst w, String verdict, Links links) {
        if (w == null) {
            a.append("NOT_RUN".equals(verdict) ? "_No evidence: the claim was not run._\n\n"
                    : "_No worst-try evidence was recorded for this claim; the tries table below is all there is._\n\n");
            return;
        }
        a.append("*Evidence from the worst try* (seed ").append(Adoc.lit(Fmt.orNone(w.seed())));
        if (w.params() != null && !w.params().isEmpty()) {
            a.append("; ").append(Adoc.lit(Fmt.params(w.params())));
        }
        a.append("): ").append(Adoc.verdictBadge(w.verdict()));
        if (w.reason() != null && !w.reason().isBlank()) {
            a.append(' ').append(Adoc.lit(links.local(w.reason())));
        }
        a.append("\n\n");
        List<ReportModel.Comparison> cs = w.comparisons() == null ? List.of()
                : w.comparisons().stream().filter(x -> x != null).toList();
        if (cs.isEmpty()) {
            a.append("_No comparisons recorded for this try._\n\n");
        } else {
            List<ReportModel.Comparison> independent = cs.stream().filter(ReportModel.Comparison::independent).toList();
            List<ReportModel.Comparison> consistency = cs.stream().filter(x -> !x.independent()).toList();
            if (independent.isEmpty()) {
                a.append("WARNING: No independent comparison: every comparison of this claim checks the model ")
                        .append("against another form of itself, so a wrong theory could pass.\n\n");
            } else {
                comparisons(a, "Independent evidence: predicted against something computed another way", independent);
            }
            if (!consistency.isEmpty()) {
                comparisons(a, "Internal consistency: the model against another form of itself", consistency);
            }
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

    /** One table of comparisons; each numeric column is in one format; one-sided checks show their bound. */
    private static void comparisons(StringBuilder a, String caption, List<ReportModel.Comparison> cs) {
        List<String> predicted = Fmt.column(cs.stream().map(c -> shownPredicted(c)).toList());
        List<String> observed = Fmt.column(cs.stream().map(c -> shownObserved(c)).toList());
        List<String> gap = Fmt.column(cs.stream().map(ReportModel.Comparison::gap).toList());
        List<String> tolerance = Fmt.column(cs.stream().map(ReportModel.Comparison::tolerance).toList());
        List<String> normalised = Fmt.gapColumn(cs.stream().map(ReportModel.Comparison::normalisedGap).toList());
        a.append('.').append(caption).append("\n[cols=\"3,1,1,1,1,1,1,4\",options=\"header\"]\n|===\n")
                .append("|Quantity |Predicted |Observed |Gap |Tolerance |Resolution |Gap/tol |Tolerance derivation\n");
        for (int i = 0; i < cs.size(); i++) {
            ReportModel.Comparison c = cs.get(i);
            String relation = !c.oneSided() ? "" : negated(c) != null ? "≤ " : "≥ ";
            a.append('|').append(Adoc.lit(shownQuantity(c))).append(" |").append(Adoc.lit(relation + predicted.get(i)))
                    .append(" |").append(Adoc.lit(c.observed() == null && c.gap() != null
                            && c.gap().isInfinite() ? "not a number" : observed.get(i)))
                    .append(" |").append(Adoc.lit(gap.get(i))).append(" |").append(Adoc.lit(tolerance.get(i)))
                    .append(" |").append(Adoc.lit(c.oneSided() ? "one-sided" : Fmt.percent(c.resolution())))
                    .append(" |").append(gapSpan(c.normalisedGap(), normalised.get(i))).append(" |")
                    .append(Adoc.lit(c.derivation())).append('\n');
        }
        a.append("|===\n\n");
    }

    private static final java.util.regex.Pattern NEGATED =
            java.util.regex.Pattern.compile("^(.*) \\(negated, at most [^)]*\\)$");

    /** An at-most check is recorded negated ("q (negated, at most B)", -observed ≥ -bound); null for others. */
    private static String negated(ReportModel.Comparison c) {
        if (!c.oneSided() || c.quantity() == null) {
            return null;
        }
        java.util.regex.Matcher m = NEGATED.matcher(c.quantity());
        return m.matches() ? m.group(1) : null;
    }

    private static String shownQuantity(ReportModel.Comparison c) {
        String q = negated(c);
        return q != null ? q : c.quantity();
    }

    private static Double shownPredicted(ReportModel.Comparison c) {
        return negated(c) != null && c.predicted() != null ? Double.valueOf(-c.predicted()) : c.predicted();
    }

    private static Double shownObserved(ReportModel.Comparison c) {
        return negated(c) != null && c.observed() != null ? Double.valueOf(-c.observed()) : c.observed();
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

    private static void tries(StringBuilder a, List<ReportModel.Try> tries, Links links) {
        if (tries == null || tries.isEmpty()) {
            a.append("_No tries were run._\n\n");
            return;
        }
        a.append(".Tries\n[cols=\"1,2,4,2,1,1,3\",options=\"header\"]\n|===\n")
                .append("|# |Seed |Parameters |Verdict |Gap/tol |Time |Reason\n");
        List<String> gaps = Fmt.gapColumn(tries.stream().map(t -> t == null ? null : t.normalisedGap()).toList());
        for (int i = 0; i < tries.size(); i++) {
            ReportModel.Try t = tries.get(i);
            if (t == null) {
                continue;
            }
            a.append('|').append(Adoc.lit(Fmt.orNone(t.index()))).append(" |").append(Adoc.lit(Fmt.orNone(t.seed())))
                    .append(" |").append(Adoc.lit(Fmt.params(t.params()))).append(" |")
                    .append(Adoc.verdictBadge(t.verdict())).append(" |").append(gapSpan(t.normalisedGap(), gaps.get(i)))
                    .append(" |").append(Adoc.lit(Fmt.seconds(t.seconds()))).append(" |")
                    .append(t.reason() == null ? "" : Adoc.lit(links.local(t.reason()))).append('\n');
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
