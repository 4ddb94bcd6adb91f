package org.ftverify.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ftverify.core.AtomicFiles;
import org.ftverify.core.Claim;
import org.ftverify.core.Mutant;
import org.ftverify.core.Parameter;
import org.ftverify.core.Params;
import org.ftverify.core.Theory;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.core.Verdict;
import org.ftverify.engine.AlarmBudget;
import org.ftverify.engine.Catalogue;
import org.ftverify.engine.PowerSweep;
import org.ftverify.engine.ClaimResult;
import org.ftverify.engine.CounterexampleStore;
import org.ftverify.engine.EngineConfig;
import org.ftverify.engine.OutputUnwritableException;
import org.ftverify.engine.PropertyEngine;
import org.ftverify.engine.ResultStore;
import org.ftverify.engine.RunRecord;
import org.ftverify.engine.Runner;
import org.ftverify.engine.SummaryTable;
import org.ftverify.engine.TryRecord;

/**
 * ftverify command line: report, verify, list, replay, alarms, catalogue. User mistakes (unknown ids, out-of-range values, malformed
 * files) print one line naming the problem and the allowed values and exit with code 2, never a stack trace.
 * An output location that cannot be written is found before any claim runs: one line, exit code 2. Exit code 1
 * means at least one claim was falsified.
 */
