package org.ftverify.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.ftverify.core.Claim;
import org.ftverify.core.Num;
import org.ftverify.core.Parameter;
import org.ftverify.core.Params;
import org.ftverify.core.Seeds;
import org.ftverify.core.Verdict;

/**
 * 'ftverify explore': the engine's search for one claim with a larger budget, keeping every evaluation so the
 * margin of the claim can be mapped. Order: the engine's own random tries at the level (same seeds as 'verify', so
 * "the random tries missed it" is checkable), then {@code budget} targeted-search moves that keep climbing after a
 * failure (one move in five restarts at a fresh random point, so the map is not only the neighbourhood of the best
 * point), then, when a failure was found, the engine's shrinking, finite-size ladders and archiving.
 *
 * <p>The result records every evaluated point (phase, parameters, seed, gap/tol, verdict, seconds), the sensitivity of
 * gap/tol to each parameter (the share of its variance explained by binning that parameter alone: the correlation
 * ratio eta^2, which also catches a peak in the middle of a range), the closest approach to failure (the passing
 * point with the largest gap/tol) and the first confirmed failure.
 */
public final class Explore {
    static final double RESTART_PROBABILITY = 0.2;
    static final int BINS = 5;

    private Explore() {}

    /** Sensitivity of gap/tol to one parameter: eta^2 in [0, 1] over the decided evaluations. */
    public record Sensitivity(String parameter, double eta2) {}

    /**
     * One exploration. {@code randomFailure} is the first random try that failed (the engine's verdict without the
     * search), {@code searchFailure} the first search point that failed and repeated at a fresh seed, {@code result}
     * the engine's outcome after shrinking and scaling (null when nothing failed).
     */
    public record Result(Claim claim, String theoryId, String mutant, EngineConfig config, int budget, int randomTries,
                         List<TryRecord> evaluations, TryRecord randomFailure, TargetedSearch.Outcome search,
                         ClaimResult result, List<Sensitivity> sensitivity, TryRecord closestApproach, Instant startedAt,
                         double seconds) {
        public TryRecord searchFailure() {
            return search.falsifying();
        }

        /** The verdict the exploration supports: the engine's after shrinking/scaling, or VERIFIED / INCONCLUSIVE. */
        public Verdict verdict() {
            if (result != null) return result.verdict();
            return evaluations.stream().anyMatch(t -> t.verdict() == Verdict.INCONCLUSIVE) ? Verdict.INCONCLUSIVE : Verdict.VERIFIED;
        }
    }

    public static Result run(Claim claim, String theoryId, PropertyEngine engine, int budget, Consumer<String> progress) {
        if (budget < 0) throw new IllegalArgumentException("budget: must be >= 0, got " + budget);
        EngineConfig config = engine.config();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        long claimSeed = engine.claimSeed(claim);
        int n = claim.tries(config.level());
        List<TryRecord> all = new ArrayList<>();
        TryRecord randomFailure = null;
        Progress p = new Progress(progress, n, budget);
        for (int i = 0; i < n; i++) {
            TryRecord t = engine.evaluate(claim, i, PropertyEngine.randomPoint(claim, claimSeed, i), Seeds.mix(claimSeed, i));
            all.add(t);
            p.report(t);
            if (randomFailure == null && t.verdict() == Verdict.FALSIFIED) randomFailure = t;
        }
        TargetedSearch search = new TargetedSearch(claim.space(), (i, q, sd) -> {
            TryRecord t = engine.evaluate(claim, i, q, sd);
            p.report(t);
            return t;
        }, Seeds.mix(claimSeed, 0x7A5E7L), s -> {}).withRestarts(RESTART_PROBABILITY);
        TargetedSearch.Outcome so = search.run(List.copyOf(all), budget, false, false);
        all.addAll(so.evaluated());

        TryRecord failing = randomFailure != null ? randomFailure : so.falsifying();
        ClaimResult result = null;
        if (failing != null) {
            progress.accept(String.format(Locale.ROOT, "[explore] shrinking %s (gap/tol %s)%s", failing.params(), Num.fmt(failing.normalisedGap()),
                    claim.scalings().isEmpty() ? "" : " and running the finite-size ladders"));
            RunAnalysis searchAnalysis = RunAnalysis.NONE.withSearch(new RunAnalysis.Search(budget, so.moves(),
                    (int) so.evaluated().stream().filter(t -> t.phase().equals("confirm")).count(), so.unconfirmed(),
                    bestGap(all.subList(0, n)), so.best() == null ? Double.NaN : so.best().normalisedGap(),
                    so.best() == null ? null : so.best().params(), randomFailure == null));
            List<TryRecord> tries = new ArrayList<>(all);
            result = engine.falsified(claim, theoryId, tries, failing, t0, searchAnalysis);
            all = tries;
        }
        return new Result(claim, theoryId, config.mutant(), config, budget, n, List.copyOf(all), randomFailure, so, result,
                sensitivity(claim, all), closestApproach(all), started, (System.nanoTime() - t0) / 1e9);
    }

