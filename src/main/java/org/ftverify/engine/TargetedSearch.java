package org.ftverify.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.ftverify.core.Num;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Params;
import org.ftverify.core.Seeds;
import org.ftverify.core.Verdict;

/**
 * Targeted search: after the random tries, climb the normalised gap (gap/tolerance) the tries already measured,
 * as Hypothesis's {@code target()} does. Each step takes one of the best points found so far, perturbs a few of its
 * coordinates and keeps the child when it raises gap/tol, so a theory that fails only near a boundary (mu near a root,
 * large eta, small d) is approached on purpose instead of by luck.
 *
 * <p>Moves respect the space: reals and log-scale integers take Gaussian steps (log-scale ones in log space) scaled
 * to the parameter's range, plain integers move by at least one, choices switch to another value, one move in ten
 * jumps to an end of the range (theories break at the edges), and a child that violates a constraint or repeats an
 * evaluated point is redrawn. The step scale adapts with the one-fifth success rule (x1.5 on improvement, x0.9
 * otherwise), so the search widens on a slope and narrows near a ridge.
 *
 * <p>A child is evaluated under its parent's seed (common random numbers): the change in gap/tol then reflects the
 * parameters, not a fresh draw of the Monte Carlo noise. Selecting the largest of many noisy gaps would still inflate
 * false alarms, so a child that fails is <em>confirmed</em> at an independent seed before it counts: only a point that
 * fails twice falsifies the claim; a single excursion is recorded as unconfirmed. Confirmations do not use the
 * budget (a failure found by the last move is still checked).
 *
 * <p>Everything is deterministic from the seed passed in (the engine derives it from the run seed and claim id).
 */
public final class TargetedSearch {
    /** Index offsets of search moves and their confirmations in the try list (random tries are 0..n-1). */
    static final int MOVE_INDEX = 2000, CONFIRM_INDEX = 3000, RESTART_INDEX = 5000, RESEED_INDEX = 6000;
    /**
     * Share of moves that re-run a good point at a fresh seed instead of perturbing it. For a Monte Carlo check the seed
     * often moves gap/tol more than the parameters do; a failure found this way still has to repeat at another
     * independent seed, so under a correct theory two independent tail events are needed. Switched off as soon as a
     * re-run returns exactly the same gap/tol (the check does not depend on the seed).
     */
    static final double RESEED_PROBABILITY = 0.25;
    static final double CORNER_PROBABILITY = 0.1;
    static final double INITIAL_SCALE = 0.25, MIN_SCALE = 0.01, MAX_SCALE = 1;
    private static final int PARENT_POOL = 4, REDRAWS = 40;

    /** Evaluates a claim's check at a point and seed (the engine's evaluate). */
    public interface Evaluator {
        TryRecord evaluate(int index, Params params, long seed);
    }

    /**
     * What a search did: every evaluation in order (moves and confirmations), the first confirmed failure (null if
     * none) with its confirmation, the number of failures that did not repeat at a fresh seed, the first undecided
     * (inconclusive) evaluation, and the highest gap/tol reached by a decided evaluation.
     */
    public record Outcome(List<TryRecord> evaluated, int moves, TryRecord falsifying, TryRecord confirmation, int unconfirmed,
                   TryRecord undecided, TryRecord best) {}

    private record Node(Params params, long seed, double score) {}

    private final ParameterSpace space;
    private final Evaluator evaluator;
    private final long seed;
    private final SplittableRandom rng;
    private final Consumer<String> log;
    private double restartProbability;
    private double reseedProbability = RESEED_PROBABILITY;
    private double scale = INITIAL_SCALE;

    TargetedSearch(ParameterSpace space, Evaluator evaluator, long seed, Consumer<String> log) {
        this.space = space;
        this.evaluator = evaluator;
        this.seed = seed;
        this.rng = new SplittableRandom(seed);
        this.log = log;
    }