public final class Main {
    static final int OK = 0, FALSIFIED = 1, USAGE = 2;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path root = Path.of(System.getProperty("ftverify.root", ".")).toAbsolutePath().normalize();
        return run(args, root, ResultStore.under(root), out, err);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)} with the results kept in {@code store} (tests use a temporary one). */
    static int run(String[] args, Path root, ResultStore store, PrintStream out, PrintStream err) {
        try {
            // explore: its own command class parses its own options (targeted search, margin map; see ExploreCommand)
            if (args.length > 0 && args[0].equals("explore")) return ExploreCommand.run(args, out);
            if (args.length > 0 && ClusterCommands.handles(args[0])) return ClusterCommands.run(args, root, store, TheoryRegistry::load, out);
            Options o = Options.parse(args);
            return switch (o.command()) {
                case "list" -> list(o, store, out);
                case "verify" -> verify(o, root, store, out, false);
                case "report" -> verify(o, root, store, out, true);
                case "replay" -> replay(o, root, out);
                case "alarms" -> alarms(o, root, store, out);
                case "catalogue" -> catalogue(root, out);
                case "power" -> PowerCommand.run(o, root, out);
                default -> help(out);
            };
        } catch (IllegalArgumentException | OutputUnwritableException e) {
            err.println("ftverify: " + e.getMessage());
            return USAGE;
        } catch (UncheckedIOException e) {
            // e.g. the disk filled up mid-run: every claim finished before is recorded (claims/ and results.json)
            err.println("ftverify: " + e.getMessage() + " (results of claims finished before are kept)");
            return USAGE;
        }
    }

    private static int help(PrintStream out) {
        out.println("""
                usage: ftverify <command> [options]
                  report  [--theory T] [--claim C] [--level L] [--seed S]   run claims, write results.json and the HTML report
                  verify  [--theory T] [--claim C] [--level L] [--seed S] [--mutant M]
                                                                            run claims (or a deliberately wrong theory M), print verdicts
                  list    [--theory T]                                      list theories, claims, parameter spaces, mutants, and
                                                                            whether each claim's last run had independent evidence
                  replay  FILE [--shrink] [--verbose]                       re-run an archived counterexample (--shrink: shrink further)
                  alarms  --seeds N [--level L] [--theory T] [--claim C]    false-alarm budget: run the claims at N fresh seeds and
                                                                            count verdicts that are not VERIFIED (target/ftverify/alarms/)
                  catalogue                                                 rewrite verification/catalogue.adoc and docs/deep-level.adoc from the registry
                  power   [--theory T] [--claim C] [--seed S]               measure each claim's resolution (verification/power.json)
                  explore --claim C [--budget N] [--seed S] [--level L] [--mutant M]
                                                                            targeted search for one claim; margin map in the report
                """ + ClusterCommands.USAGE.indent(2) + """
                levels: quick (default), standard, deep. Output: target/ftverify/ (results.json keeps the latest result of
                every claim). Exit: 0 ok, 1 falsified (alarms: any false alarm), 2 bad input or unwritable output.""");
        return OK;
    }

    private static int list(Options o, ResultStore store, PrintStream out) {
        TheoryRegistry reg = TheoryRegistry.load();
        List<Theory> ts = o.theory() == null ? reg.theories() : List.of(reg.theory(o.theory()));
        Map<String, JsonObject> latest = store.latest(out::println);
        int w = SummaryTable.width(ts.stream().flatMap(t -> t.claims().stream()).map(Claim::id).toList());
        int mw = SummaryTable.width(ts.stream().flatMap(t -> t.mutants().stream()).map(Mutant::name).toList());
        int pw = Math.max(8, ts.stream().flatMap(t -> t.claims().stream()).flatMap(c -> c.space().parameters().stream())
                .mapToInt(p -> p.name().length()).max().orElse(8));
        for (Theory t : ts) {
            out.println(t.id() + " — " + t.title());
            out.println("  " + t.citation());
            for (Claim c : t.claims()) {
                out.printf("  %-" + w + "s  [%s] %s%n", c.id(), c.provenance(), c.title());
                out.printf("      %-" + pw + "s %s%n", "evidence", evidence(latest.get(c.id())));
                for (Parameter p : c.space().parameters()) out.printf("      %-" + pw + "s %s (simple %s)%n", p.name(), p.rangeText(), p.simple());
            }
            if (!t.mutants().isEmpty()) out.println("  mutants (wrong theories the verifier must reject):");
            for (Mutant m : t.mutants()) out.printf("      %-" + mw + "s  %s%n", m.name(), m.description());
        }
        return OK;
    }

    /** Whether the claim's latest recorded run compared against anything independent (list does not run claims). */
    private static String evidence(JsonObject record) {
        if (record == null) return "unknown (not run)";
        JsonElement ind = record.get("independentComparison");
        String from = "";
        if (record.get("run") instanceof JsonObject run && run.has("runSeed"))
            from = " (last run: seed " + run.get("runSeed").getAsString() + ", started "
                    + (run.has("startedAt") ? run.get("startedAt").getAsString().replaceFirst("\\.\\d+Z$", "Z") : "?") + ")";
        if (ind == null || ind.isJsonNull()) return "unknown (no comparison recorded)" + from;
        return (ind.getAsBoolean() ? "independent comparison" : "NO INDEPENDENT COMPARISON (internal consistency only)") + from;
    }

    private static int catalogue(Path root, PrintStream out) {
        Path file = root.resolve("verification/catalogue.adoc");
        AtomicFiles.writeString(file, Catalogue.render(TheoryRegistry.load().theories(),
                PowerSweep.read(root.resolve("verification/power.json"))));
        out.println("[ftverify] wrote " + file);
        Path levels = root.resolve("docs/deep-level.adoc");
        AtomicFiles.writeString(levels, org.ftverify.engine.LevelTable.render(TheoryRegistry.load().theories(), root.resolve("verification/costs.json"), root));
        out.println("[ftverify] wrote " + levels);
        return OK;
    }

    private static int verify(Options o, Path root, ResultStore output, PrintStream out, boolean report) {
        TheoryRegistry reg = TheoryRegistry.load();
        long seed = o.seed() != null ? o.seed() : new SecureRandom().nextLong();
        EngineConfig config = EngineConfig.of(o.level(), seed, root);
        List<Claim> claims;
        if (o.mutant() != null) {
            if (report) throw new IllegalArgumentException("--mutant is for 'verify'; the report shows the real theories only");
            Mutant m = reg.mutant(o.mutant());
            config = config.forMutant(m.name(), root);
            claims = m.targets().stream().filter(c -> o.claim() == null || c.id().equals(o.claim())).toList();
            if (claims.isEmpty()) throw new IllegalArgumentException("mutant " + m.name() + " has no claim '" + o.claim() + "'");
            out.println("[ftverify] running MUTANT " + m.name() + ": " + m.description() + " (its claims should be FALSIFIED)");
        } else {
            claims = null;
        }
        PropertyEngine engine = new PropertyEngine(config, o.verbose() ? out::println : s -> {}, out::println);
        Runner runner = new Runner(reg, engine, out, true);
        if (claims == null) claims = runner.select(o.theory(), o.claim());
        String command = "./ftverify " + o.command() + (o.theory() != null ? " --theory " + o.theory() : "")
                + (o.claim() != null ? " --claim " + o.claim() : "") + (o.mutant() != null ? " --mutant " + o.mutant() : "")
                + " --level " + o.level().id() + " --seed " + seed;
        ResultStore store = o.mutant() == null ? output : null;
        if (store != null) runner.recordingTo(store, RunRecord.start(o.level(), seed, command, root));
        runner.begin(claims);
        out.println("[ftverify] run seed " + seed + " (reproduce: " + command + ")");
        Map<String, ClaimResult> results = runner.runAll(claims);
        runner.finish();
        runner.printSummary(results);
        if (store != null) {
            out.println("[ftverify] results: " + store.resultsJson() + " (latest result of every claim)");
            if (report) out.println("[ftverify] report: " + ReportStep.build(root, store.resultsJson(), out));
        }
        return results.values().stream().anyMatch(r -> r.verdict() == Verdict.FALSIFIED) ? FALSIFIED : OK;
    }

    private static int alarms(Options o, Path root, ResultStore store, PrintStream out) {
        if (o.mutant() != null || o.seed() != null)
            throw new IllegalArgumentException("alarms draws its own fresh seeds and runs the correct theory; drop --seed/--mutant");
        TheoryRegistry reg = TheoryRegistry.load();
        List<Claim> claims = new Runner(reg, null, out, false).select(o.theory(), o.claim());
        SecureRandom random = new SecureRandom();
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < o.seeds(); i++) seeds.add(random.nextLong());
        Path dir = store.dir().resolve("alarms");
        out.println("[ftverify] false-alarm budget: " + claims.size() + (claims.size() == 1 ? " claim" : " claims") + " x " + seeds.size()
                + (seeds.size() == 1 ? " fresh seed" : " fresh seeds") + " at level "
                + o.level().id() + "; output " + dir + " (the counterexample archive is not touched)");
        AlarmBudget.Outcome outcome = AlarmBudget.run(reg, claims, o.level(), seeds, dir, out, o.verbose());
        AlarmBudget.print(outcome, out);
        out.println("[ftverify] alarms: " + dir.resolve("alarms.json"));
        return outcome.alarms() == 0 ? OK : FALSIFIED;
    }

    private static int replay(Options o, Path root, PrintStream out) {
        if (o.positional().size() != 1)
            throw new IllegalArgumentException("replay needs exactly one counterexample FILE (a .json under verification/counterexamples/)");
        CounterexampleStore.Stored s = CounterexampleStore.read(Path.of(o.positional().get(0)));
        TheoryRegistry reg = TheoryRegistry.load();
        Claim claim = s.mutant() == null ? reg.claim(s.claimId())
                : reg.mutant(s.mutant()).claims().get().stream().filter(c -> c.id().equals(s.claimId())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("mutant " + s.mutant() + " has no claim " + s.claimId()));
        Params params = claim.space().parse(s.rawParams());
        EngineConfig config = EngineConfig.of(s.level(), s.seed(), root);
        if (s.mutant() != null) config = config.forMutant(s.mutant(), root);
        out.println("[ftverify] replaying " + claim.id() + (s.mutant() != null ? " (mutant " + s.mutant() + ")" : "")
                + " at " + params + " seed " + s.seed() + " level " + s.level().id());
        PropertyEngine engine = new PropertyEngine(config, out::println);
        TryRecord t = engine.evaluate(claim, 0, params, s.seed());
        out.println(t.evidence().summary());
        t.evidence().diagnostics().forEach((k, v) -> out.println("  " + k + ": " + v));
        out.printf("[ftverify] %s: %s (gap/tol %.3g, %.1f s)%n", claim.id(), t.verdict(), t.normalisedGap(), t.seconds());
        if (o.shrink() && t.verdict() == Verdict.FALSIFIED) {
            out.println("[ftverify] shrinking further from the replayed point");
            ClaimResult r = engine.shrinkFrom(claim, reg.theoryOf(claim).id(), t);
            out.println("[ftverify] shrunk counterexample: " + r.counterexample() + " at " + r.worst().params());
        }
        return t.verdict() == Verdict.FALSIFIED ? FALSIFIED : OK;
    }
}
