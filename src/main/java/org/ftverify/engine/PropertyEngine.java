package org.ftverify.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.ftverify.core.CheckAbort;
import org.ftverify.core.CheckContext;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Num;
import org.ftverify.core.Params;
import org.ftverify.core.Seeds;
import org.ftverify.core.Verdict;

/**
 * Searches a claim's parameter space for a point where theory and numerics disagree beyond tolerance.
 *
 * <p>Order of work: archived counterexamples of the claim are replayed first (a fixed bug stays fixed); then try 0 at
 * the simplest point and further tries at seeded random points (corners favoured); then, when every try passed, a
 * {@link TargetedSearch} climbs gap/tolerance from the tries for {@link EngineConfig#searchMoves(int)} moves (a failure
 * it finds must repeat at a fresh seed). The first falsifying point is shrunk toward simpler parameters under the same
 * seed, run on the finite-size ladders the claim declares ({@link ScalingVerdict}), archived, and returned. Try seeds
 * derive from the run seed and the claim id only, so a run is reproducible bit for bit on one machine from its
 * recorded run seed.
 *
 * <p>Verdict: FALSIFIED if any try fails, unless a finite-size ladder shows the gap vanishing as the theory allows
 * (then INCONCLUSIVE, "finite-size effect"); otherwise INCONCLUSIVE if any try could not decide (divergence, domain);
 * otherwise VERIFIED.
 */
public final class PropertyEngine {
    private final EngineConfig config;
    private final CounterexampleStore store;
    private final Consumer<String> log;
    private final Consumer<String> warn;
    private final List<String> skippedArchiveFiles = Collections.synchronizedList(new ArrayList<>());

    /** Warnings (skipped archive files) go to standard error. */
    public PropertyEngine(EngineConfig config, Consumer<String> log) {
        this(config, log, System.err::println);
    }

    /**
     * @param log  progress of single tries (shown with --verbose)
     * @param warn one-line warnings that are always shown (an archived counterexample that cannot be replayed)
     */
    public PropertyEngine(EngineConfig config, Consumer<String> log, Consumer<String> warn) {
        this.config = config;
        this.store = new CounterexampleStore(config.counterexampleDir());
        this.log = log;
        this.warn = warn;
    }

    /** Archived counterexample files skipped so far ("file: reason"), for the summary; the files are kept. */
    public List<String> skippedArchiveFiles() {
        synchronized (skippedArchiveFiles) {
            return List.copyOf(skippedArchiveFiles);
        }
    }

    private void skip(Path file, String why) {
        skippedArchiveFiles.add(file + ": " + why);
        warn.accept("[ftverify] warning: skipped archived counterexample " + file + ": " + why + " (file kept)");
    }

    public EngineConfig config() {
        return config;
    }

    public ClaimResult run(Claim claim, String theoryId) {
        long t0 = System.nanoTime();
        List<TryRecord> tries = new ArrayList<>();
        List<Replay> replays = replays(claim);
        for (int j = 0; j < replays.size(); j++) {
            Replay r = replays.get(j);
            TryRecord t = evaluate(claim, -1 - j, r.params(), r.seed());
            tries.add(t);
            if (t.verdict() == Verdict.FALSIFIED) return replayFailed(claim, theoryId, tries, t, r.file(), t0);
        }

        long claimSeed = claimSeed(claim);
        int n = claim.tries(config.level());
        for (int i = 0; i < n; i++) {
            TryRecord t = evaluate(claim, i, randomPoint(claim, claimSeed, i), Seeds.mix(claimSeed, i));
            tries.add(t);
            log.accept(String.format("  try %d %s -> %s (gap/tol %.3g, %.1f s)", i, t.params(), t.verdict(), t.normalisedGap(), t.seconds()));
            if (t.verdict() == Verdict.FALSIFIED) return falsified(claim, theoryId, tries, t, t0, RunAnalysis.NONE);
        }
        return afterRandomTries(claim, theoryId, tries, t0);
    }

    /** An archived counterexample of a claim, parsed against its space: replayed at try index -1 - (its position). */
    record Replay(Path file, Params params, long seed) {}

    /** The claim's archived counterexamples that can be replayed, in archive order (unreadable files are skipped). */
    List<Replay> replays(Claim claim) {
        List<Replay> out = new ArrayList<>();
        for (CounterexampleStore.Stored stored : store.forClaim(claim.id(), this::skip)) {
            try {
                out.add(new Replay(stored.file(), claim.space().parse(stored.rawParams()), stored.seed()));
            } catch (IllegalArgumentException e) {
                skip(stored.file(), e.getMessage());
            }
        }
        return out;
    }

