package org.ftverify.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.ftverify.core.Claim;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Mutant;
import org.ftverify.core.Num;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.core.Verdict;
import org.ftverify.engine.EngineConfig;
import org.ftverify.engine.Explore;
import org.ftverify.engine.PropertyEngine;
import org.ftverify.engine.ResultsWriter;
import org.ftverify.engine.TryRecord;
import org.ftverify.report.MarginMap;

/**
 * {@code ftverify explore --claim C [--budget N] [--seed S] [--level L] [--mutant M] [--verbose]}: the targeted
 * search for one claim with a larger budget (default {@value #DEFAULT_BUDGET} moves), printing one line per
 * evaluation, then writing target/ftverify/explore/&lt;claim&gt;.json (every evaluated point) and &lt;claim&gt;.svg (the
 * margin map, also shown in the report's "Explored claims" section). A failure found on a real theory is shrunk and
 * archived under verification/counterexamples/ like any other; a mutant's goes under target/. Parses its own options
 * (Main only dispatches), so errors name the option and its allowed values. Exit: 0, 1 when a failure was found, 2 on
 * bad input.
 */
public final class ExploreCommand {
    static final int DEFAULT_BUDGET = 40;
    static final String USAGE = "explore --claim C [--budget N] [--seed S] [--level quick|standard|deep] [--mutant M] [--verbose]";

    private ExploreCommand() {}

    public static int run(String[] args, PrintStream out) {
        String claimId = null, mutantName = null;
        int budget = DEFAULT_BUDGET;
        Long seed = null;
        EvidenceLevel level = EvidenceLevel.QUICK;
        boolean verbose = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--claim" -> claimId = value(args, ++i, "--claim");
                case "--mutant" -> mutantName = value(args, ++i, "--mutant");
                case "--level" -> level = EvidenceLevel.parse(value(args, ++i, "--level"));
                case "--seed" -> seed = parseLong("seed", value(args, ++i, "--seed"));
                case "--budget" -> {
                    long b = parseLong("budget", value(args, ++i, "--budget"));
                    if (b < 0 || b > 999) throw new IllegalArgumentException("budget: '" + b + "' is outside the allowed range [0, 999] (search moves)");
                    budget = (int) b;
                }
                case "--verbose", "-v" -> verbose = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "' for 'explore'; usage: ftverify " + USAGE);
            }
        }
        if (claimId == null) throw new IllegalArgumentException("explore needs --claim C (one claim id; './ftverify list' shows them); usage: ftverify " + USAGE);
        Path root = Path.of(System.getProperty("ftverify.root", ".")).toAbsolutePath().normalize();
        TheoryRegistry reg = TheoryRegistry.load();
        Claim claim = reg.claim(claimId);
        String theoryId = reg.theoryOf(claim).id();
        long runSeed = seed != null ? seed : new SecureRandom().nextLong();
        EngineConfig config = EngineConfig.of(level, runSeed, root);
        if (mutantName != null) {
            Mutant m = reg.mutant(mutantName);
            final String id = claimId;
            claim = m.claims().get().stream().filter(c -> c.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("mutant " + m.name() + " has no claim '" + id + "'"));
            config = config.forMutant(m.name(), root);
            out.println("[explore] MUTANT " + m.name() + ": " + m.description());
        }
        String command = "./ftverify explore --claim " + claimId + " --budget " + budget + " --seed " + runSeed + " --level " + level.id()
                + (mutantName != null ? " --mutant " + mutantName : "");
        out.println("[explore] " + claimId + ": " + claim.tries(level) + " random tries, then " + budget + " search moves (reproduce: " + command + ")");
        PrintStream log = out;
        PropertyEngine engine = new PropertyEngine(config, verbose ? log::println : s -> {});
        Explore.Result r = Explore.run(claim, theoryId, engine, budget, log::println);

        JsonObject json = Explore.toJson(r, command);
        Path file = Explore.file(root, claimId);
        ResultsWriter.write(file, json);
        Path svg = file.resolveSibling(claimId + ".svg");
        try {
            Files.writeString(svg, MarginMap.render(json), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + svg + ": " + e.getMessage(), e);
        }
        summary(out, r);
        out.println("[explore] evaluations: " + file);
        out.println("[explore] margin map:  " + svg + " (and in the report: ./ftverify report)");
        return r.verdict() == Verdict.FALSIFIED ? 1 : 0;
    }

    private static void summary(PrintStream out, Explore.Result r) {
        out.println();
        out.println("random tries:    " + (r.randomFailure() == null ? "no failure in " + r.randomTries() : "FAILED at " + describe(r.randomFailure())));
        out.println("targeted search: " + r.search().moves() + " moves, " + r.search().unconfirmed() + " unconfirmed excursions; "
                + (r.searchFailure() == null ? "no confirmed failure" : "FAILED at " + describe(r.searchFailure())
                + ", confirmed at seed " + r.search().confirmation().seed() + " (gap/tol " + Num.fmt(r.search().confirmation().normalisedGap()) + ")"));
        if (r.search().best() != null) out.println("highest gap/tol: " + describe(r.search().best()));
        out.println("closest approach to failure (passing): " + (r.closestApproach() == null ? "none" : describe(r.closestApproach())));
        out.println("sensitivity (eta^2): " + r.sensitivity().stream().map(s -> s.parameter() + " " + Num.fmt(s.eta2())).reduce((a, b) -> a + ", " + b).orElse("-"));
        if (r.result() != null) {
            out.println("verdict after shrinking" + (r.claim().scalings().isEmpty() ? "" : " and finite-size ladders") + ": " + r.result().verdict());
            out.println("  " + r.result().note());
            out.println("  replay: " + r.result().reproduce());
        } else {
            out.println("verdict: " + r.verdict());
        }
        out.printf("time: %.1f s for %d evaluations%n", r.seconds(), r.evaluations().size());
    }

    private static String describe(TryRecord t) {
        return t.params() + " seed " + t.seed() + " (" + t.phase() + ", gap/tol " + Num.fmt(t.normalisedGap()) + ")";
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) throw new IllegalArgumentException("option " + option + " needs a value");
        return args[i];
    }

    private static long parseLong(String name, String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + s + "' is not an integer");
        }
    }
}
