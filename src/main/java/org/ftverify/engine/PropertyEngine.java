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
import org.ftverify.core.Params;
import org.ftverify.core.Seeds;
import org.ftverify.core.Verdict;

/**
 * Searches a claim's parameter space for a point where theory and numerics disagree beyond tolerance.
 *
 * <p>Order of work: archived counterexamples of the claim are replayed first (a fixed bug stays fixed); then try 0 at
 * the simplest point and further tries at seeded random points (corners favoured). The first falsifying try is
 * shrunk toward simpler parameters under the same seed, archived, and returned. Try seeds derive from the run seed
 * and the claim id only, so a run is reproducible bit for bit on one machine from its recorded run seed.
 *
 * <p>Verdict: FALSIFIED if any try fails; otherwise INCONCLUSIVE if any try could not decide (divergence, domain);
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
        String reproduce = "./ftverify verify --claim " + claim.id() + " --level " + config.level().id() + " --seed " + config.runSeed();

        for (CounterexampleStore.Stored stored : store.forClaim(claim.id(), this::skip)) {
            Params p;
            try {
                p = claim.space().parse(stored.rawParams());
            } catch (IllegalArgumentException e) {
                skip(stored.file(), e.getMessage());
                continue;
            }
            TryRecord t = evaluate(claim, -1 - tries.size(), p, stored.seed());
            tries.add(t);
            if (t.verdict() == Verdict.FALSIFIED) {
                return new ClaimResult(claim, theoryId, Verdict.FALSIFIED, tries, t, stored.file(),
                        "./ftverify replay " + stored.file(), "archived counterexample still fails", seconds(t0));
            }
        }

        long claimSeed = Seeds.mix(config.runSeed(), Seeds.of(claim.id()));
        int n = claim.tries(config.level());
        for (int i = 0; i < n; i++) {
            long seed = Seeds.mix(claimSeed, i);
            Params p = i == 0 && claim.space().admissible(claim.space().simplest())
                    ? claim.space().simplest()
                    : PointGenerator.random(claim.space(), Seeds.mix(seed, 0x5EED));
            TryRecord t = evaluate(claim, i, p, seed);
            tries.add(t);
            log.accept(String.format("  try %d %s -> %s (gap/tol %.3g, %.1f s)", i, p, t.verdict(), t.normalisedGap(), t.seconds()));
            if (t.verdict() == Verdict.FALSIFIED) return falsified(claim, theoryId, tries, t, t0);
        }

        List<TryRecord> undecided = tries.stream().filter(t -> t.verdict() == Verdict.INCONCLUSIVE).toList();
        TryRecord worst = worst(tries);
        if (!undecided.isEmpty()) {
            String why = undecided.size() + " of " + tries.size() + " tries undecided; first: " + undecided.get(0).evidence().inconclusiveReason();
            return new ClaimResult(claim, theoryId, Verdict.INCONCLUSIVE, tries, undecided.get(0), null, reproduce, why, seconds(t0));
        }
        return new ClaimResult(claim, theoryId, Verdict.VERIFIED, tries, worst, null, reproduce, null, seconds(t0));
    }

    /** Shrinks from a given failing try (used by 'replay --shrink') and archives the result. */
    public ClaimResult shrinkFrom(Claim claim, String theoryId, TryRecord failing) {
        List<TryRecord> tries = new ArrayList<>();
        tries.add(failing);
        return falsified(claim, theoryId, tries, failing, System.nanoTime());
    }

    private ClaimResult falsified(Claim claim, String theoryId, List<TryRecord> tries, TryRecord failing, long t0) {
        ShrinkOutcome s = shrink(claim, failing);
        tries.addAll(s.evaluated);
        Path file = null;
        String reproduce = "./ftverify verify --claim " + claim.id() + " --level " + config.level().id() + " --seed " + config.runSeed();
        if (config.archiveCounterexamples()) {
            file = store.write(theoryId, s.best, failing, s.evaluated.size(), config.level(), claim.id(), config.mutant());
            reproduce = "./ftverify replay " + file;
        }
        String note = "shrunk from " + failing.params() + " to " + s.best.params() + " in " + s.evaluated.size() + " evaluations";
        return new ClaimResult(claim, theoryId, Verdict.FALSIFIED, tries, s.best, file, reproduce, note, seconds(t0));
    }

    private record ShrinkOutcome(TryRecord best, List<TryRecord> evaluated) {}

    /** Greedy: take the first simpler candidate that still fails, repeat until none does or the budget is spent. */
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

    private static TryRecord worst(List<TryRecord> tries) {
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
