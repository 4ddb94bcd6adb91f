package org.ftverify.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The user-guide pages appended to the report: docs/*.adoc in a fixed reading order, then the rest
 * alphabetically. Names starting with '_' are partials (Asciidoctor's convention) and are not pages.
 * Pages may start with a document title ("= Title") or with a section ("== Title"); each gets the level offset
 * that puts its top heading at level 2, directly under the report's "User guide" section.
 */
final class DocsPages {
    static final List<String> FIXED_ORDER = List.of("getting-started.adoc", "reading-the-report.adoc",
            "adding-a-theory.adoc", "performance.adoc");
    private static final Pattern HEADING = Pattern.compile("^(={1,6})\\s+\\S.*");
    private static final int TARGET_LEVEL = 2;

    /** One page: its file name relative to the docs directory and the leveloffset to include it with. */
    record Page(String name, int levelOffset) {
        String offsetAttribute() {
            return levelOffset >= 0 ? "+" + levelOffset : String.valueOf(levelOffset);
        }
    }

    private DocsPages() {
    }

    /** @return pages in reading order; empty when the directory is missing */
    static List<Page> ordered(Path docsDir) {
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
        return order.stream().map(n -> new Page(n, TARGET_LEVEL - topLevel(docsDir.resolve(n)))).toList();
    }

    /** Level of the first heading ("=" is 0, "==" is 1, ...); a page without one is treated as starting at 1. */
    static int topLevel(Path page) {
        try (Stream<String> lines = Files.lines(page, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.startsWith("//")).map(HEADING::matcher).filter(Matcher::matches)
                    .map(m -> m.group(1).length() - 1).findFirst().orElse(1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read docs page " + page, e);
        }
    }
}
