package org.ftverify.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the report as one AsciiDoc document: run summary, overview, one section per theory (claims with
 * evidence and plots), proofs, reproducibility, then the user guide pages (as include directives, resolved
 * by Asciidoctor relative to the docs directory, which ReportWriter makes the base directory).
 */
final class AsciidocBuilder {
    private final ReportModel.Results results;
    private final Path resultsPath;
    private final ReportModel.Proofs proofs;
    private final Path proofsPath;
    private final List<DocsPages.Page> docPages;

    AsciidocBuilder(ReportModel.Results results, Path resultsPath, ReportModel.Proofs proofs, Path proofsPath,
                    List<DocsPages.Page> docPages) {
        this.results = results;
        this.resultsPath = resultsPath;
        this.proofs = proofs;
        this.proofsPath = proofsPath;
        this.docPages = docPages;
    }

    String build() {
        StringBuilder a = new StringBuilder(64 * 1024);
        a.append("= ftverify theory report\n:toc: left\n:toclevels: 2\n:sectanchors:\n:table-caption!:\n")
                .append(":example-caption!:\n:figure-caption!:\n\n");
        a.append(FindingsSection.forReport(null)); // explore hook: the report opens with the findings (FindingsSection)
        if (results == null) {
            a.append("WARNING: No results file at ").append(code(resultsPath))
                    .append(": no claim has been checked, so this report has no verdicts. ")
                    .append("Run the verifier first; it writes that file.\n\n");
        } else {
            a.append("Verdicts and evidence read from ").append(code(resultsPath))
                    .append(". A claim is VERIFIED only when every try stayed within its derived tolerance ")
                    .append("(normalised gap at most 1)")
                    .append(docPages.stream().anyMatch(p -> p.name().equals("reading-the-report.adoc"))
                            ? "; <<reading-the-report,Reading the report>> explains every part." : ".")
                    .append("\n\n");
            summary(a);
            overview(a);
            for (ReportModel.Theory t : results.theories()) {
                theory(a, t);
            }
        }
        a.append(ExploreSection.render(resultsPath == null ? null : resultsPath.toAbsolutePath().resolveSibling("explore"))); // explore hook
        proofs(a);
        if (results != null) {
            reproducibility(a);
        }
        docs(a);
        return a.toString();
    }

