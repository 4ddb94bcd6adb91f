package org.ftverify.engine;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.ftverify.core.AtomicFiles;
import org.ftverify.core.AtomicFilesTest;
import org.ftverify.core.Claim;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.TheoryRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results survive partial runs, full disks, unwritable outputs and concurrent runs. */
class ResultStoreTest {
    static final ToyTheory A = ToyTheory.of("toya", 3, 0), B = ToyTheory.of("toyb", 2, 0);
    static final TheoryRegistry REG = ToyTheory.registry(A, B);

    static Runner runner(Path out, long seed, PrintStream console) {
        PropertyEngine engine = new PropertyEngine(new EngineConfig(EvidenceLevel.QUICK, seed, out.resolve("cx"), 0, true, null), s -> {}, console::println);
        return new Runner(REG, engine, console, false).recordingTo(new ResultStore(out), RunRecord.start(EvidenceLevel.QUICK, seed, "test seed " + seed, REPO));
    }

    /** The checkout this test runs in: git state is read from it. */
    static final Path REPO = Path.of(System.getProperty("ftverify.root", "."));

    static void run(Path out, long seed, List<Claim> claims) {
        Runner r = runner(out, seed, new PrintStream(PrintStream.nullOutputStream()));
        r.begin(claims);
        claims.forEach(r::runOne);
        r.finish();
    }

    static JsonObject results(Path out) throws Exception {
        return JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
    }

    /** claim id -> claim object of results.json. */
    static Map<String, JsonObject> claims(JsonObject results) {
        Map<String, JsonObject> m = new HashMap<>();
        for (JsonElement t : results.getAsJsonArray("theories"))
            for (JsonElement c : t.getAsJsonObject().getAsJsonArray("claims")) m.put(c.getAsJsonObject().get("id").getAsString(), c.getAsJsonObject());
        return m;
    }

    @Test
    void partialRunKeepsTheLatestResultOfEveryOtherClaim(@TempDir Path out) throws Exception {
        run(out, 1, new Runner(REG, null, System.out, false).select(null, null));
        run(out, 2, B.claims());
        Map<String, JsonObject> cs = claims(results(out));
        assertEquals(5, cs.size());
        for (JsonObject c : cs.values()) assertEquals("VERIFIED", c.get("verdict").getAsString(), c.toString());
        JsonObject runA = cs.get("toya.c1").getAsJsonObject("run"), runB = cs.get("toyb.c1").getAsJsonObject("run");
        assertEquals(1, runA.get("runSeed").getAsLong(), "theory A keeps the verdict of the first run");
        assertEquals(2, runB.get("runSeed").getAsLong());
        for (String key : new String[] {"id", "level", "startedAt", "finishedAt", "toolVersion", "gitCommit", "gitDirty", "command"})
            assertTrue(runA.has(key), key);
        assertNotEquals(runA.get("id"), runB.get("id"));
        assertEquals(2, results(out).get("runSeed").getAsLong(), "the header names the run that wrote the file");
        assertFalse(cs.get("toya.c1").has("note"), "a claim that ran has no placeholder note: " + cs.get("toya.c1").get("note"));
    }

    @Test
    void neverRunClaimsAreNotRunWithAReason(@TempDir Path out) throws Exception {
        run(out, 1, B.claims());
        JsonObject c = claims(results(out)).get("toya.c2");
        assertEquals("NOT_RUN", c.get("verdict").getAsString());
        assertFalse(c.has("run"), "null fields are not written");
        assertEquals("no result recorded in this output directory yet", c.get("note").getAsString());
    }

