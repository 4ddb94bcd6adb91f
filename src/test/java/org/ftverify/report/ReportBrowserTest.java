package org.ftverify.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders the report in headless Chromium (Debian's chromium package) and looks in the DOM the browser built for
 * the defects a reader would see: arrows where "≤" was meant, raw AsciiDoc markup, truncated plot legends, NaN,
 * machine paths, spec-file citations, links to nowhere. Also writes a PNG screenshot to
 * target/report-browser/fixture.png for a person to look at.
 *
 * <p>The report checked is the test fixture; {@code -Dftverify.browserCheck=path/to/index.html} checks another
 * (e.g. the real report after {@code ./ftverify report}). Skipped, with the reason, when /usr/bin/chromium is absent.
 */
class ReportBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SHOTS = Path.of("target/report-browser");
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    static Path tmp;
    static Path index;
    static String dom;
    static String text;

    @BeforeAll
    static void renderInChromium() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " not installed (apt-get install chromium)");
        String other = System.getProperty("ftverify.browserCheck");
        if (other != null && !other.isBlank()) {
            index = Path.of(other).toAbsolutePath();
        } else {
            Path f = ReportWriterTest.FIXTURES;
            index = ReportWriter.render(f.resolve("results.json"), f.resolve("proofs.json"), f.resolve("docs"),
                    tmp.resolve("report")).index().toAbsolutePath();
        }
        dom = chromium("dump-dom", "--dump-dom");
        text = visibleText(dom);
        Files.createDirectories(SHOTS);
        Path png = SHOTS.resolve(other == null || other.isBlank() ? "fixture.png" : "report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        chromium("screenshot", "--screenshot=" + png, "--window-size=1300,2400");
        assertTrue(Files.size(png) > 10_000, "screenshot written: " + png);
        byte[] magic = new byte[4];
        System.arraycopy(Files.readAllBytes(png), 0, magic, 0, 4);
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, magic, "a PNG file");
    }

    /** Runs Chromium on the report with a fresh profile, returns its stdout; stops it (and its children) on timeout. */
    private static String chromium(String name, String... action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(tmp, "profile-");
        // --disable-dev-shm-usage: CI containers often have a tiny /dev/shm, where Chromium would crash.
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(action));
        cmd.add(index.toUri().toString());
        Path out = tmp.resolve(name + ".out");
        Path err = tmp.resolve(name + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("chromium " + name + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            assertEquals(0, p.exitValue(), () -> "chromium " + name + " failed: " + tail(err));
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String tail(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            return s.substring(Math.max(0, s.length() - 2000));
        } catch (IOException e) {
            return "(no stderr)";
        }
    }

    /** The text a reader sees: the body without style blocks and tags, with the common entities decoded. */
    static String visibleText(String html) {
        String body = html.replaceAll("(?s)<style.*?</style>", " ").replaceAll("(?s)<head>.*?</head>", " ");
        return body.replaceAll("<[^>]*>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&nbsp;", " ").replace("&amp;", "&").replaceAll("\\s+", " ");
    }

    @Test
    void browserBuiltTheReport() {
        assertTrue(dom.contains("class=\"ftv-plot\""), "plots are in the DOM");
        assertTrue(dom.contains("<math"), "MathML is in the DOM");
    }

    @Test
    void noLeftArrowWhereLessOrEqualWasMeant() {
        assertNoMatch("⇐", "a '<=' rendered as a left double arrow");
    }

    @Test
    void noRawAsciidocMarkup() {
        // Quantities and derivations are literal text (carets there are ASCII maths, shown as written); AsciiDoc
        // markup lives in titles (headings, table of contents), claim texts and the plots' text.
        String marked = titlesAndClaimTexts(dom);
        for (String[] check : new String[][]{{"\\^[^\\s^]+\\^", "raw ^superscript^ markup"},
            {"~[^\\s~]+~", "raw ~subscript~ markup"}}) {
            Matcher m = Pattern.compile(check[0]).matcher(marked);
            if (m.find()) {
                throw new AssertionError(check[1] + " in a title or claim text: ..." + snippet(marked, m.group()) + "...");
            }
        }
        // Code and listings may quote macros on purpose (the guide explains them); prose may not show them.
        String prose = visibleText(dom.replaceAll("(?s)<code[^>]*>.*?</code>|<pre[^>]*>.*?</pre>", " "));
        for (String[] check : new String[][]{{"\\b(xref|symja|pass|link):\\S*\\[", "an unexpanded AsciiDoc macro"},
            {"<<[^>]+>>", "an unexpanded cross-reference"}}) {
            Matcher m = Pattern.compile(check[0]).matcher(prose);
            if (m.find()) {
                throw new AssertionError(check[1] + ": ..." + snippet(prose, m.group()) + "...");
            }
        }
    }

    @Test
    void legendsAndPlotTextAreNeverTruncated() {
        Matcher m = Pattern.compile("(?s)<svg.*?</svg>").matcher(dom);
        while (m.find()) {
            assertTrue(!m.group().contains("…") && !m.group().contains("&#8230;"),
                    "a plot or graph label is cut off with an ellipsis: " + snippet(m.group(), "…"));
        }
    }

    @Test
    void noNaNShownAsAValue() {
        // Values live in the evidence tables and plots; the user guide may explain what a NaN means.
        int guide = dom.indexOf("id=\"_user_guide\"");
        StringBuilder values = new StringBuilder();
        Matcher m = Pattern.compile("(?s)<table.*?</table>|<svg.*?</svg>").matcher(guide < 0 ? dom : dom.substring(0, guide));
        while (m.find()) {
            values.append(visibleText(m.group())).append(" | ");
        }
        Matcher nan = Pattern.compile("\\bNaN\\b").matcher(values);
        if (nan.find()) {
            throw new AssertionError("NaN shown as a value instead of 'none': ..." + snippet(values.toString(), "NaN") + "...");
        }
    }

    @Test
    void noMachinePathsNorSpecFileCitations() {
        for (String path : List.of(Path.of("").toAbsolutePath().toString(), tmp.toAbsolutePath().toString(),
                System.getProperty("user.home"))) {
            assertTrue(!dom.contains(path), "the DOM shows a machine path " + path + ": " + snippet(dom, path));
        }
        assertNoMatch("file:/", "a file: URL");
        assertNoMatch("\\b(lora|risk|dln|spectral|icl)\\.md\\b", "a spec file cited");
        assertNoMatch("\\.\\./" + "shared", "a path into the specs directory outside the repository");
    }

    @Test
    void everyInternalLinkHasItsTarget() {
        Set<String> ids = new HashSet<>();
        Matcher id = Pattern.compile("\\sid=\"([^\"]+)\"").matcher(dom);
        while (id.find()) {
            ids.add(id.group(1));
        }
        List<String> broken = new ArrayList<>();
        Matcher href = Pattern.compile("href=\"#([^\"]+)\"").matcher(dom);
        while (href.find()) {
            if (!ids.contains(href.group(1))) {
                broken.add(href.group(1));
            }
        }
        assertEquals(List.of(), broken, "links to anchors the report does not define");
        Matcher external = Pattern.compile("href=\"(?!#|https?:)([^\"]+)\"").matcher(dom);
        List<String> local = new ArrayList<>();
        while (external.find()) {
            local.add(external.group(1));
        }
        assertEquals(List.of(), local, "links to files outside the single report");
    }

    /** Visible text of the table of contents, headings, "What is asserted" blocks and SVG text elements. */
    static String titlesAndClaimTexts(String html) {
        StringBuilder b = new StringBuilder();
        for (String regex : List.of("(?s)<div id=\"toc\".*?</div>", "(?s)<h[1-6][^>]*>.*?</h[1-6]>",
                "(?s)<div class=\"exampleblock\">.*?</div>\\s*</div>", "(?s)<text[^>]*>.*?</text>")) {
            Matcher m = Pattern.compile(regex).matcher(html);
            while (m.find()) {
                b.append(visibleText(m.group())).append(" | ");
            }
        }
        return b.toString();
    }

    private static void assertNoMatch(String regex, String what) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (m.find()) {
            throw new AssertionError(what + " in the rendered report: ..." + snippet(text, m.group()) + "...");
        }
    }

    private static String snippet(String s, String needle) {
        int i = s.indexOf(needle);
        return i < 0 ? "" : s.substring(Math.max(0, i - 120), Math.min(s.length(), i + needle.length() + 120));
    }
}
