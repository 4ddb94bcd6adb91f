package org.ftverify.engine;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ftverify.core.Claim;
import org.ftverify.core.Theory;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.core.Verdict;

/**
 * Runs a selection of claims through the property engine, prints a progress line per claim and a summary table,
 * and (when given a {@link ResultStore}) records each claim's result the moment it finishes and rebuilds
 * results.json from the latest result of every claim. Shared by the CLI and the JUnit theorem checks so both leave
 * the same artefacts.
 *
 * <p>Order of use: {@link #begin} (checks the output locations, reports interrupted earlier runs, writes this run's
 * journal), {@link #runOne} per claim, {@link #finish}.
 */
public final class Runner {
    private final TheoryRegistry registry;
    private final PropertyEngine engine;
    private final PrintStream out;
    private final boolean verbose;
    private ResultStore store;
    private RunRecord run;
    private List<ResultStore.Interrupted> interrupted = List.of();
    private int idWidth = 40;
    private final long startNanos = System.nanoTime();

    public Runner(TheoryRegistry registry, PropertyEngine engine, PrintStream out, boolean verbose) {
        this.registry = registry;
        this.engine = engine;
        this.out = out;
        this.verbose = verbose;
    }

    /** Record results in {@code store} as run {@code run}; without this the runner records nothing (mutants). */
    public Runner recordingTo(ResultStore store, RunRecord run) {
        this.store = store;
        this.run = run;
        return this;
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

    /**
     * Before the first claim: checks that every location this run writes to is writable (throws
     * {@link OutputUnwritableException} with one line otherwise, so a read-only checkout fails in a second, not after
     * every claim has run), reports earlier runs that were killed part-way, and writes this run's journal.
     */
    public void begin(List<Claim> claims) {
        idWidth = SummaryTable.width(claims.stream().map(Claim::id).toList());
        if (store != null) store.checkWritable();
        if (engine.config().archiveCounterexamples())
            ResultStore.checkWritable(engine.config().counterexampleDir(), "counterexample archive");
        if (store == null) return;
        interrupted = store.collectInterrupted(out::println);
        for (ResultStore.Interrupted i : interrupted) out.println("[ftverify] note: an earlier " + i.describe());
        store.startRun(run, claims.stream().map(Claim::id).toList());
    }

    public ClaimResult runOne(Claim c) {
        return runOne(c, claim -> engine.run(claim, registry.theoryOf(claim).id()));
    }

    /** As {@link #runOne(Claim)} with the claim decided by {@code decide} (the merge of a sharded run). */
    public ClaimResult runOne(Claim c, java.util.function.Function<Claim, ClaimResult> decide) {
        int n = c.tries(engine.config().level()), moves = engine.config().searchMoves(n);
        out.printf(Locale.ROOT, "[ftverify] %-" + idWidth + "s  running (%s%s, level %s)%n", c.id(), SummaryTable.tries(n),
                moves > 0 ? " + " + moves + " search move" + (moves == 1 ? "" : "s") : "", engine.config().level().id());
        ClaimResult r = decide.apply(c);
        out.printf(Locale.ROOT, "[ftverify] %-" + idWidth + "s  %-12s  gap/tol %-8s %6.1f s%s%n", c.id(), r.verdict(), gap(r), r.seconds(),
                r.counterexample() != null ? "  counterexample: " + r.counterexample() : "");
        if (r.verdict() != Verdict.VERIFIED && r.worst() != null && verbose) out.println(indent(r.worst().evidence().summary()));
        if (r.note() != null) out.println("           note: " + r.note());
        if (r.verdict() == Verdict.FALSIFIED) out.println("           replay: " + r.reproduce());
        record(r);
        return r;
    }

    /** Stores the finished claim and rebuilds results.json, so a run killed after this point keeps the result. */
    private void record(ClaimResult r) {
        if (store == null) return;
        store.record(r.claim().id(), ResultsWriter.claimRecord(r, run, Instant.now()));
        publish();
    }

    private void publish() {
        store.publish(() -> {
            var json = ResultsWriter.merged(registry.theories(), store.latest(out::println), header(), interrupted,
                    engine.skippedArchiveFiles());
            json.addProperty("runId", run.id());
            return json;
        });
    }

    private ResultsWriter.RunInfo header() {
        return new ResultsWriter.RunInfo(engine.config().level(), engine.config().runSeed(), run.startedAt(),
                (System.nanoTime() - startNanos) / 1e9, run.command());
    }

    public Map<String, ClaimResult> runAll(List<Claim> claims) {
        Map<String, ClaimResult> results = new LinkedHashMap<>();
        for (Claim c : claims) results.put(c.id(), runOne(c));
        return results;
    }

    /** After the last claim: marks the run finished and writes results.json once more (also when nothing ran). */
    public void finish() {
        if (store == null) return;
        publish();
        store.finishRun(run);
    }

    public void printSummary(Map<String, ClaimResult> results) {
        out.println();
        List<SummaryTable.Row> rows = results.values().stream()
                .map(r -> new SummaryTable.Row(r.claim().id(), r.verdict().name(), gap(r), r.seconds(), null)).toList();
        SummaryTable.print(out, rows);
        out.println(SummaryTable.counts(rows.stream().map(SummaryTable.Row::verdict).toList()));
        printSkipped(out, engine.skippedArchiveFiles());
    }

    public static void printSkipped(PrintStream out, List<String> skipped) {
        if (skipped.isEmpty()) return;
        out.println("skipped archived counterexamples (kept on disk; fix or delete them): " + skipped.size());
        skipped.forEach(s -> out.println("  " + s));
    }

    private static String gap(ClaimResult r) {
        double g = r.normalisedGap();
        return Double.isNaN(g) ? "-" : String.format(Locale.ROOT, "%.3g", g);
    }

    private static String indent(String s) {
        return "           " + s.replace("\n", "\n           ");
    }
}
