package org.ftverify.engine;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in other JVMs: a run killed with SIGKILL (kill -9) keeps every claim it finished and the next run names the
 * claims it did not finish; two processes running in one directory at once leave valid, complete results.
 */
class KilledRunTest {

    static Process start(Path out, String theory, int claims, long millis, long seed) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), ToyRunMain.class.getName(),
                out.toString(), theory, String.valueOf(claims), String.valueOf(millis), String.valueOf(seed))
                .redirectErrorStream(true).start();
    }

    @Test
    void killDashNineAfterSixClaimsKeepsThemAndTheNextRunSaysWhatIsMissing(@TempDir Path out) throws Exception {
        Process p = start(out, "toya", 12, 400, 5);
        int done = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (done < 6 && (line = r.readLine()) != null) if (line.startsWith("claim done")) done++;
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally block runs
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(6, done);
        assertEquals(137, p.exitValue(), "killed by SIGKILL");

        Map<String, JsonObject> cs = ResultStoreTest.claims(ResultStoreTest.results(out)); // valid JSON
        long verified = cs.values().stream().filter(c -> c.get("verdict").getAsString().equals("VERIFIED")).count();
        assertTrue(verified >= 6 && verified < 12, "finished claims kept: " + verified);

        // the next run (same toy theory, in this JVM) reports the interrupted one and lists what it did not finish
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ToyTheory t = ToyTheory.of("toya", 12, 0);
        PropertyEngine engine = new PropertyEngine(new EngineConfig(org.ftverify.core.EvidenceLevel.QUICK, 6, out.resolve("cx"), 0, true, null), s -> {});
        Runner next = new Runner(ToyTheory.registry(t), engine, console, false).recordingTo(new ResultStore(out),
                RunRecord.start(org.ftverify.core.EvidenceLevel.QUICK, 6, "next", out));
        next.begin(List.of(t.claims().get(0)));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("seed 5") && text.contains("was interrupted after " + verified + " of 12 claims; not finished: "), text);
        assertTrue(text.contains("toya.c12"), text);
        next.runOne(t.claims().get(0));
        JsonObject results = ResultStoreTest.results(out);
        assertEquals(1, results.getAsJsonArray("interruptedRuns").size());
        assertTrue(ResultStoreTest.claims(results).get("toya.c12").get("note").getAsString().contains("interrupted"));
        // reported once only
        assertTrue(new ResultStore(out).collectInterrupted(s -> {}).isEmpty());
    }

    @Test
    void twoProcessesInOneDirectoryAtOnce(@TempDir Path out) throws Exception {
        Process a = start(out, "toya", 8, 50, 1), b = start(out, "toya", 8, 50, 2);
        assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS));
        String outA = new String(a.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, a.exitValue(), outA);
        assertEquals(0, b.exitValue(), new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        Map<String, JsonObject> cs = ResultStoreTest.claims(ResultStoreTest.results(out));
        assertEquals(8, cs.size());
        for (JsonObject c : cs.values()) assertEquals("VERIFIED", c.get("verdict").getAsString(), c.toString());
        assertTrue(new ResultStore(out).collectInterrupted(s -> {}).isEmpty(), "both runs finished");
    }
}
