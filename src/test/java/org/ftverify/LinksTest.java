package org.ftverify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ftverify.core.Claim;
import org.ftverify.core.PageIndex;
import org.ftverify.core.Theory;
import org.ftverify.core.TheoryRegistry;
import org.junit.jupiter.api.Test;

/**
 * A link checker over the repository: every claim cites an anchor of its theory page, every cross-reference in the
 * AsciiDoc pages (docs/, proofs/, verification/, README.adoc) resolves to an anchor or proof step that exists, and no
 * file points outside the repository to the input specs the theories were built from (a user who clones it has neither).
 */
class LinksTest {
    private static final Path ROOT = Path.of(System.getProperty("ftverify.root", ".")).toAbsolutePath().normalize();
    /** xref:path#anchor[...] and <<path#anchor,...>>; an empty path is the same page. */
    private static final Pattern XREF = Pattern.compile("xref:([^\\[#\\s]*)#([A-Za-z0-9_.:-]+)\\[|<<([^,>#\\s]*)#([A-Za-z0-9_.:-]+)[,>]");
    /** <<anchor>> or <<anchor,label>> within one page. */
    private static final Pattern INTERNAL = Pattern.compile("<<([A-Za-z][A-Za-z0-9_.:-]*)(?:,[^>]*)?>>");
    /** A reference to the input specs or to their file names; see the before-stop checklist. */
    private static final Pattern SPEC_CITATION = Pattern.compile("\\.\\./shared|\\b(lora|risk|dln|spectral|icl)\\.md\\b|[a-z]+\\.md §");

    @Test
    void everyClaimCitesItsTheoryPage() {
        TheoryRegistry registry = TheoryRegistry.load(ROOT); // fails on a dangling cites/uses
        List<String> missing = new ArrayList<>();
        for (Theory t : registry.theories())
            for (Claim c : t.claims()) if (c.cites() == null) missing.add(c.id());
        assertTrue(missing.isEmpty(), "claims without a theory-page anchor (Claim.Builder.cites): " + missing);
    }

    @Test
    void crossReferencesResolve() throws IOException {
        Map<Path, PageIndex> pages = new HashMap<>();
        List<String> broken = new ArrayList<>();
        for (Path file : adocFiles()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher m = XREF.matcher(text);
            while (m.find()) {
                String path = m.group(1) != null ? m.group(1) : m.group(3);
                String anchor = m.group(2) != null ? m.group(2) : m.group(4);
                Path target = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                if (!Files.isRegularFile(target)) {
                    broken.add(rel(file) + ": " + m.group() + " -> no file " + rel(target));
                    continue;
                }
                PageIndex idx = pages.computeIfAbsent(target, PageIndex::of);
                if (!idx.anchors().contains(anchor) && !idx.steps().contains(anchor))
                    broken.add(rel(file) + ": " + m.group() + " -> " + rel(target) + " defines no anchor '" + anchor + "'");
            }
            Matcher i = INTERNAL.matcher(text);
            PageIndex self = pages.computeIfAbsent(file, PageIndex::of);
            while (i.find()) {
                String anchor = i.group(1);
                if (anchor.contains(".adoc")) continue;
                if (!self.anchors().contains(anchor) && !self.steps().contains(anchor))
                    broken.add(rel(file) + ": " + i.group() + " -> no anchor '" + anchor + "' in this page");
            }
        }
        assertTrue(broken.isEmpty(), broken.size() + " unresolved cross-references:\n" + String.join("\n", broken));
    }

    @Test
    void nothingCitesTheSpecsOutsideTheRepository() throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(Files::isRegularFile).filter(LinksTest::tracked).toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int n = 0; n < lines.size(); n++)
                    if (SPEC_CITATION.matcher(lines.get(n)).find()) hits.add(rel(f) + ":" + (n + 1) + ": " + lines.get(n).strip());
            }
        }
        assertTrue(hits.isEmpty(), hits.size() + " lines point outside the repository to the input specs:\n"
                + String.join("\n", hits.subList(0, Math.min(40, hits.size()))));
    }

    private static List<Path> adocFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("docs", "proofs", "verification"))
            try (Stream<Path> s = Files.walk(ROOT.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".adoc")).sorted().forEach(out::add);
            }
        out.add(ROOT.resolve("README.adoc"));
        return out;
    }

    /** Source and documentation files of the repository: not build output, not git's own files, not binaries. */
    private static boolean tracked(Path f) {
        String r = rel(f);
        if (r.startsWith("target/") || r.startsWith(".git/") || r.contains("/target/")) return false;
        return r.matches(".*\\.(java|adoc|md|json|properties|xml|txt|sh|css)$") || r.equals(".ci/run") || r.equals("ftverify");
    }

    private static String rel(Path p) {
        return ROOT.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
