package org.ftverify.report;

import org.ftverify.core.PageIndex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The theory pages (docs/theory/&lt;id&gt;.adoc: model, notation, one anchor per claim) that the report includes in each
 * theory's part, read from the repository. A page path that leaves the repository is refused (treated as absent):
 * the report shows nothing from outside it.
 */
final class TheoryPages {
    private TheoryPages() {
    }

    /** A loaded page: repository-relative path, its text, and the anchors it defines. */
    record Page(String path, String text, Set<String> anchors) {
    }

    /** The report anchor of a theory's included page. */
    static String anchor(String theoryId) {
        return Adoc.anchor("theory-page", theoryId);
    }

    /** @return the page, or null when the repository has none at that path (or the path is outside it) */
    static Page load(Path repoRoot, ReportModel.Theory t) {
        if (repoRoot == null) {
            return null;
        }
        String rel = t.theoryPage() != null ? t.theoryPage() : "docs/theory/" + t.id() + ".adoc";
        Path root = repoRoot.toAbsolutePath().normalize();
        Path file = root.resolve(rel).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return new Page(root.relativize(file).toString().replace('\\', '/'), text,
                    PageIndex.ofText(rel, text).anchors());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read theory page " + rel, e);
        }
    }

    /**
     * The page's body for inclusion below a report heading: without its document title and header attributes,
     * prose lines (not listing, literal, passthrough or comment blocks) passed through {@code prose}.
     */
    static String body(String text, UnaryOperator<String> prose) {
        List<String> lines = new ArrayList<>(text.replace("\r", "").lines().toList());
        int i = 0;
        while (i < lines.size() && (lines.get(i).isBlank() || lines.get(i).startsWith("//"))) {
            i++;
        }
        if (i < lines.size() && lines.get(i).startsWith("= ")) {
            i++;
            while (i < lines.size() && lines.get(i).startsWith(":")) { // header attributes belong to the page
                i++;
            }
        }
        return verbatimAware(String.join("\n", lines.subList(i, lines.size())), prose);
    }

    /** The text with {@code prose} applied to every line outside listing, literal, passthrough and comment blocks. */
    static String verbatimAware(String text, UnaryOperator<String> prose) {
        List<String> lines = text.replace("\r", "").lines().toList();
        StringBuilder out = new StringBuilder();
        String open = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String s = line.strip();
            if (isVerbatimDelimiter(s) && (open == null || s.equals(open))) {
                open = open == null ? s : null;
                out.append(line).append('\n');
                continue;
            }
            out.append(open == null ? prose.apply(line) : line).append('\n');
        }
        return out.toString();
    }

    private static boolean isVerbatimDelimiter(String s) {
        return s.length() >= 4 && (s.chars().allMatch(c -> c == '-') || s.chars().allMatch(c -> c == '.')
                || s.chars().allMatch(c -> c == '+') || s.chars().allMatch(c -> c == '/'));
    }
}