    /** An archived counterexample failed again: its finite-size ladders decide between FALSIFIED and a finite-size effect. */
    ClaimResult replayFailed(Claim claim, String theoryId, List<TryRecord> tries, TryRecord t, Path file, long t0) {
        ScalingVerdict.Outcome sv = ScalingVerdict.assess(claim, t, (i, q, sd) -> evaluate(claim, i, q, sd));
        RunAnalysis analysis = RunAnalysis.NONE.withScaling(sv);
        if (sv != null) tries.addAll(ladderRuns(sv));
        Verdict v = sv == null ? Verdict.FALSIFIED : sv.verdict();
        String note = "archived counterexample still fails" + (sv == null ? "" : "; " + sv.reason());
        return new ClaimResult(claim, theoryId, v, tries, t, file, "./ftverify replay " + file, note, seconds(t0), analysis);
    }

    /**
     * After the replays and random tries passed or were undecided (none falsified): INCONCLUSIVE if any was undecided,
     * else the targeted search, else VERIFIED. Shared by {@link #run} and the merge of a sharded run (ShardMerge), so
     * both decide a claim by the same code.
     */
    ClaimResult afterRandomTries(Claim claim, String theoryId, List<TryRecord> tries, long t0) {
        return afterRandomTries(claim, theoryId, tries, t0, (random, budget) -> search(claim, budget).run(random, budget, true, true));
    }

    /** How the targeted search is obtained: run here, or read back from a search unit of a sharded run (ShardSearch). */
    interface Searcher {
        TargetedSearch.Outcome search(List<TryRecord> random, int budget);
    }

    ClaimResult afterRandomTries(Claim claim, String theoryId, List<TryRecord> tries, long t0, Searcher searcher) {
        String reproduce = "./ftverify verify --claim " + claim.id() + " --level " + config.level().id() + " --seed " + config.runSeed();
        int n = claim.tries(config.level());
        List<TryRecord> undecided = tries.stream().filter(t -> t.verdict() == Verdict.INCONCLUSIVE).toList();
        if (!undecided.isEmpty()) {
            String why = undecided.size() + " of " + tries.size() + " tries undecided; first: " + undecided.get(0).evidence().inconclusiveReason();
            return new ClaimResult(claim, theoryId, Verdict.INCONCLUSIVE, tries, undecided.get(0), null, reproduce, why, seconds(t0));
        }

        int budget = config.searchMoves(n);
        RunAnalysis analysis = RunAnalysis.NONE;
        if (budget > 0) {
            List<TryRecord> random = List.copyOf(tries);
            TargetedSearch.Outcome so = searcher.search(random, budget);
            tries.addAll(so.evaluated());
            TryRecord randomBest = worst(random);
            analysis = analysis.withSearch(new RunAnalysis.Search(budget, so.moves(), confirmations(so), so.unconfirmed(),
                    randomBest == null ? Double.NaN : randomBest.normalisedGap(), so.best() == null ? Double.NaN : so.best().normalisedGap(),
                    so.best() == null ? null : so.best().params(), so.falsifying() != null));
            if (so.falsifying() != null) return falsified(claim, theoryId, tries, so.falsifying(), t0, analysis);
            if (so.undecided() != null) {
                String why = "the targeted search reached an undecided point " + so.undecided().params() + ": " + so.undecided().evidence().inconclusiveReason();
                return new ClaimResult(claim, theoryId, Verdict.INCONCLUSIVE, tries, so.undecided(), null, reproduce, why, seconds(t0), analysis);
            }
        }
        String note = analysis.search() == null || analysis.search().unconfirmed() == 0 ? null
                : analysis.search().unconfirmed() + " search point(s) exceeded the tolerance at one seed but passed at a fresh seed (noise excursions, not counted)";
        return new ClaimResult(claim, theoryId, Verdict.VERIFIED, tries, worst(tries), null, reproduce, note, seconds(t0), analysis);
    }

    /** The seed stream of a claim in this run: the run seed mixed with the claim id. */
    long claimSeed(Claim claim) {
        return Seeds.mix(config.runSeed(), Seeds.of(claim.id()));
    }

    /** Random try i: the simplest point first (when admissible), then seeded random points. */
    static Params randomPoint(Claim claim, long claimSeed, int i) {
        return i == 0 && claim.space().admissible(claim.space().simplest())
                ? claim.space().simplest()
                : PointGenerator.random(claim.space(), Seeds.mix(Seeds.mix(claimSeed, i), 0x5EED));
    }

    /** The claim's targeted search, seeded from the run seed and claim id (independent of the random tries' seeds). */
    TargetedSearch search(Claim claim, int budget) {
        return new TargetedSearch(claim.space(), (i, p, sd) -> evaluate(claim, i, p, sd), Seeds.mix(claimSeed(claim), 0x7A5E7L), log);
    }

    private static int confirmations(TargetedSearch.Outcome so) {
        return (int) so.evaluated().stream().filter(t -> t.phase().equals("confirm")).count();
    }

    /** Shrinks from a given failing try (used by 'replay --shrink') and archives the result. */
    public ClaimResult shrinkFrom(Claim claim, String theoryId, TryRecord failing) {
        List<TryRecord> tries = new ArrayList<>();
        tries.add(failing);
        return falsified(claim, theoryId, tries, failing, System.nanoTime(), RunAnalysis.NONE);
    }