    /**
     * A fraction of moves that restart at a fresh random point and seed instead of perturbing a good one: 0 in the
     * engine (pure climbing), positive in 'explore', which also wants the margin mapped away from the best point.
     */
    TargetedSearch withRestarts(double probability) {
        this.restartProbability = probability;
        return this;
    }

    /**
     * Climbs from {@code starts} (the random tries) for {@code budget} moves.
     *
     * @param stopAtFailure stop at the first confirmed failure (the engine); 'explore' keeps mapping
     * @param stopAtUndecided stop at the first inconclusive evaluation (the engine: the claim is then undecided)
     */
    Outcome run(List<TryRecord> starts, int budget, boolean stopAtFailure, boolean stopAtUndecided) {
        List<Node> pool = new ArrayList<>();
        Set<Params> seen = new HashSet<>();
        for (TryRecord t : starts) {
            seen.add(t.params());
            if (decided(t)) pool.add(new Node(t.params(), t.seed(), t.normalisedGap()));
        }
        List<TryRecord> evaluated = new ArrayList<>();
        TryRecord falsifying = null, confirmation = null, undecided = null, best = bestOf(starts);
        int unconfirmed = 0, moves = 0, stuck = 0;
        while (moves < budget) {
            Node parent = null;
            Params child;
            long childSeed;
            int index;
            boolean reseed = false;
            double r = rng.nextDouble();
            if (!pool.isEmpty() && r >= restartProbability && r < restartProbability + reseedProbability) {
                parent = pick(pool);
                child = parent.params();
                childSeed = Seeds.mix(seed, RESEED_INDEX + moves);
                index = RESEED_INDEX + moves;
                reseed = true;
            } else if (pool.isEmpty() || r < restartProbability) {
                if (restartProbability == 0) break; // nothing decided to climb from
                childSeed = Seeds.mix(seed, RESTART_INDEX + moves);
                child = PointGenerator.random(space, Seeds.mix(childSeed, 0x5EED));
                index = RESTART_INDEX + moves;
            } else {
                parent = pick(pool);
                child = mutate(parent.params(), seen);
                childSeed = parent.seed();
                index = MOVE_INDEX + moves;
            }
            if (child == null || (!reseed && seen.contains(child))) {
                scale = Math.max(MIN_SCALE, scale * 0.5); // the neighbourhood is exhausted at this scale
                if (++stuck >= 5) break;
                continue;
            }
            stuck = 0;
            seen.add(child);
            moves++;
            TryRecord t = evaluator.evaluate(index, child, childSeed);
            evaluated.add(t);
            log.accept(String.format("  search %d %s -> %s (gap/tol %s, %.1f s)", moves, child, t.verdict(), Num.fmt(t.normalisedGap()), t.seconds()));
            if (!decided(t)) {
                if (undecided == null) undecided = t;
                if (stopAtUndecided) break;
                continue;
            }
            if (best == null || t.normalisedGap() > best.normalisedGap()) best = t;
            if (reseed && t.normalisedGap() == parent.score()) reseedProbability = 0; // the check ignores its seed
            if (parent != null && !reseed) scale = t.normalisedGap() > parent.score()
                    ? Math.min(MAX_SCALE, scale * 1.5) : Math.max(MIN_SCALE, scale * 0.9);
            double score = t.normalisedGap();
            if (t.verdict() == Verdict.FALSIFIED) {
                TryRecord c = evaluator.evaluate(CONFIRM_INDEX + moves, child, Seeds.mix(seed, CONFIRM_INDEX + moves));
                evaluated.add(c);
                if (c.verdict() == Verdict.FALSIFIED) {
                    log.accept("  confirmed at a fresh seed (gap/tol " + Num.fmt(c.normalisedGap()) + ")");
                    if (falsifying == null) {
                        falsifying = t;
                        confirmation = c;
                    }
                    if (stopAtFailure) break;
                } else {
                    unconfirmed++;
                    log.accept("  not confirmed at a fresh seed (" + c.verdict() + ", gap/tol " + Num.fmt(c.normalisedGap()) + "): a noise excursion");
                    // Rank the point by what both seeds say, so noise does not anchor the climb.
                    if (decided(c)) score = 0.5 * (score + c.normalisedGap());
                }
            }
            pool.add(new Node(child, childSeed, score));
        }
        return new Outcome(evaluated, moves, falsifying, confirmation, unconfirmed, undecided, best);
    }

