package org.ftverify.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ftverify.core.Claim;
import org.ftverify.core.Mutant;
import org.ftverify.core.Parameter;
import org.ftverify.core.Params;
import org.ftverify.core.Theory;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.core.Verdict;
import org.ftverify.engine.Catalogue;
import org.ftverify.engine.ClaimResult;
import org.ftverify.engine.CounterexampleStore;
import org.ftverify.engine.EngineConfig;
import org.ftverify.engine.PropertyEngine;
import org.ftverify.engine.Runner;
import org.ftverify.engine.TryRecord;

/**
 * ftverify command line: report, verify, list, replay. User mistakes (unknown ids, out-of-range values, malformed
 * files) print one line naming the problem and the allowed values and exit with code 2, never a stack trace.
 * Exit code 1 means at least one claim was falsified.
 */
public final class Main {
    static final int OK = 0, FALSIFIED = 1, USAGE = 2;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            // explore: its own command class parses its own options (targeted search, margin map; see ExploreCommand)
            if (args.length > 0 && args[0].equals("explore")) return ExploreCommand.run(args, out);
            Options o = Options.parse(args);
            Path root = Path.of(System.getProperty("ftverify.root", ".")).toAbsolutePath().normalize();
            return switch (o.command()) {
                case "list" -> list(o, out);
                case "verify" -> verify(o, root, out, false);
                case "report" -> verify(o, root, out, true);
                case "replay" -> replay(o, root, out);
                case "catalogue" -> catalogue(root, out);
                default -> help(out);
            };
        } catch (IllegalArgumentException e) {
            err.println("ftverify: " + e.getMessage());
            return USAGE;
        }
    }

    private static int help(PrintStream out) {
        out.println("""
                usage: ftverify <command> [options]
                  report  [--theory T] [--claim C] [--level L] [--seed S]   run claims, write results.json and the HTML report
                  verify  [--theory T] [--claim C] [--level L] [--seed S] [--mutant M]
                                                                            run claims (or a deliberately wrong theory M), print verdicts
                  list    [--theory T]                                      list theories, claims, parameter spaces and mutants
                  replay  FILE [--shrink] [--verbose]                       re-run an archived counterexample (--shrink: shrink further)
                  catalogue                                                 rewrite verification/catalogue.adoc from the registry
                  explore --claim C [--budget N] [--seed S] [--level L] [--mutant M]
                                                                            targeted search for one claim; margin map in the report
                levels: quick (default), standard, deep. Output: target/ftverify/. Exit: 0 ok, 1 falsified, 2 bad input.""");
        return OK;
    }

    private static int list(Options o, PrintStream out) {
        TheoryRegistry reg = TheoryRegistry.load();
        List<Theory> ts = o.theory() == null ? reg.theories() : List.of(reg.theory(o.theory()));
        for (Theory t : ts) {
            out.println(t.id() + " — " + t.title());
            out.println("  " + t.citation());
            for (Claim c : t.claims()) {
                out.printf("  %-40s [%s] %s%n", c.id(), c.provenance(), c.title());
                for (Parameter p : c.space().parameters()) out.printf("      %-8s %s (simple %s)%n", p.name(), p.rangeText(), p.simple());
            }
            if (!t.mutants().isEmpty()) out.println("  mutants (wrong theories the verifier must reject):");
            for (Mutant m : t.mutants()) out.printf("      %-28s %s%n", m.name(), m.description());
        }
        return OK;
    }

    private static int catalogue(Path root, PrintStream out) {
        Path file = root.resolve("verification/catalogue.adoc");
        try {
            java.nio.file.Files.writeString(file, Catalogue.render(TheoryRegistry.load().theories()));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot write " + file + ": " + e.getMessage());
        }
        out.println("[ftverify] wrote " + file);
        return OK;
    }

    private static int verify(Options o, Path root, PrintStream out, boolean report) {
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
        PropertyEngine engine = new PropertyEngine(config, o.verbose() ? out::println : s -> {});
        Runner runner = new Runner(reg, engine, out, true);
        if (claims == null) claims = runner.select(o.theory(), o.claim());
        String command = "./ftverify " + o.command() + (o.theory() != null ? " --theory " + o.theory() : "")
                + (o.claim() != null ? " --claim " + o.claim() : "") + (o.mutant() != null ? " --mutant " + o.mutant() : "")
                + " --level " + o.level().id() + " --seed " + seed;
        out.println("[ftverify] run seed " + seed + " (reproduce: " + command + ")");
        Instant started = Instant.now();
        Map<String, ClaimResult> results = runner.runAll(claims);
        runner.printSummary(results);
        if (o.mutant() == null) {
            Path json = root.resolve("target/ftverify/results.json");
            runner.writeResults(json, results, started, command);
            out.println("[ftverify] results: " + json);
            if (report) out.println("[ftverify] report: " + ReportStep.build(root, json, out));
        }
        return results.values().stream().anyMatch(r -> r.verdict() == Verdict.FALSIFIED) ? FALSIFIED : OK;
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
