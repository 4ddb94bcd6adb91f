package org.ftverify.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.engine.Catalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User mistakes get one line naming the problem and the allowed values, exit code 2, no stack trace. */
class MainTest {
    private String err;

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private void assertOneLineError(String expectedFragment) {
        assertTrue(err.contains(expectedFragment), err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
        assertFalse(err.contains("\tat "), "no stack trace");
    }

    @Test
    void unknownCommand() {
        assertEquals(2, run("frobnicate"));
        assertOneLineError("unknown command 'frobnicate'; allowed: report, verify, list, replay, alarms, catalogue, help");
    }

    @Test
    void unknownLevel() {
        assertEquals(2, run("verify", "--level", "extreme"));
        assertOneLineError("level: unknown value 'extreme'; allowed: quick|standard|deep");
    }

    @Test
    void unknownTheoryAndClaim() {
        assertEquals(2, run("verify", "--theory", "nope"));
        assertOneLineError("unknown theory 'nope'; allowed:");
        assertEquals(2, run("verify", "--claim", "lora.nope"));
        assertOneLineError("unknown claim 'lora.nope'");
    }

    @Test
    void badSeedAndMissingValue() {
        assertEquals(2, run("verify", "--seed", "abc"));
        assertOneLineError("seed: 'abc' is not an integer");
        assertEquals(2, run("verify", "--claim"));
        assertOneLineError("option --claim needs a value");
    }

    @Test
    void unknownMutant() {
        assertEquals(2, run("verify", "--mutant", "nope"));
        assertOneLineError("unknown mutant 'nope'; allowed:");
    }

    @Test
    void replayOfMissingOrMalformedFile(@TempDir Path dir) throws Exception {
        assertEquals(2, run("replay"));
        assertOneLineError("replay needs exactly one counterexample FILE");
        assertEquals(2, run("replay", dir.resolve("missing.json").toString()));
        assertOneLineError("cannot read");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[1, 2");
        assertEquals(2, run("replay", bad.toString()));
        assertOneLineError("not a valid counterexample JSON");
    }

    @Test
    void replayWithOutOfRangeParameterNamesIt(@TempDir Path dir) throws Exception {
        var reg = TheoryRegistry.load();
        if (reg.theories().isEmpty()) return;
        var claim = reg.theories().get(0).claims().get(0);
        var p = claim.space().parameters().get(0);
        Path f = dir.resolve("x.json");
        String value = p.kind() == org.ftverify.core.Parameter.Kind.CHOICE ? "\"no-such-choice\"" : String.valueOf(p.hi() + 1e6);
        Files.writeString(f, "{\"claim\": \"" + claim.id() + "\", \"seed\": 1, \"params\": {\"" + p.name() + "\": " + value + "}}");
        assertEquals(2, run("replay", f.toString()));
        assertOneLineError("parameter " + p.name() + ": value");
    }

    @Test
    void committedCatalogueIsCurrent() throws Exception {
        Path root = Path.of(System.getProperty("ftverify.root", "."));
        String expected = Catalogue.render(TheoryRegistry.load().theories());
        String committed = Files.readString(root.resolve("verification/catalogue.adoc"));
        assertEquals(expected, committed, "verification/catalogue.adoc is stale: run ./ftverify catalogue");
    }
}
