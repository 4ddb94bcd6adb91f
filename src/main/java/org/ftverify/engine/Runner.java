package org.ftverify.engine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.ftverify.core.Claim;
import org.ftverify.core.Theory;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.core.Verdict;

/**
 * Runs a selection of claims through the property engine, prints a progress line per claim and a summary table,
 * and writes results.json. Shared by the CLI and the JUnit theorem checks so both leave the same artefacts.
 */
public final class Runner {
    private final TheoryRegistry registry;
    private final PropertyEngine engine;
    private final PrintStream out;
    private final boolean verbose;

    public Runner(TheoryRegistry registry, PropertyEngine engine, PrintStream out, boolean verbose) {
        this.registry = registry;
        this.engine = engine;
        this.out = out;
        this.verbose = verbose;
    }

    /** Claims selected by theory id and/or claim id (null = all). Unknown ids throw with the allowed values. */
    public List<Claim> select(String theoryId, String claimId) {
        if (claimId != null) {
            Claim c = registry.claim(claimId);
            if (theoryId != null && !registry.theoryOf(c).id().equals(theoryId))
                throw new IllegalArgumentException("claim " + claimId + " is not part of theory " + theoryId);
            return List.of(c);
        }
        List<Claim> cs = new ArrayList<>();
        for (Theory t : theoryId == null ? registry.theories() : List.of(registry.theory(theoryId))) cs.addAll(t.claims());
        return cs;
    }

    public ClaimResult runOne(Claim c) {
        String theoryId = registry.theoryOf(c).id();
        int n = c.tries(engine.config().level()), moves = engine.config().searchMoves(n);
        out.printf(Locale.ROOT, "[ftverify] %-40s running (%d tries%s, level %s)%n", c.id(), n,
                moves > 0 ? " + " + moves + " search move" + (moves == 1 ? "" : "s") : "", engine.config().level().id());
        ClaimResult r = engine.run(c, theoryId);
        out.printf(Locale.ROOT, "[ftverify] %-40s %-12s gap/tol %-8s %6.1f s%s%n", c.id(), r.verdict(), gap(r), r.seconds(),
                r.counterexample() != null ? "  counterexample: " + r.counterexample() : "");
        if (r.verdict() != Verdict.VERIFIED && r.worst() != null && verbose) out.println(indent(r.worst().evidence().summary()));
        if (r.note() != null) out.println("           note: " + r.note());
        if (r.verdict() == Verdict.FALSIFIED) out.println("           replay: " + r.reproduce());
        return r;
    }

    public Map<String, ClaimResult> runAll(List<Claim> claims) {
        Map<String, ClaimResult> results = new LinkedHashMap<>();
        for (Claim c : claims) results.put(c.id(), runOne(c));
        return results;
    }

    public void printSummary(Map<String, ClaimResult> results) {
        out.println();
        out.printf(Locale.ROOT, "%-40s %-13s %-10s %8s%n", "claim", "verdict", "gap/tol", "time (s)");
        out.println("-".repeat(74));
        Map<Verdict, Integer> counts = new LinkedHashMap<>();
        for (ClaimResult r : results.values()) {
            out.printf(Locale.ROOT, "%-40s %-13s %-10s %8.1f%n", r.claim().id(), r.verdict(), gap(r), r.seconds());
            counts.merge(r.verdict(), 1, Integer::sum);
        }
        out.println("-".repeat(74));
        out.println(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT))
                .reduce((a, b) -> a + ", " + b).orElse("no claims run"));
    }

    public void writeResults(Path file, Map<String, ClaimResult> results, Instant started, String command) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        ResultsWriter.write(file, ResultsWriter.toJson(registry.theories(), results,
                new ResultsWriter.RunInfo(engine.config().level(), engine.config().runSeed(), started, elapsed, command)));
    }

    private final long startNanos = System.nanoTime();

    private static String gap(ClaimResult r) {
        double g = r.normalisedGap();
        return Double.isNaN(g) ? "-" : String.format(Locale.ROOT, "%.3g", g);
    }

    private static String indent(String s) {
        return "           " + s.replace("\n", "\n           ");
    }
}
