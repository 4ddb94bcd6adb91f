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
        assertOneLineError("unknown command 'frobnicate'; allowed: report, verify, list, replay, explore, alarms, power, catalogue, plan, shard, search, merge, costs, sweep, help");
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
    void strayArgumentsAreRejected() {
        assertEquals(2, run("list", "stray"));
        assertOneLineError("unexpected argument 'stray' for 'list'");
        assertEquals(2, run("verify", "--theory", "risk", "stray"));
        assertOneLineError("unexpected argument 'stray' for 'verify'");
        assertEquals(2, run("replay", "a.json", "b.json"));
        assertOneLineError("replay needs exactly one counterexample FILE");
    }

    @Test
    void alarmsNeedsASeedCount() {
        assertEquals(2, run("alarms"));
        assertOneLineError("alarms needs --seeds N");
        assertEquals(2, run("alarms", "--seeds", "0"));
        assertOneLineError("seeds: '0' must be an integer in [1, 1000]");
        assertEquals(2, run("verify", "--seeds", "3"));
        assertOneLineError("--seeds is for 'alarms'");
    }

    /** Replay files with the mistakes people make: each gets one line in our words, never a Gson class name. */
    @Test
    void badReplayFilesSayWhatIsWrong(@TempDir Path dir) throws Exception {
        var claim = TheoryRegistry.load().theories().get(0).claims().get(0);
        String p0 = claim.space().parameters().get(0).name();
        String[][] cases = {
                {"{\"claim\": \"" + claim.id() + "\", \"seed\": 1, \"params\": {}}", "'params' is empty"},
                {"{\"claim\": \"" + claim.id() + "\", \"seed\": 1, \"params\": {\"" + p0 + "\": {\"value\": 3}}}",
                        "parameter '" + p0 + "' is an object; expected a number"},
                {"{\"claim\": \"" + claim.id() + "\", \"seed\": 1, \"params\": {\"" + p0 + "\": 3", "the text ends early at line 1"},
                {"{\"claim\": \"" + claim.id() + "\", \"seed\": \"x\", \"params\": {\"" + p0 + "\": 3}}", "'seed' must be an integer"},
                {"{\"claim\": 5, \"seed\": 1, \"params\": {\"" + p0 + "\": 3}}", "'claim' must be a string"},
                {"{\"claim\": \"" + claim.id() + "\", \"seed\": 1, \"params\": [1]}", "'params' must be an object"},
                {"", "the file is empty"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("case.json");
            Files.writeString(f, c[0]);
            assertEquals(2, run("replay", f.toString()), c[0]);
            assertOneLineError(c[1]);
            assertFalse(err.contains("Json") || err.contains("gson") || err.contains("Exception"), err);
        }
    }

    @Test
    void unwritableOutputIsOneLineAndExitTwoBeforeAnyClaimRuns(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ftverify");
        Files.writeString(out, "a file in the way");
        Path root = Path.of(System.getProperty("ftverify.root", ".")).toAbsolutePath();
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int code = Main.run(new String[] {"verify", "--theory", "risk"}, root, new org.ftverify.engine.ResultStore(out),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        err = e.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, err);
        assertOneLineError("cannot write to the output directory " + out);
        assertFalse(o.toString(StandardCharsets.UTF_8).contains("running"), "no claim ran");
        assertTrue((System.nanoTime() - t0) / 1e9 < 30, "fails at once, not after the claims");
    }

    /** list does not run claims: the evidence kind comes from the latest recorded result of each claim. */
    @Test
    void listFlagsClaimsWithoutIndependentComparison(@TempDir Path dir) throws Exception {
        var claims = TheoryRegistry.load().theory("risk").claims();
        var store = new org.ftverify.engine.ResultStore(dir);
        com.google.gson.JsonObject rec = new com.google.gson.JsonObject(), run = new com.google.gson.JsonObject();
        rec.addProperty("id", claims.get(0).id());
        rec.addProperty("independentComparison", false);
        run.addProperty("runSeed", 42);
        run.addProperty("startedAt", "2026-12-02T05:00:00.123Z");
        rec.add("run", run);
        store.record(claims.get(0).id(), rec);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        Path root = Path.of(System.getProperty("ftverify.root", ".")).toAbsolutePath();
        assertEquals(0, Main.run(new String[] {"list", "--theory", "risk"}, root, store, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        String text = o.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("evidence NO INDEPENDENT COMPARISON (internal consistency only) (last run: seed 42, started 2026-12-02T05:00:00Z)")
                || text.matches("(?s).*evidence\\s+NO INDEPENDENT COMPARISON \\(internal consistency only\\) \\(last run: seed 42, started 2026-12-02T05:00:00Z\\).*"), text);
        assertEquals(claims.size() - 1, text.lines().filter(l -> l.matches("\\s+evidence\\s+unknown \\(not run\\)")).count(), text);
    }

    @Test
    void committedCatalogueIsCurrent() throws Exception {
        Path root = Path.of(System.getProperty("ftverify.root", "."));
        String expected = Catalogue.render(TheoryRegistry.load().theories(),
                org.ftverify.engine.PowerSweep.read(root.resolve("verification/power.json")));
        String committed = Files.readString(root.resolve("verification/catalogue.adoc"));
        assertEquals(expected, committed, "verification/catalogue.adoc is stale: run ./ftverify catalogue");
        assertEquals(org.ftverify.engine.LevelTable.render(TheoryRegistry.load().theories(), root.resolve("verification/costs.json"), root),
                Files.readString(root.resolve("docs/deep-level.adoc")), "docs/deep-level.adoc is stale: run ./ftverify catalogue");
    }
}
