package org.ftverify.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renders the fixture once (AsciidoctorJ starts a JRuby runtime, ~10 s) and checks what a reader relies on. */
class ReportWriterTest {
    static final Path FIXTURES = Path.of("src/test/resources/report");

    @TempDir
    static Path out;
    static ReportWriter.Rendered rendered;
    static String html;

    @BeforeAll
    static void renderFixture() throws IOException {
        rendered = ReportWriter.render(FIXTURES.resolve("results.json"), FIXTURES.resolve("proofs.json"),
                FIXTURES.resolve("docs"), out.resolve("report"));
        html = Files.readString(rendered.index());
    }

    @Test
    void showsEveryClaimAndEveryVerdict() {
        for (String id : List.of("lora.ode-tracking", "lora.rank-collapse", "risk.monotone", "risk.asymptote")) {
            assertTrue(html.contains(id), id);
            assertTrue(html.contains("href=\"#claim-" + id + "\""), "overview links to " + id);
            assertTrue(html.contains("id=\"claim-" + id + "\""), "section for " + id);
        }
        for (String v : List.of("verified", "falsified", "inconclusive", "not-run")) {
            assertTrue(html.contains("class=\"badge verdict-" + v + "\""), v);
        }
    }

    @Test
    void showsProvenanceTagsProminently() {
        assertTrue(html.contains("[derived, validated]"));
        assertTrue(html.contains("[reconstructed]"));
        assertTrue(html.contains("[paper]"));
        assertTrue(html.contains("[provenance not stated]"), "a claim without a tag says so");
    }

    @Test
    void hasPlotsAndMaths() {
        assertTrue(html.contains("<svg"));
        assertTrue(html.contains("non-finite point(s)"), "the NaN in the fixture is announced, not hidden");
        assertTrue(html.contains("<math"), "symja:[] macros become MathML");
        assertTrue(html.contains("<msqrt>"), "proof page MathML passthrough kept");
    }

    @Test
    void showsEvidenceLiterallyAndReplayCommand() {
        assertTrue(html.contains("m_SGD - m_ODE"), "underscores are not turned into emphasis");
        assertTrue(html.contains("O(d^-1/2)"), "carets are not turned into superscripts");
        assertTrue(html.contains("./ftverify replay verification/counterexamples/lora.rank-collapse/3fa2c1d09e7b.json"));
        assertTrue(html.contains("./ftverify report --level quick --seed 1234567"));
        assertTrue(html.contains("Species[double, 8, S_512_BIT]"));
        assertTrue(html.contains("step-size collapse at t = 3.2"));
        assertTrue(html.contains("1 failed"), "proof step counts shown");
        assertTrue(html.contains("<span class=\"gap-bad\">∞</span>"), "an infinite gap (NaN observation) is shown red");
        assertTrue(html.contains("pre-training overlap w0 . w*"), "parameter descriptions shown");
    }

    @Test
    void includesTheTheoryPageAndLinksClaimsStepsAndAnchors() {
        assertTrue(html.contains("id=\"theory-page-lora\""), "theory page included in the lora part");
        assertTrue(html.contains("id=\"lora-p1\""), "theory page anchors kept");
        assertTrue(html.contains("href=\"#lora-p1\""), "claim section cites its anchor");
        assertTrue(html.contains("href=\"#proof-lora-fixed-point\""), "theory page xref to a proof step is internal");
        assertTrue(html.contains("href=\"#proof-proofs-lora\""), "theory page xref to the proof page is internal");
        assertFalse(html.contains(".html#"), "no link to another HTML file");
        assertFalse(html.contains("/home/someone"), "a reference outside the repository shows no path");
        assertTrue(html.indexOf("id=\"theory-page-lora\"") < html.indexOf("id=\"claim-lora.ode-tracking\""));
        assertTrue(html.contains("No theory page for"), "a theory without a page says so");
    }

    @Test
    void drawsTheBlueprintGraphWithLinkedNodes() {
        assertTrue(html.contains("class=\"ftv-graph\""));
        assertTrue(html.contains("<a href=\"#claim-lora.ode-tracking\"><g class=\"node claim verdict-verified\">"));
        assertTrue(html.contains("<a href=\"#proof-lora-fixed-point\"><g class=\"node step-failed\">"));
        assertTrue(html.contains("<a href=\"#lora-notation\"><g class=\"node quantity\">"), "quantities link to the notation");
        assertFalse(html.contains("<script"), "no scripts");
    }

