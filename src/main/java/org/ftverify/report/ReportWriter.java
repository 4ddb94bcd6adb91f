package org.ftverify.report;

import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import org.asciidoctor.log.Severity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the HTML theory report: one self-contained index.html (stylesheet, plots and MathML inline; no
 * scripts, no web fonts, no CDN), built with AsciidoctorJ from results.json, proofs.json and docs/*.adoc.
 *
 * <p>Safe mode is SERVER with the docs directory as base directory: include directives (the user guide pages)
 * work inside that directory and nowhere else, and Asciidoctor itself forbids documents from switching on a
 * source highlighter or changing the backend. The attributes below are passed through the API, which locks
 * them: even a guide or proof page that sets {@code :stem:}, {@code :icons: font} or {@code :linkcss:} cannot
 * pull MathJax, Font Awesome or an external stylesheet into the report.
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** What a render produced: the index.html path and every Asciidoctor warning (empty for a clean document). */
    public record Rendered(Path index, List<String> warnings) {
    }

    /**
     * @param resultsJson results.json; may be missing (the report then says so)
     * @param proofsJson  proofs.json; may be missing (the report then says so)
     * @param docsDir     directory of the user guide pages; may be missing
     * @param outDir      output directory, normally target/ftverify/report; created if needed
     * @return the path of the written index.html
     * @throws IllegalArgumentException when a present JSON file is malformed (one line, naming the file)
     */
    public static Path write(Path resultsJson, Path proofsJson, Path docsDir, Path outDir) {
        return writeReporting(resultsJson, proofsJson, docsDir, outDir).index();
    }

    /** As {@link #write}, also returning the Asciidoctor warnings (printed to stderr too) so a build can fail on them. */
    public static Rendered writeReporting(Path resultsJson, Path proofsJson, Path docsDir, Path outDir) {
        Rendered r = render(resultsJson, proofsJson, docsDir, outDir);
        r.warnings().forEach(w -> System.err.println("report: asciidoctor " + w));
        return r;
    }

    static Rendered render(Path resultsJson, Path proofsJson, Path docsDir, Path outDir) {
        if (outDir == null) {
            throw new IllegalArgumentException("outDir must be a directory path, was null");
        }
        // Read and validate both inputs before starting JRuby (~10 s): bad input fails fast.
        ReportModel.Results results = ReportJson.readResults(resultsJson);
        ReportModel.Proofs proofs = ReportJson.readProofs(proofsJson);
        List<DocsPages.Page> pages = DocsPages.ordered(docsDir);
        Path repoRoot = repositoryRoot(docsDir);
        PowerResults power = PowerResults.read(repoRoot.resolve("verification/power.json"));
        String adoc = new AsciidocBuilder(results, resultsJson, proofs, proofsJson, pages, docsDir, repoRoot,
                power).build();
        Path base = pages.isEmpty() ? outDir : docsDir;
        try {
            Files.createDirectories(outDir);
            Path index = outDir.resolve("index.html");
            List<String> warnings = new ArrayList<>();
            // atomically: a killed or failed run never leaves a half-written report
            org.ftverify.core.AtomicFiles.writeString(index, convert(adoc, base.toAbsolutePath(), warnings));
            return new Rendered(index, List.copyOf(warnings));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report to " + outDir, e);
        }
    }

    /**
     * The repository the report describes: the parent of the docs directory (docs/ holds the guide and
     * docs/theory/ the theory pages; verification/power.json sits beside it), else the working directory.
     */
    static Path repositoryRoot(Path docsDir) {
        Path parent = docsDir == null ? null : docsDir.toAbsolutePath().normalize().getParent();
        return parent != null ? parent : Path.of("").toAbsolutePath();
    }

    /** Converts the AsciiDoc to standalone HTML, adding every Asciidoctor warning to {@code warnings}. */
    private static String convert(String adoc, Path baseDir, List<String> warnings) {
        // One Asciidoctor (one JRuby runtime) per report, closed afterwards: it is slow to start and holds memory.
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
            asciidoctor.registerLogHandler(r -> {
                if (r.getSeverity().ordinal() >= Severity.WARN.ordinal()) {
                    warnings.add(r.getSeverity() + ": " + r.getMessage()
                            + (r.getCursor() == null ? "" : " (line " + r.getCursor().getLineNumber() + ")"));
                }
            });
            asciidoctor.javaExtensionRegistry().docinfoProcessor(new ReportStyle());
            Attributes attributes = Attributes.builder()
                    .attribute("stem!", "")               // no MathJax: maths is MathML, rendered by the browser
                    .attribute("webfonts!", "")           // no Google Fonts link
                    .attribute("linkcss!", "")            // embed the default stylesheet
                    .attribute("icons!", "")              // text admonition labels, no Font Awesome CDN
                    .attribute("source-highlighter!", "") // highlight.js would load from a CDN
                    .attribute("data-uri", "")            // images in guide pages are embedded, not linked
                    .build();
            Options options = Options.builder()
                    .standalone(true)
                    .safe(SafeMode.SERVER)
                    .baseDir(baseDir.toFile())
                    .toFile(false)
                    .attributes(attributes)
                    .build();
            return asciidoctor.convert(adoc, options);
        }
    }

    /**
     * Manual use: {@code ReportWriter [results.json [proofs.json [docsDir [outDir]]]]}; defaults are
     * target/ftverify/results.json, target/ftverify/proofs.json, docs, target/ftverify/report.
     */
    public static void main(String[] args) {
        Path results = Path.of(args.length > 0 ? args[0] : "target/ftverify/results.json");
        Path proofs = Path.of(args.length > 1 ? args[1] : "target/ftverify/proofs.json");
        Path docs = Path.of(args.length > 2 ? args[2] : "docs");
        Path out = Path.of(args.length > 3 ? args[3] : "target/ftverify/report");
        try {
            System.out.println(write(results, proofs, docs, out).toAbsolutePath());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("report: " + e.getMessage());
            System.exit(2);
        }
    }
}
