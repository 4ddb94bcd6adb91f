package org.ftverify.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.ftverify.core.Claim;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Mutant;
import org.ftverify.core.Num;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.core.Verdict;
import org.ftverify.engine.CostModel;
import org.ftverify.engine.EngineConfig;
import org.ftverify.engine.MutantRun;
import org.ftverify.engine.Plan;
import org.ftverify.engine.PropertyEngine;
import org.ftverify.engine.ResultStore;
import org.ftverify.engine.RunRecord;
import org.ftverify.engine.Runner;
import org.ftverify.engine.ShardMerge;
import org.ftverify.engine.ShardRunner;
import org.ftverify.engine.ShardSearch;

/**
 * The cluster commands (docs/scale-out.adoc): {@code plan} cuts a run into units dealt to shards, {@code shard} runs
 * one shard (resumable), {@code merge} decides every claim from the shard files as the sequential engine would, and
 * {@code sweep} does all three on SLURM (an array job of shards and a merge job after it). They parse their own
 * options (Main only dispatches); errors name the option and its allowed values (exit 2).
 */
public final class ClusterCommands {
    static final Set<String> COMMANDS = Set.of("plan", "shard", "search", "merge", "sweep", "costs");
    static final String USAGE = """
              plan    [--theory T|--claim C[,C2...]] [--mutant M] [--level L] [--seed S] --shards N [-o plan.json]
                                                                        cut a run into units dealt to N shards (balanced by expected cost);
                                                                        --mutant M plans a run of mutant M's claims (merge labels it a mutant run)
              shard   --plan plan.json [--index K] [-o shards/K.jsonl]  run shard K (default $SLURM_ARRAY_TASK_ID); resumes a killed shard
              search  --plan plan.json [--index K] [-o search/K.jsonl] SHARDFILE...
                                                                        the targeted search of the claims of search shard K, after the shards
              merge   --plan plan.json [--no-report] FILE...            decide every claim from the shard (and search) files; results.json, report
                      (plan, merge, sweep: --results D reads costs from and writes results to D instead of target/ftverify;
                       a mutant plan's merge writes to target/ftverify/mutants/M unless --results is given)
              costs   [--results D] [SHARDFILE...]                      record per-try costs (latest results in D, or shard records) in verification/costs.json
              sweep   --engine slurm --shards N [--array-limit M] [--partition P] [--theory T|--claim C] [--mutant M] [--level L] [--seed S]
                      [--dir D] [--launcher L] [--sbatch-option O]... [--no-report]
                                                                        plan, submit an array job of shards and an afterok merge job
              sweep   --engine spark [--master URL] [--shards N] [--theory T|--claim C] [--level L] [--seed S] [--dir D] [--no-report]
                                                                        plan, and print the spark-submit command that runs it (module spark/)""";

    private ClusterCommands() {}

    public static boolean handles(String command) {
        return COMMANDS.contains(command);
    }

    /** Entry point of Main (the registered theories). */
    public static int run(String[] args, Path root, PrintStream out) {
        return run(args, root, ResultStore.under(root), TheoryRegistry::load, out);
    }

    /** With the theories and result store given (tests run toy theories through the same commands). */
    public static int run(String[] args, Path root, ResultStore store, Supplier<TheoryRegistry> theories, PrintStream out) {
        Args a = Args.parse(args);
        if (a.get("--results") != null) store = new ResultStore(Path.of(a.get("--results")));
        return switch (args[0]) {
            case "plan" -> plan(a, root, store, theories.get(), out);
            case "shard" -> shard(a, root, theories.get(), out);
            case "merge" -> merge(a, root, store, theories.get(), out);
            case "search" -> search(a, root, theories.get(), out);
            case "costs" -> costs(a, root, store, out);
            default -> SlurmSweep.submit(a, root, store, theories.get(), out);
        };
    }

    /** Parsed options of the cluster commands. */
    record Args(String command, Map<String, String> values, List<String> sbatchOptions, List<String> files, boolean noReport) {
        static final Set<String> VALUED = Set.of("--theory", "--claim", "--level", "--seed", "--shards", "-o", "--plan", "--index",
                "--engine", "--array-limit", "--partition", "--dir", "--launcher", "--sbatch-option", "--results", "--master",
                "--mutant");

        static Args parse(String[] args) {
            Map<String, String> v = new LinkedHashMap<>();
            List<String> sbatch = new ArrayList<>(), files = new ArrayList<>();
            boolean noReport = false;
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--no-report")) noReport = true;
                else if (VALUED.contains(a)) {
                    if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value");
                    if (a.equals("--sbatch-option")) sbatch.add(args[++i]);
                    else v.put(a, args[++i]);
                } else if (a.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option '" + a + "' for '" + args[0] + "'; allowed: " + String.join(", ", new java.util.TreeSet<>(VALUED)) + ", --no-report (see ./ftverify help)");
                } else if (args[0].equals("merge") || args[0].equals("search") || args[0].equals("costs")) {
                    files.add(a);
                } else {
                    throw new IllegalArgumentException("unexpected argument '" + a + "' for '" + args[0] + "'; it takes only --options (see ./ftverify help)");
                }
            }
            return new Args(args[0], v, sbatch, files, noReport);
        }