    private static boolean decided(TryRecord t) {
        return t.verdict() != Verdict.INCONCLUSIVE && !Double.isNaN(t.normalisedGap());
    }

    private static TryRecord bestOf(List<TryRecord> tries) {
        TryRecord best = null;
        for (TryRecord t : tries) if (decided(t) && (best == null || t.normalisedGap() > best.normalisedGap())) best = t;
        return best;
    }

    /** A parent among the best {@value #PARENT_POOL} points, the best with probability 1/2, the next 1/4, ... */
    private Node pick(List<Node> pool) {
        List<Node> ranked = new ArrayList<>(pool);
        ranked.sort(Comparator.comparingDouble((Node n) -> -n.score()));
        int k = Math.min(PARENT_POOL, ranked.size());
        int i = 0;
        while (i < k - 1 && rng.nextBoolean()) i++;
        return ranked.get(i);
    }

    /** A new admissible point near {@code from}, or null when none is found in {@value #REDRAWS} draws. */
    Params mutate(Params from, Set<Params> seen) {
        List<Parameter> ps = space.parameters();
        for (int attempt = 0; attempt < REDRAWS; attempt++) {
            Map<String, Object> m = new LinkedHashMap<>(from.asMap());
            boolean moved = false;
            for (Parameter p : ps) {
                if (ps.size() > 1 && rng.nextDouble() >= 1.0 / ps.size()) continue;
                m.put(p.name(), move(p, from.get(p.name())));
                moved = true;
            }
            if (!moved) {
                Parameter p = ps.get(rng.nextInt(ps.size()));
                m.put(p.name(), move(p, from.get(p.name())));
            }
            Params child = new Params(m);
            if (!child.equals(from) && !seen.contains(child) && space.admissible(child)) return child;
        }
        return null;
    }

    private Object move(Parameter p, Object current) {
        switch (p.kind()) {
            case CHOICE -> {
                if (p.choices().size() < 2) return current;
                int i = p.choices().indexOf((String) current), j = rng.nextInt(p.choices().size() - 1);
                return p.choices().get(j >= i ? j + 1 : j);
            }
            case INT -> {
                int cur = ((Number) current).intValue();
                if (p.lo() == p.hi()) return cur;
                int next = rng.nextDouble() < CORNER_PROBABILITY ? (int) (rng.nextBoolean() ? p.hi() : p.lo())
                        : (int) Math.round(step(p, cur));
                if (next == cur) next = cur + (rng.nextBoolean() ? 1 : -1); // an integer must move by at least one
                return (int) Math.max(p.lo(), Math.min(p.hi(), next));
            }
            default -> {
                double cur = ((Number) current).doubleValue();
                if (p.lo() == p.hi()) return cur;
                if (rng.nextDouble() < CORNER_PROBABILITY) return rng.nextBoolean() ? p.hi() : p.lo();
                return Math.max(p.lo(), Math.min(p.hi(), step(p, cur)));
            }
        }
    }

    /** One Gaussian step of the current scale times the (log-)range; log-scale parameters move multiplicatively. */
    private double step(Parameter p, double cur) {
        double z = gaussian();
        if (p.logScale() && p.lo() > 0 && cur > 0)
            return Math.exp(Math.log(cur) + scale * Math.log(p.hi() / p.lo()) * z);
        return cur + scale * (p.hi() - p.lo()) * z;
    }

    /** Standard normal (Box–Muller; one of the pair). */
    private double gaussian() {
        double u = 1 - rng.nextDouble(), v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