    /**
     * A failing try: shrink it, run the finite-size ladders the claim declares, archive the shrunk point. The verdict
     * is FALSIFIED unless a ladder shows a finite-size effect (then INCONCLUSIVE with that reason).
     */
    ClaimResult falsified(Claim claim, String theoryId, List<TryRecord> tries, TryRecord failing, long t0, RunAnalysis analysis) {
        ShrinkOutcome s = shrink(claim, failing);
        tries.addAll(s.evaluated);
        analysis = analysis.withShrink(new RunAnalysis.Shrink(s.evaluated.size(), failing.normalisedGap(), s.best.normalisedGap(),
                failing.params(), s.best.params()));
        ScalingVerdict.Outcome sv = ScalingVerdict.assess(claim, s.best, (i, q, sd) -> evaluate(claim, i, q, sd));
        if (sv != null) {
            tries.addAll(ladderRuns(sv));
            analysis = analysis.withScaling(sv);
        }
        Path file = null;
        String reproduce = "./ftverify verify --claim " + claim.id() + " --level " + config.level().id() + " --seed " + config.runSeed();
        if (config.archiveCounterexamples()) {
            file = store.write(theoryId, s.best, failing, s.evaluated.size(), config.level(), claim.id(), config.mutant());
            reproduce = "./ftverify replay " + file;
        }
        String note = "shrunk from " + failing.params() + " (gap/tol " + Num.fmt(failing.normalisedGap()) + ") to " + s.best.params()
                + " (gap/tol " + Num.fmt(s.best.normalisedGap()) + ") in " + s.evaluated.size() + " evaluations"
                + (analysis.search() != null && analysis.search().falsified() ? "; found by the targeted search, confirmed at a fresh seed" : "")
                + (sv == null ? "" : "; " + sv.reason());
        Verdict v = sv == null ? Verdict.FALSIFIED : sv.verdict();
        return new ClaimResult(claim, theoryId, v, tries, s.best, file, reproduce, note, seconds(t0), analysis);
    }

    private static List<TryRecord> ladderRuns(ScalingVerdict.Outcome sv) {
        List<TryRecord> runs = new ArrayList<>();
        for (ScalingVerdict.Fit f : sv.fits())
            for (ScalingVerdict.Rung r : f.rungs()) if (r.run().phase().equals("ladder")) runs.add(r.run());
        return runs;
    }

    private record ShrinkOutcome(TryRecord best, List<TryRecord> evaluated) {}

    /**
     * Greedy: take the first simpler candidate that still fails, repeat until none does or the budget is spent. The
     * result always fails: it starts at the failing try and only ever moves to a candidate that failed under the
     * same seed (a candidate that passes or cannot decide is never taken).
     */
    private ShrinkOutcome shrink(Claim claim, TryRecord failing) {
        TryRecord best = failing;
        List<TryRecord> evaluated = new ArrayList<>();
        boolean improved = true;
        while (improved && evaluated.size() < config.maxShrinkSteps()) {
            improved = false;
            for (Params candidate : Shrinker.candidates(claim.space(), best.params())) {
                if (evaluated.size() >= config.maxShrinkSteps()) break;
                TryRecord t = evaluate(claim, 1000 + evaluated.size(), candidate, best.seed());
                evaluated.add(t);
                if (t.verdict() == Verdict.FALSIFIED) {
                    log.accept("  shrunk to " + candidate + " (gap/tol " + String.format("%.3g", t.normalisedGap()) + ")");
                    best = t;
                    improved = true;
                    break;
                }
            }
        }
        if (best.verdict() != Verdict.FALSIFIED) throw new IllegalStateException("shrinking returned a point that does not fail: " + best.params());
        return new ShrinkOutcome(best, evaluated);
    }

    /** Runs a check once; aborts and unexpected exceptions become INCONCLUSIVE with their reason, never a pass. */
    public TryRecord evaluate(Claim claim, int index, Params params, long seed) {
        long t0 = System.nanoTime();
        Evidence e;
        try {
            e = claim.check().check(params, new CheckContext(seed, config.level()));
            if (e == null) e = Evidence.inconclusive("check returned no evidence");
        } catch (CheckAbort a) {
            e = Evidence.inconclusive((a.kind() == CheckAbort.Kind.DIVERGED ? "diverged: " : "outside the theory's domain: ") + a.getMessage());
        } catch (RuntimeException ex) {
            e = Evidence.inconclusive("check failed with " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        return new TryRecord(index, seed, params, e, seconds(t0));
    }

    static TryRecord worst(List<TryRecord> tries) {
        TryRecord w = null;
        for (TryRecord t : tries) {
            double g = t.normalisedGap();
            if (w == null || (!Double.isNaN(g) && (Double.isNaN(w.normalisedGap()) || g > w.normalisedGap()))) w = t;
        }
        return w;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