    private static double bestGap(List<TryRecord> ts) {
        double b = Double.NaN;
        for (TryRecord t : ts) if (!Double.isNaN(t.normalisedGap()) && (Double.isNaN(b) || t.normalisedGap() > b)) b = t.normalisedGap();
        return b;
    }

    /** The passing evaluation with the largest gap/tol: how close the claim came to failing. */
    static TryRecord closestApproach(List<TryRecord> ts) {
        return ts.stream().filter(t -> t.verdict() == Verdict.VERIFIED)
                .max(Comparator.comparingDouble(TryRecord::normalisedGap)).orElse(null);
    }

    /** Parameters ranked by the share of gap/tol variance their bins explain (decided evaluations only). */
    static List<Sensitivity> sensitivity(Claim claim, List<TryRecord> ts) {
        List<TryRecord> decided = ts.stream().filter(t -> t.verdict() != Verdict.INCONCLUSIVE && Double.isFinite(t.normalisedGap())).toList();
        List<Sensitivity> out = new ArrayList<>();
        for (Parameter p : claim.space().parameters()) out.add(new Sensitivity(p.name(), eta2(p, decided)));
        out.sort(Comparator.comparingDouble((Sensitivity s) -> -(Double.isNaN(s.eta2()) ? -1 : s.eta2())));
        return out;
    }

    private static double eta2(Parameter p, List<TryRecord> ts) {
        if (ts.size() < 3 || p.lo() == p.hi()) return Double.NaN;
        int bins = p.kind() == Parameter.Kind.CHOICE ? p.choices().size() : BINS;
        double[] sum = new double[bins];
        int[] count = new int[bins];
        double mean = 0;
        for (TryRecord t : ts) mean += t.normalisedGap() / ts.size();
        double total = 0;
        for (TryRecord t : ts) {
            int b = bin(p, t.params(), bins);
            sum[b] += t.normalisedGap();
            count[b]++;
            total += (t.normalisedGap() - mean) * (t.normalisedGap() - mean);
        }
        // gap/tol the same everywhere (up to rounding): no parameter moves it
        if (total <= 1e-20 * ts.size() * Math.max(1, mean * mean)) return 0;
        double between = 0;
        for (int b = 0; b < bins; b++) if (count[b] > 0) between += count[b] * Math.pow(sum[b] / count[b] - mean, 2);
        return Math.min(1, between / total);
    }

    /** The bin of a parameter value: choices by index, numbers by position in the (log-)range. */
    public static int bin(Parameter p, Params point, int bins) {
        if (p.kind() == Parameter.Kind.CHOICE) return p.choices().indexOf(point.choice(p.name()));
        double u = unit(p, ((Number) point.get(p.name())).doubleValue());
        return Math.min(bins - 1, Math.max(0, (int) Math.floor(u * bins)));
    }

    /** A numeric value's position in [0, 1] along its range (log-scale parameters on a log axis). */
    public static double unit(Parameter p, double v) {
        if (p.logScale() && p.lo() > 0) return (Math.log(v) - Math.log(p.lo())) / (Math.log(p.hi()) - Math.log(p.lo()));
        return (v - p.lo()) / (p.hi() - p.lo());
    }

    /**
     * Prints one line per evaluation: its number, the random try or search move it belongs to (confirmations re-run
     * the move before them at a fresh seed), the point, the verdict and the running best gap/tol.
     */
    private static final class Progress {
        private final Consumer<String> out;
        private final int tries, budget;
        private int done, random, moves;
        private double best = Double.NaN;

        Progress(Consumer<String> out, int tries, int budget) {
            this.out = out;
            this.tries = tries;
            this.budget = budget;
        }

        void report(TryRecord t) {
            done++;
            String step = switch (t.phase()) {
                case "random" -> "try " + (++random) + "/" + tries;
                case "confirm" -> "move " + moves + " again";
                default -> "move " + (++moves) + "/" + budget;
            };
            if (!Double.isNaN(t.normalisedGap()) && (Double.isNaN(best) || t.normalisedGap() > best)) best = t.normalisedGap();
            out.accept(String.format(Locale.ROOT, "[explore] #%-3d %-7s %-13s %s -> %s gap/tol %s (%.1f s; best %s)", done, t.phase(), step,
                    t.params(), t.verdict(), Num.fmt(t.normalisedGap()), t.seconds(), Num.fmt(best)));
        }
    }

