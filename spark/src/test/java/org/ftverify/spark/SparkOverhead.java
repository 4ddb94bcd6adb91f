package org.ftverify.spark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.engine.Plan;
import org.ftverify.engine.PropertyEngine;
import org.ftverify.engine.ShardRunner;

/**
 * The measurement behind docs/scale-out.adoc's Spark overhead rows (not a test): in one JVM, after a warm-up pass of
 * each, the plan's units evaluated sequentially ({@link ShardRunner#recordLine} in a loop, what a shard does per unit
 * without the file) and as Spark jobs (one task per unit, and one task per slot), {@code reps} times each.
 * Usage: {@code SparkOverhead plan.json local[1] 3}.
 */
public final class SparkOverhead {
    private SparkOverhead() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("ftverify.root", "..")).toAbsolutePath().normalize();
        String planText = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        String master = args[1];
        int reps = Integer.parseInt(args[2]);
        Plan plan = Plan.parse(planText, args[0]);
        TheoryRegistry registry = TheoryRegistry.load(root);
        PropertyEngine engine = ShardRunner.workerEngine(plan, System.err);
        List<String> ids = plan.units().stream().map(Plan.Unit::id).toList();
        int n = ids.size();
        for (int r = 0; r <= reps; r++) {
            long t = System.nanoTime();
            for (Plan.Unit u : plan.units()) ShardRunner.recordLine(plan, u, registry, engine);
            if (r > 0) report("sequential (this JVM)", n, System.nanoTime() - t);
        }
        long c0 = System.nanoTime();
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster(master).setAppName("ftverify overhead"))) {
            sc.setLogLevel("WARN");
            System.out.printf(Locale.ROOT, "context start %.2f s, %d slots%n", (System.nanoTime() - c0) / 1e9, sc.defaultParallelism());
            Broadcast<String> b = sc.broadcast(planText);
            for (int slices : new int[] {n, sc.defaultParallelism()}) {
                for (int r = 0; r <= reps; r++) {
                    long t = System.nanoTime();
                    int got = sc.parallelize(ids, slices).mapPartitions(new UnitTasks.Evaluate(b)).collect().size();
                    if (got != n) throw new IllegalStateException(got + " records for " + n + " units");
                    if (r > 0) report("spark " + master + ", " + slices + " tasks", n, System.nanoTime() - t);
                    else System.out.printf(Locale.ROOT, "  (first job, %d tasks: %.2f s)%n", slices, (System.nanoTime() - t) / 1e9);
                }
            }
        }
    }

    private static void report(String what, int units, long nanos) {
        System.out.printf(Locale.ROOT, "%-32s %d units in %.3f s = %.2f ms per unit%n", what, units, nanos / 1e9, nanos / 1e6 / units);
    }
}
