package org.ftverify.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DocsPagesTest {
    @Test
    void fixedOrderThenAlphabeticalSkippingPartialsAndOtherFiles(@TempDir Path dir) throws IOException {
        for (String name : List.of("zeta.adoc", "performance.adoc", "alpha.adoc", "getting-started.adoc",
                "_partial.adoc", "notes.txt", "reading-the-report.adoc")) {
            Files.writeString(dir.resolve(name), "= x\n");
        }
        assertEquals(List.of("getting-started.adoc", "reading-the-report.adoc", "performance.adoc", "alpha.adoc",
                "zeta.adoc"), DocsPages.ordered(dir).stream().map(DocsPages.Page::name).toList());
    }

    @Test
    void everyPageLandsAtLevelTwoWhateverItsTopHeading(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.adoc"), "// comment\n= Document title\n:toc:\n\n== Section\n");
        Files.writeString(dir.resolve("b.adoc"), "[[b]]\n== Section page\n\n=== Sub\n");
        Files.writeString(dir.resolve("c.adoc"), "no heading at all\n");
        assertEquals(List.of(new DocsPages.Page("a.adoc", 2), new DocsPages.Page("b.adoc", 1),
                new DocsPages.Page("c.adoc", 1)), DocsPages.ordered(dir));
        assertEquals("+1", new DocsPages.Page("b.adoc", 1).offsetAttribute());
    }

    @Test
    void missingDirectoryMeansNoPages(@TempDir Path dir) {
        assertEquals(List.of(), DocsPages.ordered(dir.resolve("absent")));
        assertEquals(List.of(), DocsPages.ordered(null));
    }
}