    private void summary(StringBuilder a) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        ReportModel.VERDICTS.forEach(v -> counts.put(v, 0));
        int total = 0;
        for (ReportModel.Theory t : results.theories()) {
            for (ReportModel.Claim c : claims(t)) {
                counts.merge(c.verdict(), 1, Integer::sum);
                total++;
            }
        }
        StringBuilder h = new StringBuilder("<div class=\"ftv-cards\">\n");
        card(h, "", "Level", Fmt.orNone(results.level()));
        card(h, "", "Run seed", Fmt.orNone(results.runSeed()));
        card(h, "", "Claims", String.valueOf(total));
        counts.forEach((v, n) -> card(h, v.toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                v.replace('_', ' ').toLowerCase(java.util.Locale.ROOT), String.valueOf(n)));
        card(h, "", "Total time", Fmt.seconds(results.elapsedSeconds()));
        card(h, "", "Started", startedAt(results.startedAt()));
        h.append("</div>");
        a.append("== Run summary\n\n").append(Adoc.passBlock(h.toString()));
        a.append("Produced by ").append(Adoc.lit(Fmt.orNone(results.tool()) + " " + Fmt.orNone(results.version())))
                .append(". Reproduce the whole run with:\n\n");
        a.append(results.command() == null ? "_No command recorded._\n\n" : Adoc.listing(results.command()));
    }

    /** The start instant to the second (the engine records nanoseconds); anything unparsable is shown as is. */
    static String startedAt(String instant) {
        if (instant == null) {
            return Fmt.NONE;
        }
        try {
            return java.time.Instant.parse(instant).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return instant;
        }
    }

    private static void card(StringBuilder h, String cls, String key, String value) {
        h.append("<div class=\"ftv-card").append(cls.isEmpty() ? "" : " " + cls).append("\"><div class=\"k\">")
                .append(Html.escape(key)).append("</div><div class=\"v\">").append(Html.escape(value))
                .append("</div></div>\n");
    }

    private void overview(StringBuilder a) {
        a.append("== Overview\n\n");
        a.append("[cols=\"4,2,2,1,1,1\",options=\"header\"]\n|===\n")
                .append("|Claim |Verdict |Provenance |Worst gap/tol |Tries |Time\n");
        int rows = 0;
        for (ReportModel.Theory t : results.theories()) {
            for (ReportModel.Claim c : claims(t)) {
                a.append("|<<").append(Adoc.anchor("claim", c.id())).append(",").append(c.id().replace(",", "&#44;"))
                        .append(">> ").append(Adoc.lit(c.title())).append(" |").append(Adoc.verdictBadge(c.verdict()))
                        .append(" |").append(Adoc.provenanceBadge(c.provenance())).append(" |")
                        .append(ClaimSection.gapSpan(c.normalisedGap())).append(" |").append(ClaimSection.tries(c))
                        .append(" |").append(Adoc.lit(Fmt.seconds(c.seconds()))).append('\n');
                rows++;
            }
        }
        if (rows == 0) {
            a.append("6+|No claims in the results file.\n");
        }
        a.append("|===\n\n");
    }

    private void theory(StringBuilder a, ReportModel.Theory t) {
        a.append(Adoc.anchorLine("theory", t.id())).append("== ")
                .append(Adoc.lit(t.title() == null ? t.id() : t.title())).append("\n\n");
        a.append("*Theory id:* ").append(Adoc.lit(t.id())).append(" +\n*Citation:* ").append(Adoc.lit(t.citation()))
                .append("\n\n");
        if (t.provenance() == null || t.provenance().isEmpty()) {
            a.append("_No provenance notes recorded for this theory._\n\n");
        } else {
            a.append(".Provenance: where the statements come from\n****\n");
            t.provenance().forEach(p -> a.append("* ").append(Adoc.lit(p)).append('\n'));
            a.append("****\n\n");
        }
        if (t.proof() != null) {
            a.append("*Proof page:* ").append(code(Path.of(t.proof())));
            ReportModel.Proof p = proofFor(t.proof());
            a.append(p != null ? " — see <<" + Adoc.anchor("proof", p.file()) + ">>."
                    : proofs == null ? " (no proofs file, so not checked in this report)."
                    : " (not found in the proofs file).").append("\n\n");
        }
        List<ReportModel.Claim> claims = claims(t);
        if (claims.isEmpty()) {
            a.append("_This theory has no claims in the results file._\n\n");
        }
        claims.forEach(c -> ClaimSection.write(a, c));
    }

    private ReportModel.Proof proofFor(String file) {
        if (proofs == null) {
            return null;
        }
        return proofs.proofs().stream().filter(p -> file.equals(p.file())).findFirst().orElse(null);
    }

    private void proofs(StringBuilder a) {
        a.append("== Proofs\n\n");
        if (proofs == null) {
            a.append("WARNING: No proofs file at ").append(code(proofsPath))
                    .append(": the symbolic proof pages were not checked for this report.\n\n");
            return;
        }
        if (proofs.proofs().isEmpty()) {
            a.append("The proofs file ").append(code(proofsPath)).append(" lists no proof pages.\n\n");
            return;
        }
        a.append("Symbolic proof pages checked by Symja, read from ").append(code(proofsPath)).append(".\n\n");
        for (ReportModel.Proof p : proofs.proofs()) {
            a.append(Adoc.anchorLine("proof", p.file())).append("=== ")
                    .append(Adoc.lit(p.title() == null ? p.file() : p.title())).append("\n\n");
            a.append(count("checked", p.checked(), false)).append(' ').append(count("failed", p.failed(), true))
                    .append(' ').append(count("errors", p.errors(), true)).append(" file ").append(code(Path.of(
                            p.file() == null ? "?" : p.file()))).append("\n\n");
            if (p.annotatedAsciidoc() == null || p.annotatedAsciidoc().isBlank()) {
                a.append("_No annotated proof text recorded._\n\n");
                continue;
            }
            // The page's own "= Title" is already our heading; its "==" sections go one level below ours.
            a.append(":leveloffset: +2\n\n").append(withoutDocumentTitle(p.annotatedAsciidoc()))
                    .append("\n\n:leveloffset!:\n\n");
        }
    }

    static String withoutDocumentTitle(String adoc) {
        String s = adoc.stripLeading();
        if (s.startsWith("= ")) {
            int nl = s.indexOf('\n');
            return nl < 0 ? "" : s.substring(nl + 1);
        }
        return s;
    }

    private static String count(String what, Integer n, boolean badWhenPositive) {
        if (n == null) {
            return Adoc.badge("count-zero", what + ": not recorded");
        }
        String cls = n == 0 ? "count-zero" : badWhenPositive ? "count-bad" : "count-ok";
        return Adoc.badge(cls, n + " " + what);
    }

    private void reproducibility(StringBuilder a) {
        a.append("== Reproducibility\n\n[cols=\"1,3\"]\n|===\n");
        ReportModel.Environment e = results.environment();
        a.append("|Command |").append(results.command() == null ? Fmt.NONE
                : Adoc.html("<code>" + Html.escape(results.command()) + "</code>")).append('\n');
        row(a, "Run seed", Fmt.orNone(results.runSeed()));
        row(a, "Level", results.level());
        if (e == null) {
            a.append("2+|No environment recorded.\n");
        } else {
            row(a, "JDK", Fmt.orNone(e.java()) + (e.javaVendor() == null ? "" : " (" + e.javaVendor() + ")"));
            row(a, "OS", e.os());
            row(a, "CPU", e.cpu());
            row(a, "Cores", Fmt.orNone(e.cores()));
            row(a, "Vector API", (e.vectorApi() == null ? "not recorded"
                    : e.vectorApi() ? "jdk.incubator.vector loaded" : "jdk.incubator.vector not loaded")
                    + "; species " + Fmt.orNone(e.vectorSpecies()));
            if (e.libraries() != null) {
                e.libraries().forEach((lib, version) -> row(a, "Library " + lib, version));
            }
        }
        a.append("|===\n\n");
    }

    private static void row(StringBuilder a, String key, String value) {
        a.append('|').append(Adoc.lit(key)).append(" |").append(Adoc.lit(value)).append('\n');
    }

    private void docs(StringBuilder a) {
        if (docPages.isEmpty()) {
            return;
        }
        a.append("== User guide\n\n");
        for (DocsPages.Page page : docPages) {
            a.append("include::").append(page.name()).append("[leveloffset=").append(page.offsetAttribute())
                    .append("]\n\n");
        }
    }

    private static List<ReportModel.Claim> claims(ReportModel.Theory t) {
        return t.claims() == null ? List.of() : t.claims();
    }

    private static String code(Path p) {
        return Adoc.html("<code>" + Html.escape(String.valueOf(p)) + "</code>");
    }
}