        String get(String option) {
            return values.get(option);
        }

        String require(String option, String what) {
            String s = values.get(option);
            if (s == null) throw new IllegalArgumentException(command + " needs " + option + " " + what);
            return s;
        }

        int integer(String option, int lo, int hi, Integer fallback) {
            String s = values.get(option);
            if (s == null) {
                if (fallback == null) throw new IllegalArgumentException(command + " needs " + option + " (an integer in [" + lo + ", " + hi + "])");
                return fallback;
            }
            try {
                int n = Integer.parseInt(s);
                if (n >= lo && n <= hi) return n;
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new IllegalArgumentException(option.replaceFirst("^-+", "") + ": '" + s + "' must be an integer in [" + lo + ", " + hi + "]");
        }

        EvidenceLevel level() {
            return values.containsKey("--level") ? EvidenceLevel.parse(values.get("--level")) : EvidenceLevel.QUICK;
        }

        long seed() {
            String s = values.get("--seed");
            if (s == null) return new SecureRandom().nextLong();
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("seed: '" + s + "' is not an integer in [" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]");
            }
        }
    }

    /** Writes a plan and prints its shape and expected CPU time. */
    static Plan makePlan(Args a, Path root, ResultStore store, TheoryRegistry reg, Path file, PrintStream out) {
        return makePlan(a, root, store, reg, file, out, null);
    }

    /** As above; {@code defaultShards} when --shards is not given (null: --shards is required). */
    static Plan makePlan(Args a, Path root, ResultStore store, TheoryRegistry reg, Path file, PrintStream out, Integer defaultShards) {
        int shards = a.integer("--shards", 1, 100_000, defaultShards);
        long seed = a.seed();
        EngineConfig config = EngineConfig.of(a.level(), seed, root);
        List<Claim> claims = new ArrayList<>();
        String mutant = a.get("--mutant");
        if (mutant != null) {
            Mutant m = reg.mutant(mutant);
            config = config.forMutant(m.name(), root);
            Set<String> wanted = a.get("--claim") == null ? null : Set.of(a.get("--claim").split(","));
            for (Claim c : m.targets()) if (wanted == null || wanted.contains(c.id())) claims.add(c);
            if (claims.isEmpty()) throw new IllegalArgumentException("mutant " + m.name() + " has no claim '" + a.get("--claim") + "' among those it must break ("
                    + m.targets().stream().map(Claim::id).reduce((x, y) -> x + ", " + y).orElse("") + ")");
            out.println("[ftverify] planning MUTANT " + m.name() + ": " + m.description() + " (its claims should be FALSIFIED; merge records a mutant run,"
                    + " not the theory's verdicts)");
        } else {
            Runner selector = new Runner(reg, null, out, false);
            if (a.get("--claim") == null) claims.addAll(selector.select(a.get("--theory"), null));
            else for (String id : new java.util.LinkedHashSet<>(List.of(a.get("--claim").split(","))))
                claims.addAll(selector.select(a.get("--theory"), id.strip())); // a few claims: C1,C2
        }
        String selection = (a.get("--claim") != null ? "--claim " + a.get("--claim") : a.get("--theory") != null ? "--theory " + a.get("--theory") : "all")
                + (mutant != null ? " --mutant " + mutant : "");
        List<Claim> all = new ArrayList<>();
        (mutant == null ? reg : reg.withMutant(mutant)).theories().forEach(t -> all.addAll(t.claims()));
        CostModel costs = CostModel.of(store, root.resolve(COSTS_FILE)).calibrate(all, a.level(), 3);
        Plan plan = Plan.create(claims, config, Plan.Build.current(root), selection, shards, costs);
        plan.write(file);
        double units = plan.unitSeconds(), search = plan.mergeSeconds(), maxShard = 0;
        for (int k = 0; k < shards; k++) maxShard = Math.max(maxShard, plan.shardSeconds(k));
        out.printf(Locale.ROOT, "[ftverify] plan %s: %d claims, %d units in %d shards, level %s, run seed %d, build %s%n", file,
                claims.size(), plan.units().size(), shards, plan.level().id(), seed, plan.build());
        if (plan.costsRecorded()) {
            Map<CostModel.Basis, Integer> basis = new java.util.EnumMap<>(CostModel.Basis.class);
            costs.costs(claims, plan.level()).values().forEach(k -> basis.merge(k.basis(), 1, Integer::sum));
            out.printf(Locale.ROOT, "[ftverify] expected CPU time: units %s CPU-hours, targeted search (search units after the shards, or the merge)"
                    + " %s CPU-hours, total %s CPU-hours; longest shard %s s%n", Num.sig(units / 3600, 3), Num.sig(search / 3600, 3),
                    Num.sig((units + search) / 3600, 3), Num.sig(maxShard, 3));
            out.printf(Locale.ROOT, "[ftverify] cost per try: %d claims measured at level %s, %d scaled from another level by their declared work,"
                    + " %d with nothing measured (median of the others); from %s and %s (see docs/scale-out.adoc)%n",
                    basis.getOrDefault(CostModel.Basis.MEASURED, 0), plan.level().id(), basis.getOrDefault(CostModel.Basis.SCALED, 0),
                    basis.getOrDefault(CostModel.Basis.GUESSED, 0), store.dir(), COSTS_FILE);
            if (basis.getOrDefault(CostModel.Basis.SCALED, 0) > 0 && (!Double.isNaN(costs.calibrationFactor(true)) || !Double.isNaN(costs.calibrationFactor(false))))
                out.printf(Locale.ROOT, "[ftverify] scaled costs calibrated by claims measured at both levels: x %s (claims declaring level budgets),"
                        + " x %s (claims without)%n", Num.sig(costs.calibrationFactor(true), 3), Num.sig(costs.calibrationFactor(false), 3));
        } else {
            out.println("[ftverify] no recorded costs in " + store.dir() + " or " + COSTS_FILE
                    + " (run the claims once): shards balanced by unit count, no CPU-time estimate");
        }
        return plan;
    }

    /** Committed per-claim costs (seconds per try at a level, {@link CostModel}), relative to the repository root. */
    static final String COSTS_FILE = "verification/costs.json";

    /**
     * Records measured seconds per try in verification/costs.json (what {@code plan} falls back on, and what
     * docs/deep-level.adoc's CPU-hours come from): the latest result of every claim in the result directory, or, when
     * shard files are given, each unit's own seconds (how a deep cost is measured one try at a time).
     */
    private static int costs(Args a, Path root, ResultStore store, PrintStream out) {
        String where = java.time.LocalDate.now(java.time.ZoneOffset.UTC) + " on " + org.ftverify.engine.ShardRunner.host() + " ("
                + Runtime.getRuntime().availableProcessors() + " cores)";
        List<CostModel.Sample> samples = a.files().isEmpty() ? CostModel.fromStore(store)
                : CostModel.fromShardRecords(a.files().stream().map(Path::of).toList(), "one try (shard record), " + where);
        if (a.files().isEmpty()) samples = samples.stream().map(s -> new CostModel.Sample(s.claim(), s.level(), s.seconds(),
                "run of the claim (wall seconds / evaluations), " + where)).toList();
        // several tries of one claim and level: their mean
        Map<String, List<CostModel.Sample>> by = new LinkedHashMap<>();
        for (CostModel.Sample s : samples) by.computeIfAbsent(s.claim() + " " + s.level(), k -> new ArrayList<>()).add(s);
        List<CostModel.Sample> merged = new ArrayList<>();
        by.values().forEach(l -> merged.add(new CostModel.Sample(l.get(0).claim(), l.get(0).level(),
                l.stream().mapToDouble(CostModel.Sample::seconds).average().orElseThrow(),
                l.get(0).source() + (l.size() > 1 ? ", mean of " + l.size() + " tries" : ""))));
        if (merged.isEmpty()) {
            throw new IllegalArgumentException("costs: nothing to record: " + (a.files().isEmpty()
                    ? "no claim results in " + store.resultsJson().getParent() + " (run './ftverify verify' there, or give --results D)"
                    : "no unit records in the shard files given"));
        }
        CostModel.record(root.resolve(COSTS_FILE), merged);
        out.println("[ftverify] recorded " + merged.size() + " per-try costs in " + root.resolve(COSTS_FILE));
        return Main.OK;
    }

    private static int plan(Args a, Path root, ResultStore store, TheoryRegistry reg, PrintStream out) {
        makePlan(a, root, store, reg, Path.of(a.values().getOrDefault("-o", "plan.json")), out);
        return Main.OK;
    }

    private static int shard(Args a, Path root, TheoryRegistry reg, PrintStream out) {
        Plan plan = Plan.read(Path.of(a.require("--plan", "FILE (written by './ftverify plan')")));
        String env = System.getenv("SLURM_ARRAY_TASK_ID");
        int k = a.integer("--index", 0, plan.shards() - 1, env == null ? null : Integer.valueOf(env.trim()));
        Path planFile = Path.of(a.get("--plan")).toAbsolutePath();
        Path file = a.get("-o") != null ? Path.of(a.get("-o")) : planFile.resolveSibling("shards").resolve(k + ".jsonl");
        checkBuild(plan, root);
        ShardRunner.Outcome o = ShardRunner.run(plan, k, plan.registry(reg), plan.config(root), file, out);
        out.printf(Locale.ROOT, "[ftverify] shard %d done: %d units run, %d already recorded, %d skipped after a failure, %.1f s; records: %s%n",
                k, o.ran(), o.resumed(), o.skipped(), o.seconds(), file);
        return Main.OK;
    }

    private static int search(Args a, Path root, TheoryRegistry reg, PrintStream out) {
        Plan plan = Plan.read(Path.of(a.require("--plan", "FILE (written by './ftverify plan')")));
        if (a.files().isEmpty()) throw new IllegalArgumentException("search needs the shard files (e.g. shards/*.jsonl) after --plan");
        String env = System.getenv("SLURM_ARRAY_TASK_ID");
        int k = a.integer("--index", 0, plan.shards() - 1, env == null ? null : Integer.valueOf(env.trim()));
        Path file = a.get("-o") != null ? Path.of(a.get("-o")) : Path.of(a.get("--plan")).toAbsolutePath().resolveSibling("search").resolve(k + ".jsonl");
        checkBuild(plan, root);
        long t0 = System.nanoTime();
        int n = ShardSearch.run(plan, k, a.files().stream().map(Path::of).toList(), plan.registry(reg), plan.config(root), file, out);
        out.printf(Locale.ROOT, "[ftverify] search shard %d done: %d claims, %.1f s; records: %s%n", k, n, (System.nanoTime() - t0) / 1e9, file);
        return Main.OK;
    }

    private static int merge(Args a, Path root, ResultStore store, TheoryRegistry reg, PrintStream out) {
        Path planFile = Path.of(a.require("--plan", "FILE (written by './ftverify plan')"));
        Plan plan = Plan.read(planFile);
        if (a.files().isEmpty()) throw new IllegalArgumentException("merge needs the shard files (e.g. shards/*.jsonl) after --plan");
        if (!Plan.Build.current(root).equals(plan.build()))
            out.println("[ftverify] warning: this checkout is " + Plan.Build.current(root) + ", the plan's " + plan.build()
                    + "; the merge's search and shrinking run on this checkout's code");
        EngineConfig config = plan.config(root);
        TheoryRegistry runReg = plan.registry(reg);
        if (plan.mutant() != null && a.get("--results") == null) store = MutantRun.store(root, plan.mutant());
        PropertyEngine engine = new PropertyEngine(config, s -> {}, out::println);
        String command = "./ftverify merge --plan " + planFile + " (" + plan.selection() + " --level " + plan.level().id() + " --seed " + plan.runSeed() + ")";
        Runner runner = new Runner(runReg, engine, out, true).recordingTo(store, RunRecord.start(plan.level(), plan.runSeed(), command, root));
        Instant started = Instant.now();
        if (plan.mutant() != null)
            out.println("[ftverify] merging a run of MUTANT " + plan.mutant() + " (a deliberately wrong theory): its verdicts go to " + store.dir()
                    + ", not to the theory's results");
        ShardMerge.Outcome o = ShardMerge.merge(plan, a.files().stream().map(Path::of).toList(), runReg, runner, engine, out);
        if (!o.missing().isEmpty())
            throw new IllegalArgumentException("merge: " + o.missing().size() + " units have no record: " + String.join(" ", o.missing())
                    + " (re-run their shards: ./ftverify shard --plan " + planFile + " --index K)");
        runner.printSummary(o.results());
        if (plan.mutant() != null) {
            Mutant m = reg.mutant(plan.mutant());
            MutantRun.label(store.resultsJson(), m);
            out.println("[ftverify] MUTANT run results (not the theory's verdicts): " + store.resultsJson());
            out.println("[ftverify] " + MutantRun.summary(m, o.results()));
            return o.results().values().stream().anyMatch(r -> r.verdict() == Verdict.FALSIFIED) ? Main.FALSIFIED : Main.OK;
        }
        out.println("[ftverify] results: " + store.resultsJson());
        if (!a.noReport()) out.println("[ftverify] report: " + ReportStep.build(root, store.resultsJson(), out, started));
        return o.results().values().stream().anyMatch(r -> r.verdict() == Verdict.FALSIFIED) ? Main.FALSIFIED : Main.OK;
    }

    /** Refuses to evaluate a plan on a checkout whose build differs from the plan's (shards, search, the Spark driver). */
    public static void checkBuild(Plan plan, Path root) {
        Plan.Build here = Plan.Build.current(root);
        if (!here.equals(plan.build()))
            throw new IllegalArgumentException("build: this checkout is " + here + " but the plan was made by " + plan.build()
                    + "; run every shard from the plan's commit");
    }
}