    @Test
    void fullDiskMidRunKeepsValidResultsAndEveryFinishedClaim(@TempDir Path out) throws Exception {
        run(out, 1, A.claims());
        String before = Files.readString(out.resolve("results.json"));
        Runner r = runner(out, 2, new PrintStream(PrintStream.nullOutputStream()));
        r.begin(B.claims());
        r.runOne(B.claims().get(0));
        UncheckedIOException e;
        try (AutoCloseable fault = AtomicFiles.injectFault(s -> AtomicFilesTest.fullDisk(s, 100))) {
            e = assertThrows(UncheckedIOException.class, () -> r.runOne(B.claims().get(1)));
        }
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        Map<String, JsonObject> cs = claims(results(out)); // parses: never a truncated file
        assertEquals("VERIFIED", cs.get("toyb.c1").get("verdict").getAsString(), "the claim finished before the fault is kept");
        assertEquals(2, cs.get("toyb.c1").getAsJsonObject("run").get("runSeed").getAsLong());
        assertEquals("NOT_RUN", cs.get("toyb.c2").get("verdict").getAsString());
        assertNotEquals(before, Files.readString(out.resolve("results.json")));
        try (var s = Files.walk(out)) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".tmp")).toList(), "no temporary files left");
        }
    }

    @Test
    void unwritableOutputStopsBeforeAnyClaimRuns(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ftverify");
        Files.writeString(out, "a file where the output directory should be");
        int before = ToyTheory.EVALUATIONS.get();
        Runner r = runner(out, 1, new PrintStream(PrintStream.nullOutputStream()));
        var e = assertThrows(OutputUnwritableException.class, () -> r.begin(A.claims()));
        assertTrue(e.getMessage().startsWith("cannot write to the output directory " + out + " ("), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(before, ToyTheory.EVALUATIONS.get(), "no claim ran");
    }

    @Test
    void unwritableArchiveStopsBeforeAnyClaimRuns(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cx"), "a file where the archive should be");
        Runner r = runner(dir, 1, new PrintStream(PrintStream.nullOutputStream()));
        var e = assertThrows(OutputUnwritableException.class, () -> r.begin(A.claims()));
        assertTrue(e.getMessage().startsWith("cannot write to the counterexample archive " + dir.resolve("cx")), e.getMessage());
    }

    @Test
    void twoRunsInOneDirectoryAtOnceCorruptNothing(@TempDir Path out) throws Exception {
        ToyTheory slowA = ToyTheory.of("toya", 3, 30), slowB = ToyTheory.of("toyb", 2, 30);
        TheoryRegistry reg = ToyTheory.registry(slowA, slowB);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> reader = pool.submit(() -> {
                while (!done.get()) {
                    Path f = out.resolve("results.json");
                    if (Files.exists(f)) {
                        try {
                            JsonParser.parseString(Files.readString(f)).getAsJsonObject(); // never a partial file
                            reads.incrementAndGet();
                        } catch (java.io.IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
            });
            List<Future<?>> runs = new java.util.ArrayList<>();
            for (long seed : new long[] {11, 12}) {
                runs.add(pool.submit(() -> {
                    PropertyEngine engine = new PropertyEngine(new EngineConfig(EvidenceLevel.QUICK, seed, out.resolve("cx"), 0, true, null), s -> {}, s -> {});
                    Runner r = new Runner(reg, engine, new PrintStream(PrintStream.nullOutputStream()), false)
                            .recordingTo(new ResultStore(out), RunRecord.start(EvidenceLevel.QUICK, seed, "seed " + seed, out));
                    List<Claim> all = r.select(null, null);
                    r.begin(all);
                    all.forEach(r::runOne);
                    r.finish();
                }));
            }
            for (Future<?> f : runs) f.get(60, TimeUnit.SECONDS);
            done.set(true);
            reader.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(reads.get() > 0);
        Map<String, JsonObject> cs = claims(results(out));
        for (JsonObject c : cs.values()) {
            assertEquals("VERIFIED", c.get("verdict").getAsString());
            long seed = c.getAsJsonObject("run").get("runSeed").getAsLong();
            assertTrue(seed == 11 || seed == 12, "each claim carries the run it comes from");
        }
        try (var s = Files.list(out.resolve("runs"))) {
            assertEquals(List.of(), s.toList(), "finished runs leave no journal");
        }
    }

    @Test
    void summaryAndProgressColumnsFitLongIdsAndSayOneTry(@TempDir Path out) {
        Claim longId = ToyTheory.sound("toya.a-claim-id-much-longer-than-forty-characters-to-test-alignment", 0);
        ToyTheory t = new ToyTheory("toya", List.of(longId, ToyTheory.sound("toya.short", 0)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PropertyEngine engine = new PropertyEngine(new EngineConfig(EvidenceLevel.QUICK, 1, out.resolve("cx"), 0, true, null), s -> {}, console::println);
        Runner r = new Runner(ToyTheory.registry(t), engine, console, false);
        r.begin(t.claims());
        r.printSummary(r.runAll(t.claims()));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("(1 try, level quick)"), text);
        assertFalse(text.contains("1 tries"), text);
        List<String> rows = text.lines().filter(l -> l.startsWith("toya.")).toList();
        assertEquals(2, rows.size(), text);
        assertEquals(rows.get(0).indexOf("VERIFIED"), rows.get(1).indexOf("VERIFIED"), "verdict column aligned:\n" + text);
        List<String> progress = text.lines().filter(l -> l.contains("VERIFIED") && l.startsWith("[ftverify]")).toList();
        assertEquals(progress.get(0).indexOf("VERIFIED"), progress.get(1).indexOf("VERIFIED"), text);
    }

    @Test
    void listFlagComesFromTheLatestRecords(@TempDir Path out) throws Exception {
        ToyTheory t = new ToyTheory("toya", List.of(ToyTheory.sound("toya.indep", 0), ToyTheory.consistencyOnly("toya.selfish")));
        PropertyEngine engine = new PropertyEngine(new EngineConfig(EvidenceLevel.QUICK, 1, out.resolve("cx"), 0, true, null), s -> {}, s -> {});
        Runner r = new Runner(ToyTheory.registry(t), engine, new PrintStream(PrintStream.nullOutputStream()), false)
                .recordingTo(new ResultStore(out), RunRecord.start(EvidenceLevel.QUICK, 1, "x", out));
        r.begin(t.claims());
        t.claims().forEach(r::runOne);
        Map<String, JsonObject> latest = new ResultStore(out).latest(s -> {});
        assertTrue(latest.get("toya.indep").get("independentComparison").getAsBoolean());
        assertFalse(latest.get("toya.selfish").get("independentComparison").getAsBoolean());
    }
}
