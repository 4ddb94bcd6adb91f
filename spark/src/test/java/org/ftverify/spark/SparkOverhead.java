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
 * without the file), as one shard writing its file ({@link ShardRunner#run} of a one-shard plan: what a SLURM array
 * task does once its JVM is up), as Spark jobs (one task per unit, and one task per slot) and as a Spark job of no-op tasks (Spark's
 * own cost per task), interleaved, {@code reps} times each.
 * Usage: {@code SparkOverhead plan.json local[1] 7} (a plan of one shard).
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
        long c0 = System.nanoTime();
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster(master).setAppName("ftverify overhead"))) {
            sc.setLogLevel("WARN");
            int slots = sc.defaultParallelism();
            System.out.printf(Locale.ROOT, "context start %.2f s, %d slots, %d units%n", (System.nanoTime() - c0) / 1e9, slots, n);
            Broadcast<String> b = sc.broadcast(planText);
            String[] names = {"sequential (one thread)", "shard file (SLURM worker path)", "spark, one task per unit", "spark, one task per slot",
                "spark no-op, one task per unit"};
            Path shardDir = Files.createTempDirectory("ftverify-overhead");
            java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
            org.ftverify.engine.EngineConfig config = org.ftverify.engine.EngineConfig.of(plan.level(), plan.runSeed(), root);
            double[][] ms = new double[names.length][reps];
            for (int r = -1; r < reps; r++) { // interleaved, so the machine's load hits every variant alike; r = -1 warms up
                long[] t = new long[names.length];
                t[0] = System.nanoTime();
                for (Plan.Unit u : plan.units()) ShardRunner.recordLine(plan, u, registry, engine);
                t[1] = System.nanoTime();
                check(n, ShardRunner.run(plan, 0, registry, config, shardDir.resolve((r + 1) + ".jsonl"), quiet).ran());
                t[2] = System.nanoTime();
                check(n, sc.parallelize(ids, n).mapPartitions(new UnitTasks.Evaluate(b)).collect().size());
                t[3] = System.nanoTime();
                check(n, sc.parallelize(ids, slots).mapPartitions(new UnitTasks.Evaluate(b)).collect().size());
                t[4] = System.nanoTime();
                check(n, sc.parallelize(ids, n).map(id -> id).collect().size());
                long end = System.nanoTime();
                if (r < 0) continue;
                for (int k = 0; k < names.length; k++) ms[k][r] = ((k + 1 < names.length ? t[k + 1] : end) - t[k]) / 1e6 / n;
            }
            for (int k = 0; k < names.length; k++) {
                double[] v = ms[k].clone();
                java.util.Arrays.sort(v);
                System.out.printf(Locale.ROOT, "%-32s ms per unit: min %.2f, median %.2f, max %.2f (%d repetitions)%n", names[k], v[0], v[v.length / 2],
                        v[v.length - 1], reps);
            }
        }
    }

    private static void check(int n, int got) {
        if (got != n) throw new IllegalStateException(got + " records for " + n + " units");
    }
}
