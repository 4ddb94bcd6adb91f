package org.ftverify.report;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AsciiDoc text, checked without starting Asciidoctor. */
class AsciidocBuilderTest {
    @Test
    void missingInputsAreStatedNotHidden() {
        String adoc = new AsciidocBuilder(null, Path.of("nowhere/results.json"), null, Path.of("nowhere/proofs.json"),
                List.of(), Path.of("docs"), Path.of(""), PowerResults.NONE).build();
        assertTrue(adoc.contains("No results file at"), adoc);
        assertTrue(adoc.contains("nowhere/results.json"), adoc);
        assertTrue(adoc.contains("No proofs file at"), adoc);
    }

    @Test
    void literalTextCannotBreakTablesOrMacros() {
        assertEquals("pass:[a &#124; b \\] c &lt;d&gt; &amp; m_SGD &#92;\\]]", Adoc.lit("a | b ] c <d> & m_SGD \\]"));
    }

    @Test
    void fenceAvoidsDelimitersInsideEmbeddedAsciidoc() {
        assertEquals("====", ClaimSection.fence("====", "plain text"));
        assertEquals("=====", ClaimSection.fence("====", "x\n====\ny\n===="));
    }

    @Test
    void proofTitleIsDroppedBecauseTheReportHeadingShowsIt() {
        assertEquals("== A\ntext", AsciidocBuilder.withoutDocumentTitle("= Title\n== A\ntext"));
        assertEquals("== A", AsciidocBuilder.withoutDocumentTitle("== A"));
    }

    @Test
    void pathsAreShownRelativeToTheRepositoryNeverAbsolute() {
        Path repo = Path.of("/tmp/some-repo");
        assertEquals("target/ftverify/results.json",
                AsciidocBuilder.relative(repo.resolve("target/ftverify/results.json"), repo));
        assertEquals("results.json", AsciidocBuilder.relative(Path.of("/elsewhere/x/results.json"), repo));
    }

    @Test
    void engineTextsLoseTheRepositoryPrefix() {
        Path repo = Path.of("/tmp/some-repo");
        assertEquals("./ftverify replay verification/counterexamples/x/1.json",
                AsciidocBuilder.withoutRoot("./ftverify replay /tmp/some-repo/verification/counterexamples/x/1.json", repo));
        assertEquals("unchanged", AsciidocBuilder.withoutRoot("unchanged", repo));
    }

    @Test
    void startTimeIsShownToTheSecond() {
        assertEquals("2026-11-23T23:49:46Z", AsciidocBuilder.startedAt("2026-11-23T23:49:46.792665704Z"));
        assertEquals("yesterday", AsciidocBuilder.startedAt("yesterday"));
        assertEquals("—", AsciidocBuilder.startedAt(null));
    }
}