    @Test
    void separatesEvidenceKindsAndShowsResolution() {
        assertTrue(html.contains("Independent evidence: predicted against something computed another way"));
        assertTrue(html.contains("Internal consistency: the model against another form of itself"));
        assertTrue(html.contains("no independent comparison"), "a claim without independent evidence is flagged");
        assertTrue(html.contains("measured: 5%"), "power.json read");
        assertTrue(html.contains("not rejected up to 50%"));
        assertTrue(html.contains("not measured"));
        assertTrue(html.contains("tolerance: 1.2%"), "best independent resolution 0.0469/... of the claim");
        assertTrue(html.contains("≥ 1.5") && html.contains("≤ 40.5"), "one-sided checks show their bound");
    }

    @Test
    void rendersMathsAndMarkupNotRawText() {
        assertFalse(html.contains("⇐"), "<= is ≤, not a left double arrow");
        assertTrue(html.contains("alpha ≤ 20"));
        assertTrue(html.contains("<sup>1/(α+1)</sup>") && html.contains("m<sub>ODE</sub>"), "title markup rendered");
        assertFalse(html.contains("^1/(α+1)^"), "no raw title markup");
        assertTrue(html.contains("<mtext>SGD</mtext>"), "uSGD keeps its subscript");
        assertTrue(html.contains("0.2012") && !html.contains("0.20122282236110972"), "diagnostics through Num");
        assertFalse(html.contains(">NaN<"), "NaN is written as none");
        assertFalse(html.contains("lora" + ".md"), "no spec file cited");
    }

    @Test
    void includesGuidePagesInOrderWithoutPartials() {
        int started = html.indexOf("Getting started");
        int extra = html.indexOf("Extra notes");
        assertTrue(started > 0 && extra > started, "fixed pages first, then the rest alphabetically");
        assertFalse(html.contains("This partial must not"));
    }

    @Test
    void isSelfContainedWithNoExternalStylesheetsScriptsOrFonts() throws IOException {
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no scripts at all");
        assertFalse(html.toLowerCase(Locale.ROOT).contains("mathjax"));
        // The embedded default stylesheet mentions Google Fonts only inside a CSS comment; comments load nothing.
        String noComments = html.replaceAll("(?s)/\\*.*?\\*/", "");
        assertFalse(noComments.contains("fonts.googleapis"), "no web fonts");
        assertFalse(noComments.contains("@import"), "no imported stylesheets");
        Matcher m = Pattern.compile("(?i)<(link|img|iframe|source)\\b[^>]*>").matcher(html);
        while (m.find()) {
            assertFalse(m.group().matches("(?is).*(href|src)\\s*=\\s*[\"']?(https?:)?//.*"), m.group());
        }
        assertFalse(Pattern.compile("(?i)url\\(\\s*[\"']?(https?:)?//").matcher(html).find(), "no remote url()");
        assertTrue(html.contains(".verdict-verified{"), "badge CSS embedded");
        assertTrue(html.contains("<style>"), "default stylesheet embedded");
        try (Stream<Path> files = Files.list(rendered.index().getParent())) {
            assertEquals(List.of("index.html"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void generatedAsciidocIsClean() {
        assertEquals(List.of(), rendered.warnings());
    }

    @Test
    void malformedResultsGiveOneLineErrorNamingTheFile() {
        Path bad = FIXTURES.resolve("results-malformed.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportWriter.write(bad, null, null, out.resolve("bad")));
        assertTrue(e.getMessage().contains("results-malformed.json"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(out.resolve("bad/index.html")), "nothing written for bad input");
    }

    @Test
    void unknownVerdictIsRejected() throws IOException {
        Path bad = out.resolve("bad-verdict.json");
        Files.writeString(bad, "{\"theories\":[{\"id\":\"t\",\"claims\":[{\"id\":\"t.c\",\"verdict\":\"PASSED\"}]}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportJson.readResults(bad));
        assertTrue(e.getMessage().contains("t.c") && e.getMessage().contains("PASSED"), e.getMessage());
    }
}
