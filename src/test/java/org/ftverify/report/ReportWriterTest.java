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
