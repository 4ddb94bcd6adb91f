package org.ftverify.report;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The findings archive (verification/findings/) is well-formed and replayable, and the report opens with it. */
class FindingsTest {
    static final Path ROOT = Path.of(System.getProperty("ftverify.root", ".")).toAbsolutePath().normalize();
    static final Pattern TEST_REPLAY = Pattern.compile("mvn -o -q test -Dtest=(\\w+)#(\\w+)");
    static final Pattern FILE_REPLAY = Pattern.compile("\\./ftverify replay (\\S+)");

    @Test
    void everyCuratedFindingIsComplete() {
        List<Finding> fs = Finding.load(ROOT.resolve("verification/findings"));
        assertTrue(fs.size() >= 2, "the two lora findings are archived");
        for (Finding f : fs) {
            assertTrue(Finding.STATUSES.contains(f.status()), f.id());
            assertEquals(f.id() + ".json", f.file().getFileName().toString(), "file named after the id");
            assertFalse(f.claims().isEmpty(), f.id());
            for (String cx : f.counterexampleFiles()) assertTrue(Files.isRegularFile(ROOT.resolve(cx)), f.id() + ": " + cx);
        }
    }

    /** A replay command must run something that exists: a test method of FindingsReplayTest, or an archived file. */
    @Test
    void everyReplayCommandPointsAtSomethingThatExists() throws Exception {
        for (Finding f : Finding.load(ROOT.resolve("verification/findings"))) {
            Matcher t = TEST_REPLAY.matcher(f.replay()), r = FILE_REPLAY.matcher(f.replay());
            if (t.matches()) {
                Class<?> c = Class.forName("org.ftverify.findings." + t.group(1));
                boolean found = false;
                for (Method m : c.getDeclaredMethods()) found |= m.getName().equals(t.group(2));
                assertTrue(found, f.id() + ": no test method " + t.group(2) + " in " + t.group(1));
            } else if (r.matches()) {
                assertTrue(Files.isRegularFile(ROOT.resolve(r.group(1))), f.id() + ": " + r.group(1));
            } else {
                fail(f.id() + ": replay must be 'mvn -o -q test -Dtest=Class#method' or './ftverify replay FILE', got " + f.replay());
            }
        }
    }

    @Test
    void malformedFindingGivesOneLineError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.json");
        Files.writeString(f, "{\"id\": \"x\", \"status\": \"fixed\"}");
        var e = assertThrows(IllegalArgumentException.class, () -> Finding.read(f));
        assertTrue(e.getMessage().startsWith("finding " + f + ": missing field"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void archivedCounterexamplesOfRealTheoriesAreListedAsOpenFindings(@TempDir Path root) throws Exception {
        Path cx = root.resolve("verification/counterexamples/toy.claim");
        Files.createDirectories(cx);
        Files.writeString(cx.resolve("abc.json"), "{\"claim\":\"toy.claim\",\"params\":{\"d\":16},\"seed\":7,\"level\":\"quick\",\"normalisedGap\":2.5}");
        Files.writeString(cx.resolve("mut.json"), "{\"claim\":\"toy.claim\",\"mutant\":\"m\",\"params\":{\"d\":16},\"seed\":7}");
        String adoc = FindingsSection.forReport(root);
        assertTrue(adoc.startsWith("[[findings]]\n== Findings"), adoc);
        assertTrue(adoc.contains("archived counterexample of toy.claim"), adoc);
        assertTrue(adoc.contains("./ftverify replay verification/counterexamples/toy.claim/abc.json"), adoc);
        assertFalse(adoc.contains("mut.json"), "a mutant's counterexample is not a finding");
        assertTrue(FindingsSection.forReport(root.resolve("empty")).contains("No counterexample"));
        assertTrue(Finding.archived(root, root.resolve("verification/counterexamples"),
                Set.of("verification/counterexamples/toy.claim/abc.json")).isEmpty(), "explained files are not listed twice");
    }

    @Test
    void reportOpensWithTheFindings() {
        String adoc = new AsciidocBuilder(null, Path.of("nowhere/results.json"), null, Path.of("nowhere/proofs.json"), List.of(), null, Path.of(System.getProperty("ftverify.root", ".")), null).build();
        int findings = adoc.indexOf("== Findings"), firstOther = adoc.indexOf("\n== ", findings + 5);
        assertTrue(findings > 0 && adoc.indexOf("\n== ") == findings - 1, "Findings is the first section");
        assertTrue(firstOther > findings);
        assertTrue(adoc.contains("lora-he2-line-m0-not-invariant"), "curated findings of the repository are listed");
        assertTrue(adoc.contains("spec corrected"));
    }
}
