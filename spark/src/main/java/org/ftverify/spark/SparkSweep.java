package org.ftverify.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.ftverify.cli.ClusterCommands;
import org.ftverify.core.AtomicFiles;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.engine.EngineConfig;
import org.ftverify.engine.Plan;
import org.ftverify.engine.ShardMerge;
import org.ftverify.engine.ShardRecords;
import org.ftverify.engine.ShardSearch;

/**
 * The Spark driver of a sharded run (docs/scale-out.adoc, "Spark"): reads a plan written by {@code ./ftverify plan}
 * (or {@code sweep --engine spark}), parallelises its unit ids over the executors, collects one record line per unit,
 * runs the targeted search of each claim as a second stage from the collected records, writes both as shard files
 * ({@code <dir>/shards/spark.jsonl}, {@code <dir>/search/spark.jsonl}) and then runs {@code ./ftverify merge} on them,
 * so the verdicts, gaps, results.json and report are those of the sequential engine with the plan's run seed.
 *
 * <p>Started again on the same directory it evaluates only the units (and searches) not yet in those files: a driver
 * lost mid-run loses only the stage it was in. Usage:
 * {@code SparkSweep --plan plan.json [--dir D] [--results D] [--partitions N] [--master URL] [--no-report]}.
 */
public final class SparkSweep {
    private SparkSweep() {}

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("ftverify.root", ".")).toAbsolutePath().normalize();
        int code;
        try {
            code = run(args, root, System.out);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("ftverify-spark: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    /** What a Spark run did, for the caller (tests, the overhead measurement). */
    public record Outcome(int exitCode, int unitsRun, int searchesRun, double contextSeconds, double unitSeconds, double searchSeconds, double mergeSeconds) {}

    public static int run(String[] args, Path root, PrintStream out) {
        return sweep(args, root, out).exitCode();
    }

    public static Outcome sweep(String[] args, Path root, PrintStream out) {
        Options o = Options.parse(args);
        Path planFile = Path.of(o.plan).toAbsolutePath().normalize();
        Plan plan = Plan.read(planFile);
        ClusterCommands.checkBuild(plan, root);
        TheoryRegistry registry = TheoryRegistry.load(root); // the claims' links are checked once, here, against the checkout
        for (String c : plan.claims()) registry.claim(c);
        Path dir = o.dir != null ? Path.of(o.dir).toAbsolutePath().normalize() : planFile.getParent();
        Path shardFile = dir.resolve("shards").resolve("spark.jsonl"), searchFile = dir.resolve("search").resolve("spark.jsonl");
        EngineConfig config = EngineConfig.of(plan.level(), plan.runSeed(), root);

        SparkConf conf = new SparkConf().setAppName("ftverify " + plan.selection() + " --level " + plan.level().id() + " --seed " + plan.runSeed());
        if (o.master != null) conf.setMaster(o.master);
        if (!conf.contains("spark.master"))
            throw new IllegalArgumentException("master: none set; submit with spark-submit --master URL, or pass --master local[N] to run here");
        String planText = read(planFile);
        long t0 = System.nanoTime();
        int unitsRun, searchesRun = 0;
        double contextSeconds, unitSeconds, searchSeconds;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel(o.logLevel);
            contextSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            Broadcast<String> bPlan = sc.broadcast(planText);
            Set<String> done = unitsIn(shardFile);
            List<String> todo = plan.units().stream().map(Plan.Unit::id).filter(id -> !done.contains(id)).toList();
            if (!done.isEmpty()) out.println("[ftverify] resuming: " + done.size() + " of " + plan.units().size() + " units already in " + shardFile);
            if (!todo.isEmpty()) {
                int slices = o.partitions > 0 ? Math.min(o.partitions, todo.size()) : todo.size();
                append(shardFile, sc.parallelize(todo, slices).mapPartitions(new UnitTasks.Evaluate(bPlan)).collect());
            }
            unitsRun = todo.size();
            unitSeconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "[ftverify] spark: context started in %.1f s; %d units evaluated in %.2f s (%d in the plan); records: %s%n",
                    contextSeconds, unitsRun, unitSeconds, plan.units().size(), shardFile);

            long t1 = System.nanoTime();
            var records = ShardMerge.read(plan, List.of(shardFile), registry, out);
            List<String> missing = ShardMerge.missing(plan, records);
            if (!missing.isEmpty())
                throw new IllegalStateException("spark: " + missing.size() + " units have no record after the job: " + String.join(" ", missing));
            Set<String> searched = unitsIn(searchFile);
            List<String> searches = ShardSearch.searchedClaims(plan, registry, config).stream()
                    .filter(c -> !searched.contains(ShardSearch.unitId(c))).toList();
            if (!searches.isEmpty()) {
                Broadcast<List<String>> bRecords = sc.broadcast(Files.readAllLines(shardFile, StandardCharsets.UTF_8));
                append(searchFile, sc.parallelize(searches, searches.size()).mapPartitions(new UnitTasks.Search(bPlan, bRecords)).collect());
                searchesRun = searches.size();
            }
            searchSeconds = (System.nanoTime() - t1) / 1e9;
            out.printf(Locale.ROOT, "[ftverify] spark: targeted search of %d claims in %.2f s; records: %s%n", searchesRun, searchSeconds, searchFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        long t2 = System.nanoTime();
        List<String> merge = new ArrayList<>(List.of("merge", "--plan", planFile.toString()));
        if (o.results != null) merge.addAll(List.of("--results", o.results));
        if (o.noReport) merge.add("--no-report");
        merge.add(shardFile.toString());
        if (Files.exists(searchFile)) merge.add(searchFile.toString());
        int code = ClusterCommands.run(merge.toArray(String[]::new), root, out);
        return new Outcome(code, unitsRun, searchesRun, contextSeconds, unitSeconds, searchSeconds, (System.nanoTime() - t2) / 1e9);
    }

    private static Set<String> unitsIn(Path file) {
        Set<String> ids = new HashSet<>();
        for (var r : ShardRecords.read(file).records()) ids.add(r.get("unit").getAsString());
        return ids;
    }

    /** Appends collected record lines to a shard file (a cut-off last line of an earlier driver is left to the merge). */
    private static void append(Path file, List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) sb.append(l).append('\n');
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + AtomicFiles.describe(e), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("plan: cannot read " + file + " (" + AtomicFiles.describe(e) + ")");
        }
    }

    /** The driver's options; errors name the option and what it takes. */
    record Options(String plan, String dir, String results, String master, int partitions, boolean noReport, String logLevel) {
        static Options parse(String[] args) {
            String plan = null, dir = null, results = null, master = null, logLevel = "WARN";
            int partitions = 0;
            boolean noReport = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--no-report")) {
                    noReport = true;
                    continue;
                }
                if (!Set.of("--plan", "--dir", "--results", "--master", "--partitions", "--log-level").contains(a))
                    throw new IllegalArgumentException("unknown argument '" + a + "'; allowed: --plan FILE, --dir D, --results D, --master URL,"
                            + " --partitions N, --log-level L, --no-report");
                if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value");
                String v = args[++i];
                switch (a) {
                    case "--plan" -> plan = v;
                    case "--dir" -> dir = v;
                    case "--results" -> results = v;
                    case "--master" -> master = v;
                    case "--log-level" -> logLevel = v;
                    default -> partitions = partitions(v);
                }
            }
            if (plan == null) throw new IllegalArgumentException("--plan FILE is required (write one with './ftverify plan' or 'sweep --engine spark')");
            return new Options(plan, dir, results, master, partitions, noReport, logLevel);
        }

        private static int partitions(String v) {
            try {
                int n = Integer.parseInt(v);
                if (n >= 1 && n <= 1_000_000) return n;
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new IllegalArgumentException("partitions: '" + v + "' must be an integer in [1, 1000000] (default: one per unit)");
        }
    }
}
