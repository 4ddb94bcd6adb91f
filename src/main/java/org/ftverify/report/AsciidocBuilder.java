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
    private final Path docsDir;
    private final Path repoRoot;
    private final PowerResults power;
    private final Map<String, TheoryPages.Page> theoryPages = new LinkedHashMap<>();
    private final Xrefs.Known anchors;

    /**
     * @param repoRoot the repository the pages come from (theory pages, power.json); paths shown in the report are
     *                 relative to it, and nothing outside it is read or shown
     */
    AsciidocBuilder(ReportModel.Results results, Path resultsPath, ReportModel.Proofs proofs, Path proofsPath,
                    List<DocsPages.Page> docPages, Path docsDir, Path repoRoot, PowerResults power) {
        this.results = results;
        this.resultsPath = resultsPath;
        this.proofs = proofs;
        this.proofsPath = proofsPath;
        this.docPages = docPages;
        this.docsDir = docsDir;
        this.repoRoot = repoRoot;
        this.power = power == null ? PowerResults.NONE : power;
        if (results != null) {
            for (ReportModel.Theory t : results.theories()) {
                TheoryPages.Page page = TheoryPages.load(repoRoot, t);
                if (page != null) {
                    theoryPages.put(t.id(), page);
                }
            }
        }
        this.anchors = new Xrefs.Known(knownAnchors());
    }

    /** Every anchor this report will define: its own sections, theory-page anchors, proof steps and anchors. */
    private java.util.Set<String> knownAnchors() {
        java.util.Set<String> known = new java.util.HashSet<>();
        if (results != null) {
            for (ReportModel.Theory t : results.theories()) {
                known.add(Adoc.anchor("theory", t.id()));
                claims(t).forEach(c -> known.add(Adoc.anchor("claim", c.id())));
            }
        }
        for (DocsPages.Page page : docPages) {
            known.add(Adoc.anchor("guide", Xrefs.pageName(page.name())));
            known.addAll(org.ftverify.core.PageIndex.of(docsDir.resolve(page.name())).anchors());
        }
        theoryPages.forEach((id, page) -> {
            known.add(TheoryPages.anchor(id));
            known.addAll(page.anchors());
        });
        if (proofs != null) {
            for (ReportModel.Proof p : proofs.proofs()) {
                known.add(Adoc.proofAnchor(p.file()));
                if (p.annotatedAsciidoc() != null) {
                    known.addAll(org.ftverify.core.PageIndex.ofText(String.valueOf(p.file()), p.annotatedAsciidoc())
                            .anchors());
                }
                if (p.steps() != null && p.file() != null) {
                    p.steps().forEach(st -> known.add(stepAnchor(p.file(), st.id())));
                }
            }
        }
        return known;
    }

    /** The anchor the proof annotator gives a step: "proof-" + page slug + "-" + step id. */
    static String stepAnchor(String proofFile, String stepId) {
        return new Xrefs.Known(java.util.Set.of()).proofStep(Xrefs.pageName(proofFile), stepId);
    }

    String build() {
        StringBuilder a = new StringBuilder(64 * 1024);
        a.append("= ftverify theory report\n:toc: left\n:toclevels: 2\n:sectanchors:\n:table-caption!:\n")
                .append(":example-caption!:\n:figure-caption!:\n\n");
        a.append(FindingsSection.forReport(repoRoot)); // the report opens with the findings
        if (results == null) {
            a.append("WARNING: No results file at ").append(shown(resultsPath))
                    .append(": no claim has been checked, so this report has no verdicts. ")
                    .append("Run the verifier first; it writes that file.\n\n");
        } else {
            a.append("Verdicts and evidence read from ").append(shown(resultsPath))
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
        a.append(results.command() == null ? "_No command recorded._\n\n"
                : Adoc.listing(withoutRoot(results.command(), repoRoot)));
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
        a.append("Resolution is the smallest relative error of the checked quantity a claim can detect: from the ")
                .append("tolerance of its best independent comparison (tolerance / |predicted|), and measured by ")
                .append("perturbing the theory (").append(Adoc.html("<code>./ftverify power</code>"))
                .append(", read from ").append(Adoc.html("<code>verification/power.json</code>")).append(").\n\n");
        a.append("[.ftv-overview,cols=\"6,4,5,4,4,3,4\",options=\"header\"]\n|===\n")
                .append("|Claim |Verdict |Provenance |Evidence |Resolution: tolerance, measured ")
                .append("|Gap/tol |Tries, time\n");
        int rows = 0;
        for (ReportModel.Theory t : results.theories()) {
            for (ReportModel.Claim c : claims(t)) {
                a.append("|<<").append(Adoc.anchor("claim", c.id())).append(",").append(c.id().replace(",", "&#44;"))
                        .append(">> ").append(InlineText.title(c.title())).append(" |").append(Adoc.verdictBadge(c.verdict()))
                        .append(" |").append(Adoc.provenanceBadge(c.provenance())).append(" |")
                        .append(ClaimSection.evidenceBadge(c)).append(" |")
                        .append(Adoc.lit("tolerance: " + Fmt.percent(ClaimSection.bestResolution(c)))).append(" +\n")
                        .append(Adoc.lit(measured(c.id()))).append(" |")
                        .append(ClaimSection.gapSpan(c.normalisedGap())).append(" |").append(ClaimSection.tries(c))
                        .append(" +\n").append(Adoc.lit(Fmt.seconds(c.seconds()))).append('\n');
                rows++;
            }
        }
        if (rows == 0) {
            a.append("7+|No claims in the results file.\n");
        }
        a.append("|===\n\n");
    }

    private String measured(String claimId) {
        String m = power.shown(claimId);
        return m.startsWith("not ") ? m : "measured: " + m;
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
            a.append("*Proof page:* ").append(Adoc.html("<code>" + Html.escape(t.proof()) + "</code>"));
            ReportModel.Proof p = proofFor(t.proof());
            a.append(p != null ? " — see <<" + Adoc.proofAnchor(p.file()) + ">>."
                    : proofs == null ? " (no proofs file, so not checked in this report)."
                    : " (not found in the proofs file).").append("\n\n");
        }
        theoryPage(a, t);
        List<ReportModel.Claim> claims = claims(t);
        if (claims.isEmpty()) {
            a.append("_This theory has no claims in the results file._\n\n");
            return;
        }
        Map<String, DepGraph.Step> steps = steps(t);
        blueprintGraph(a, t, claims, steps);
        for (ReportModel.Claim c : claims) {
            ClaimSection.write(a, c, new ClaimSection.Links(steps, anchors.has(c.cites()), power.shown(c.id()),
                    anchors, repoRoot));
        }
    }

    /** The theory page (model, notation, one anchor per claim), included under its own heading. */
    private void theoryPage(StringBuilder a, ReportModel.Theory t) {
        TheoryPages.Page page = theoryPages.get(t.id());
        if (page == null) {
            a.append("_No theory page for ").append(Adoc.lit(t.id())).append(" in this repository._\n\n");
            return;
        }
        a.append("[[").append(TheoryPages.anchor(t.id())).append("]]\n=== Theory page\n\n")
                .append("From ").append(Adoc.html("<code>" + Html.escape(page.path()) + "</code>"))
                .append(": the model, its notation, and each claim as the theory states it.\n\n");
        // The page's "==" sections go two levels below the theory's "==" heading, under "=== Theory page".
        a.append(":leveloffset: +2\n\n")
                .append(TheoryPages.body(page.text(), line -> SymjaMacros.replace(InlineText.operators(
                        Xrefs.rewrite(line, anchors)))))
                .append("\n\n:leveloffset!:\n\n");
    }

    /** The proof steps of the theory's proof page, with status and report anchor, as the claims use them. */
    private Map<String, DepGraph.Step> steps(ReportModel.Theory t) {
        Map<String, DepGraph.Step> steps = new LinkedHashMap<>();
        ReportModel.Proof p = t.proof() == null ? null : proofFor(t.proof());
        if (p != null && p.steps() != null) {
            for (ReportModel.ProofStep st : p.steps()) {
                if (st != null && st.id() != null) {
                    String anchor = stepAnchor(p.file(), st.id());
                    steps.put(st.id(), new DepGraph.Step(st.id(), st.status(), anchors.has(anchor) ? anchor : null));
                }
            }
        }
        return steps;
    }

    private void blueprintGraph(StringBuilder a, ReportModel.Theory t, List<ReportModel.Claim> claims,
                                Map<String, DepGraph.Step> steps) {
        a.append("[[").append(Adoc.anchor("graph", t.id())).append("]]\n=== Dependency graph\n\n")
                .append("Proof steps (left) and model quantities (right) each claim rests on; claims coloured by ")
                .append("verdict, steps by their proof status. Every node links to its section.\n\n");
        if (claims.stream().allMatch(c -> c.usesOrEmpty().isEmpty() && c.readsOrEmpty().isEmpty())) {
            a.append("NOTE: No claim of this theory records the proof steps it uses or the model quantities it ")
                    .append("reads, so the graph shows the claims alone.\n\n");
        }
        String quantityAnchor = java.util.stream.Stream.of(t.id() + "-notation", t.id() + "-model",
                TheoryPages.anchor(t.id())).filter(anchors::has).findFirst().orElse(null);
        a.append(Adoc.passBlock("<div class=\"ftv-graph-box\">" + DepGraph.render(t.id(), claims, steps,
                q -> new DepGraph.Quantity(q, quantityAnchor)) + "</div>"));
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
            a.append("WARNING: No proofs file at ").append(shown(proofsPath))
                    .append(": the symbolic proof pages were not checked for this report.\n\n");
            return;
        }
        if (proofs.proofs().isEmpty()) {
            a.append("The proofs file ").append(shown(proofsPath)).append(" lists no proof pages.\n\n");
            return;
        }
        a.append("Symbolic proof pages checked by Symja, read from ").append(shown(proofsPath)).append(".\n\n");
        for (ReportModel.Proof p : proofs.proofs()) {
            a.append("[[" + Adoc.proofAnchor(p.file()) + "]]\n").append("=== ")
                    .append(Adoc.lit(p.title() == null ? p.file() : p.title())).append("\n\n");
            a.append(count("checked", p.checked(), false)).append(' ').append(count("failed", p.failed(), true))
                    .append(' ').append(count("errors", p.errors(), true)).append(" file ").append(Adoc.html("<code>"
                            + Html.escape(p.file() == null ? "?" : p.file()) + "</code>")).append("\n\n");
            if (p.annotatedAsciidoc() == null || p.annotatedAsciidoc().isBlank()) {
                a.append("_No annotated proof text recorded._\n\n");
                continue;
            }
            // The page's own "= Title" is already our heading; its "==" sections go one level below ours.
            a.append(":leveloffset: +2\n\n").append(Xrefs.rewrite(withoutDocumentTitle(p.annotatedAsciidoc()), anchors))
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
                : Adoc.html("<code>" + Html.escape(withoutRoot(results.command(), repoRoot)) + "</code>")).append('\n');
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

    /**
     * The user-guide pages, inlined (the docs directory is Asciidoctor's base directory, so their relative images
     * and includes still resolve) with their cross-references rewritten: a guide page's link to a theory page, a
     * proof step or another guide page is a link inside the report.
     */
    private void docs(StringBuilder a) {
        if (docPages.isEmpty()) {
            return;
        }
        a.append("== User guide\n\n");
        for (DocsPages.Page page : docPages) {
            String text;
            try {
                text = java.nio.file.Files.readString(docsDir.resolve(page.name()), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read docs page " + page.name(), e);
            }
            a.append(Adoc.passBlock("<a id=\"" + Adoc.anchor("guide", Xrefs.pageName(page.name())) + "\"></a>"))
                    .append(":leveloffset: ").append(page.offsetAttribute()).append("\n\n")
                    .append(TheoryPages.verbatimAware(text, line -> Xrefs.rewrite(line, anchors)))
                    .append("\n\n:leveloffset!:\n\n");
        }
    }

    private static List<ReportModel.Claim> claims(ReportModel.Theory t) {
        return t.claims() == null ? List.of() : t.claims();
    }

    /**
     * A path as the report shows it: relative to the repository (or the working directory) when inside it, else
     * only its file name. The report never shows where a machine keeps its files.
     */
    private String shown(Path p) {
        return Adoc.html("<code>" + Html.escape(relative(p, repoRoot)) + "</code>");
    }

    /** Text with the repository's absolute path removed: "/x/repo/verification/a.json" → "verification/a.json". */
    static String withoutRoot(String text, Path repoRoot) {
        if (text == null || repoRoot == null) {
            return text;
        }
        String root = repoRoot.toAbsolutePath().normalize().toString();
        if (root.length() <= 1) {
            return text;
        }
        return text.replace(root + java.io.File.separator, "").replace(root, ".");
    }

    static String relative(Path p, Path repoRoot) {
        if (p == null) {
            return "(none)";
        }
        Path abs = p.toAbsolutePath().normalize();
        for (Path base : new Path[]{repoRoot, Path.of("")}) {
            if (base != null) {
                Path b = base.toAbsolutePath().normalize();
                if (abs.startsWith(b) && !abs.equals(b)) {
                    return b.relativize(abs).toString().replace('\\', '/');
                }
            }
        }
        return p.getFileName() == null ? "(none)" : p.getFileName().toString();
    }
}
