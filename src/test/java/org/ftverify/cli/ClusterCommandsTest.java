package org.ftverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster commands' bad input: one line naming the problem, exit 2, before any claim runs. */
class ClusterCommandsTest {
    @TempDir
    Path dir;
    private String out, err;

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private void assertOneLineError(String fragment) {
        assertTrue(err.contains(fragment), err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
    }

    @Test
    void planNeedsShards() {
        assertEquals(2, run("plan", "--claim", "dln.gd-conservation"));
        assertOneLineError("plan needs --shards");
        assertEquals(2, run("plan", "--claim", "dln.gd-conservation", "--shards", "0"));
        assertOneLineError("shards: '0' must be an integer in [1, 100000]");
        assertEquals(2, run("plan", "--bogus"));
        assertOneLineError("unknown option '--bogus' for 'plan'");
    }

    @Test
    void costsWithNothingToRecordSaysWhere() {
        // an empty or mistyped results directory must not pass silently (nor rewrite verification/costs.json)
        assertEquals(2, run("costs", "--results", dir.resolve("no-such-run").toString()));
        assertOneLineError("costs: nothing to record: no claim results in");
    }

    @Test
    void mergeListsMissingUnitsOnOneLine() throws IOException {
        Path plan = dir.resolve("plan.json");
        assertEquals(0, run("plan", "--claim", "dln.gd-conservation", "--seed", "3", "--shards", "2", "-o", plan.toString()), err);
        assertTrue(out.contains("4 units in 2 shards"), out);
        assertEquals(2, run("shard", "--plan", plan.toString(), "--index", "2"));
        assertOneLineError("index: '2' must be an integer in [0, 1]");
        Path empty = Files.writeString(dir.resolve("0.jsonl"), "");
        assertEquals(2, run("merge", "--plan", plan.toString(), empty.toString()));
        assertOneLineError("merge: 4 units have no record: dln.gd-conservation#0 dln.gd-conservation#1");
    }

    @Test
    void sparkSweepWritesThePlanAndPrintsHowToSubmitIt() throws IOException {
        Path sweep = dir.resolve("sweep");
        assertEquals(0, run("sweep", "--engine", "spark", "--claim", "dln.gd-conservation", "--seed", "3", "--dir", sweep.toString(), "--no-report"), err);
        assertTrue(Files.exists(sweep.resolve("plan.json")), "the plan is written into the sweep directory");
        assertTrue(out.contains("4 units in 1 shards"), "Spark deals units itself: one shard unless --shards is given; " + out);
        assertTrue(out.contains("spark-submit --master <master-url> --deploy-mode client --class org.ftverify.spark.SparkSweep"), out);
        assertTrue(out.contains("spark.executor.extraJavaOptions=" + SparkSubmit.JVM_FLAGS), "executors get the add-opens and Vector API flags: " + out);
        assertTrue(out.contains("spark/target/ftverify-spark.jar' --plan '" + sweep.resolve("plan.json") + "' --no-report"), out);
        assertTrue(out.contains("exec:exec -Dspark.args='--master local[2] --plan "), "the local-mode command: " + out);
        assertEquals(2, run("sweep", "--engine", "spark", "--claim", "dln.gd-conservation", "--partition", "cpu", "--dir", sweep.toString()));
        assertOneLineError("partition: applies to --engine slurm only");
        assertEquals(2, run("sweep", "--engine", "flink", "--shards", "2"));
        assertOneLineError("engine: 'flink' is not supported; allowed: slurm, spark");
    }
}