    /** The explore file: every evaluation and the summary the report's margin map is drawn from. */
    public static JsonObject toJson(Result r, String command) {
        JsonObject o = new JsonObject();
        o.addProperty("claim", r.claim().id());
        o.addProperty("theory", r.theoryId());
        o.addProperty("title", r.claim().title());
        o.addProperty("statement", r.claim().statement());
        o.add("mutant", JsonCodec.primitive(r.mutant()));
        o.addProperty("level", r.config().level().id());
        o.addProperty("runSeed", r.config().runSeed());
        o.addProperty("budget", r.budget());
        o.addProperty("command", command);
        o.addProperty("startedAt", r.startedAt().toString());
        o.addProperty("seconds", r.seconds());
        o.addProperty("verdict", r.verdict().name());
        JsonArray ps = new JsonArray();
        for (Parameter p : r.claim().space().parameters()) {
            JsonObject po = new JsonObject();
            po.addProperty("name", p.name());
            po.addProperty("kind", p.kind().name().toLowerCase(Locale.ROOT));
            po.addProperty("lo", p.lo());
            po.addProperty("hi", p.hi());
            po.addProperty("logScale", p.logScale());
            JsonArray cs = new JsonArray();
            p.choices().forEach(cs::add);
            po.add("choices", cs);
            ps.add(po);
        }
        o.add("parameters", ps);
        JsonObject random = new JsonObject();
        random.addProperty("tries", r.randomTries());
        random.add("bestNormalisedGap", JsonCodec.number(bestGap(r.evaluations().subList(0, Math.min(r.randomTries(), r.evaluations().size())))));
        random.add("firstFailure", r.randomFailure() == null ? JsonNull.INSTANCE : row(r.randomFailure(), r.evaluations().indexOf(r.randomFailure()) + 1));
        o.add("random", random);
        TargetedSearch.Outcome so = r.search();
        JsonObject search = new JsonObject();
        search.addProperty("moves", so.moves());
        search.addProperty("confirmations", so.evaluated().stream().filter(t -> t.phase().equals("confirm")).count());
        search.addProperty("unconfirmed", so.unconfirmed());
        search.add("best", so.best() == null ? JsonNull.INSTANCE : row(so.best(), r.evaluations().indexOf(so.best()) + 1));
        search.add("firstConfirmedFailure", so.falsifying() == null ? JsonNull.INSTANCE : row(so.falsifying(), r.evaluations().indexOf(so.falsifying()) + 1));
        search.add("confirmation", so.confirmation() == null ? JsonNull.INSTANCE : row(so.confirmation(), r.evaluations().indexOf(so.confirmation()) + 1));
        o.add("search", search);
        JsonArray sens = new JsonArray();
        for (Sensitivity s : r.sensitivity()) {
            JsonObject so2 = new JsonObject();
            so2.addProperty("parameter", s.parameter());
            so2.add("eta2", JsonCodec.number(s.eta2()));
            sens.add(so2);
        }
        o.add("sensitivity", sens);
        o.add("closestApproach", r.closestApproach() == null ? JsonNull.INSTANCE : row(r.closestApproach(), r.evaluations().indexOf(r.closestApproach()) + 1));
        if (r.result() != null) {
            JsonObject res = new JsonObject();
            res.addProperty("verdict", r.result().verdict().name());
            res.add("note", JsonCodec.primitive(r.result().note()));
            res.add("counterexample", r.result().counterexample() == null ? JsonNull.INSTANCE : JsonCodec.primitive(r.result().counterexample().toString()));
            res.add("reproduce", JsonCodec.primitive(r.result().reproduce()));
            res.add("worst", JsonCodec.evidence(r.result().worst()));
            res.add("analysis", AnalysisJson.of(r.result().analysis()));
            o.add("result", res);
        } else {
            o.add("result", JsonNull.INSTANCE);
        }
        JsonArray ev = new JsonArray();
        for (int i = 0; i < r.evaluations().size(); i++) ev.add(row(r.evaluations().get(i), i + 1));
        o.add("evaluations", ev);
        return o;
    }

    private static JsonObject row(TryRecord t, int number) {
        JsonObject o = JsonCodec.tryRow(t);
        o.addProperty("n", number);
        return o;
    }

    /** target/ftverify/explore/&lt;claim-id&gt;.json under the repository root. */
    public static Path file(Path root, String claimId) {
        return root.resolve("target/ftverify/explore").resolve(claimId + ".json");
    }
}
