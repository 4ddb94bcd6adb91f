package org.ftverify.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The user-guide pages appended to the report: docs/*.adoc in a fixed reading order, then the rest
 * alphabetically. Names starting with '_' are partials (Asciidoctor's convention) and are not pages.
 */
final class DocsPages {
    static final List<String> FIXED_ORDER = List.of("getting-started.adoc", "reading-the-report.adoc",
            "adding-a-theory.adoc", "performance.adoc");

    private DocsPages() {
    }

    /** @return file names (relative to docsDir) in reading order; empty when the directory is missing */
    static List<String> ordered(Path docsDir) {
        if (docsDir == null || !Files.isDirectory(docsDir)) {
            return List.of();
        }
        List<String> present;
        try (Stream<Path> files = Files.list(docsDir)) {
            present = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".adoc") && !n.startsWith("_")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list docs directory " + docsDir, e);
        }
        List<String> order = new ArrayList<>();
        for (String name : FIXED_ORDER) {
            if (present.contains(name)) {
                order.add(name);
            }
        }
        for (String name : present) {
            if (!order.contains(name)) {
                order.add(name);
            }
        }
        return order;
    }
}
