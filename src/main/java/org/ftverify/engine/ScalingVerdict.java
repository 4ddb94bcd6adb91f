package org.ftverify.engine;

import java.util.ArrayList;
import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.Num;
import org.ftverify.core.Parameter;
import org.ftverify.core.Params;
import org.ftverify.core.Scaling;
import org.ftverify.core.Series;
import org.ftverify.core.Verdict;
import org.ftverify.evidence.SampleStats;

/**
 * Finite-size verdicts: is a failure at dimension d (step size eta, sample size n) a finite-size effect that the theory
 * allows, or a wrong theory? For each {@link Scaling} the claim declares, the failing point is re-run at the same seed
 * on a ladder of three values 4x apart that contains the failing value, preferring refinement ({@code d, 4d, 16d};
 * {@code eta, eta/4, eta/16}) and stepping back only as far as the claim's range (or its documented extension)
 * requires. The failing comparison's absolute gap is fitted as {@code gap ~ h^p} on log-log axes (h = 1/d, eta, 1/n),
 * giving the order p with its standard error.
 *
 * <p>Rule, with t the two-sided 95% Student quantile for the fit's degrees of freedom (12.7 for three rungs: three
 * points say little about their own scatter, so only a clean law is accepted): the failure is a finite-size effect
 * when the gap both falls ({@code p - t SE > 0}) and falls no slower than the declared order ({@code p + t SE >= order}):
 * the claim is then INCONCLUSIVE with the reason "finite-size effect, consistent with the theory in the limit". Any
 * other outcome (the gap is flat, grows, falls too slowly, or the ladder cannot be run) leaves the claim FALSIFIED,
 * with the fitted order as evidence. A claim with several scalings is a finite-size case when any one of them explains
 * the gap (a dimension effect does not shrink when eta is refined).
 */
public final class ScalingVerdict {
    /** Index offset of ladder runs in the try list. */
    static final int LADDER_INDEX = 4000;
    /** Two-sided 95% Student t quantiles for 1..10 degrees of freedom. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228};

    private ScalingVerdict() {}

    /** One rung of the ladder: the parameter value, its run, and the failing comparison's gap and tolerance there. */
    public record Rung(double value, TryRecord run, double gap, double tolerance) {}

    /**
     * The ladder of one scaling: its rungs, the fitted order p ± se (NaN when not assessable) and intercept of
     * ln gap = intercept + p ln h, the quantile used, whether the gap falls as the theory allows, and a sentence saying
     * so (or why the ladder could not decide).
     */
    public record Fit(Scaling scaling, List<Rung> rungs, double order, double orderSe, double intercept, double t,
                      boolean finiteSize, String text) {
        public boolean assessable() {
            return !Double.isNaN(order);
        }
    }

    /** The verdict after the ladders, its reason, and every fit. */
    public record Outcome(Verdict verdict, String reason, List<Fit> fits) {}

    /**
     * Runs every declared ladder from a failing try. Returns null when the claim declares no scaling (the failure
     * stands as it is).
     */
    public static Outcome assess(Claim claim, TryRecord failing, TargetedSearch.Evaluator evaluator) {
        if (claim.scalings().isEmpty() || failing.verdict() != Verdict.FALSIFIED) return null;
        int quantity = worstComparison(failing.evidence());
        List<Fit> fits = new ArrayList<>();
        int index = LADDER_INDEX;
        for (Scaling s : claim.scalings()) {
            Fit f = ladder(claim, failing, quantity, s, evaluator, index);
            index += 10;
            fits.add(f);
            addPlot(failing.evidence(), f);
            failing.evidence().diagnostic("scaling " + s.parameter(), f.text());
        }
        for (Fit f : fits)
            if (f.finiteSize())
                return new Outcome(Verdict.INCONCLUSIVE, "finite-size effect, consistent with the theory in the limit: " + f.text(), fits);
        StringBuilder why = new StringBuilder("the gap is not a finite-size effect: ");
        for (int i = 0; i < fits.size(); i++) why.append(i == 0 ? "" : "; ").append(fits.get(i).text());
        return new Outcome(Verdict.FALSIFIED, why.toString(), fits);
    }

    static Fit ladder(Claim claim, TryRecord failing, int quantity, Scaling s, TargetedSearch.Evaluator evaluator, int index) {
        Parameter p = claim.space().parameter(s.parameter());
        double x0 = ((Number) failing.params().get(p.name())).doubleValue();
        double[] values = rungValues(p, s, x0);
        String name = failing.evidence().comparisons().get(quantity).quantity();
        if (values == null)
            return notAssessable(s, List.of(), "cannot run the " + s.parameter() + " ladder: three values 4x apart around "
                    + Num.fmt(x0) + " do not fit in " + range(p, s));
        List<Rung> rungs = new ArrayList<>();
        for (double v : values) {
            TryRecord run;
            if (v == x0) {
                run = failing;
            } else {
                Params q = failing.params().with(p.name(), p.kind() == Parameter.Kind.INT ? (Object) (int) Math.round(v) : (Object) v);
                if (!claim.space().admissible(q))
                    return notAssessable(s, rungs, "cannot run the " + s.parameter() + " ladder: " + q + " violates a constraint of the claim");
                run = evaluator.evaluate(index++, q, failing.seed());
            }
            Comparison c = match(run.evidence(), name, quantity, failing.evidence().comparisons().size());
            if (run.verdict() == Verdict.INCONCLUSIVE || c == null)
                return notAssessable(s, rungs, "the " + s.parameter() + " ladder is undecided at " + s.parameter() + " = " + Num.fmt(v) + ": "
                        + (c == null ? run.evidence().summary() : run.evidence().inconclusiveReason()));
            rungs.add(new Rung(v, run, c.gap(), c.tolerance()));
        }
        return fit(s, rungs);
    }

    /** Three values x0 4^k (consecutive k, containing k = 0) inside the claim's range, finest first preferred; null if none. */
    static double[] rungValues(Parameter p, Scaling s, double x0) {
        double lo = p.lo(), hi = p.hi();
        if (!Double.isNaN(s.limit())) {
            if (s.refinesDownward()) lo = Math.min(lo, s.limit());
            else hi = Math.max(hi, s.limit());
        }
        for (int finest = 2; finest >= 0; finest--) {
            double[] v = new double[3];
            boolean ok = true;
            for (int i = 0; i < 3; i++) {
                int k = finest - 2 + i; // rung exponents finest-2 .. finest; k = 0 is the failing value
                double x = x0 * Math.pow(Scaling.RATIO, s.refinesDownward() ? -k : k);
                if (p.kind() == Parameter.Kind.INT) x = Math.round(x);
                if (x < lo * (1 - 1e-12) || x > hi * (1 + 1e-12) || !(x > 0)) ok = false;
                v[i] = x;
            }
            if (ok) return v;
        }
        return null;
    }

    /** Least-squares fit of ln gap on ln h and the finite-size rule. */
    static Fit fit(Scaling s, List<Rung> rungs) {
        int n = rungs.size();
        double floor = Double.POSITIVE_INFINITY;
        for (Rung r : rungs) if (r.gap() > 0) floor = Math.min(floor, r.gap());
        // A rung that met its prediction exactly (gap 0, e.g. a one-sided bound now satisfied) is drawn at 1e-3 of the
        // smallest positive gap: it counts as "fell a lot" without an infinite logarithm.
        floor = Double.isInfinite(floor) ? 1e-300 : floor * 1e-3;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.log(s.h(rungs.get(i).value()));
            y[i] = Math.log(Math.max(rungs.get(i).gap(), floor));
        }
        SampleStats.Line line = SampleStats.fit(x, y);
        double p = line.slope(), se = line.slopeSe();
        if (!(se >= 0)) se = 0;
        int dof = n - 2;
        double t = dof >= 1 && dof <= T975.length ? T975[dof - 1] : 2.0;
        boolean falls = p - t * se > 0, fastEnough = p + t * se >= s.order();
        String values = rungs.stream().map(r -> Num.fmt(r.value())).reduce((a, b) -> a + ", " + b).orElse("");
        String gaps = rungs.stream().map(r -> Num.fmt(r.gap())).reduce((a, b) -> a + ", " + b).orElse("");
        String law = "gap ~ " + s.parameter() + "^" + Num.fmt(s.refinesDownward() ? p : -p) + " ± " + Num.fmt(se);
        String text = law + " over " + s.parameter() + " = " + values + " (gaps " + gaps + "; expected " + s.lawText() + ", "
                + s.orderWhy() + (Double.isNaN(s.limit()) ? "" : "; ladder extended: " + s.limitWhy()) + "): "
                + (falls && fastEnough ? "the gap falls as fast as the theory's finite-size law allows"
                : !falls ? "the gap does not fall (order " + Num.fmt(p) + " - " + Num.fmt(t) + " x " + Num.fmt(se) + " <= 0)"
                : "the gap falls more slowly than " + s.lawText() + " (order " + Num.fmt(p) + " + " + Num.fmt(t) + " x " + Num.fmt(se)
                        + " < " + Num.fmt(s.order()) + ")");
        return new Fit(s, List.copyOf(rungs), p, se, line.intercept(), t, falls && fastEnough, text);
    }

    private static Fit notAssessable(Scaling s, List<Rung> rungs, String why) {
        return new Fit(s, List.copyOf(rungs), Double.NaN, Double.NaN, Double.NaN, Double.NaN, false, why);
    }

    /** The failing comparison with the largest gap/tol (the first one when several tie). */
    static int worstComparison(Evidence e) {
        int best = 0;
        for (int i = 1; i < e.comparisons().size(); i++)
            if (e.comparisons().get(i).normalisedGap() > e.comparisons().get(best).normalisedGap()) best = i;
        return best;
    }

    /** The same comparison at another rung: by quantity name, else by position when the lists have the same length. */
    private static Comparison match(Evidence e, String quantity, int index, int size) {
        for (Comparison c : e.comparisons()) if (c.quantity().equals(quantity)) return c;
        return e.comparisons().size() == size ? e.comparisons().get(index) : null;
    }

    private static String range(Parameter p, Scaling s) {
        return p.rangeText() + (Double.isNaN(s.limit()) ? "" : " extended to " + Num.fmt(s.limit()));
    }

    /** The scaling plot: measured gaps and tolerances per rung, the expected law through the failing rung, the fit. */
    private static void addPlot(Evidence e, Fit f) {
        if (f.rungs().size() < 2) return;
        Scaling s = f.scaling();
        int n = f.rungs().size();
        double[] v = new double[n], gap = new double[n], tol = new double[n], law = new double[n], fitted = new double[n];
        Rung ref = f.rungs().stream().filter(r -> r.gap() > 0).findFirst().orElse(f.rungs().get(0));
        for (int i = 0; i < n; i++) {
            Rung r = f.rungs().get(i);
            v[i] = r.value();
            gap[i] = r.gap() > 0 ? r.gap() : Double.NaN;
            tol[i] = r.tolerance();
            law[i] = ref.gap() * Math.pow(s.h(r.value()) / s.h(ref.value()), s.order());
        }
        String plot = "finite-size ladder: gap vs " + s.parameter();
        String y = "|observed - predicted|";
        e.series(Series.simulation(plot, "gap at the failing point", s.parameter(), y, v, gap, null).withLogAxes(true, true));
        e.series(Series.theory(plot, "tolerance", s.parameter(), y, v, tol).withLogAxes(true, true));
        e.series(Series.theory(plot, "expected " + s.lawText(), s.parameter(), y, v, law).withLogAxes(true, true));
        if (f.assessable()) {
            for (int i = 0; i < n; i++) fitted[i] = Math.exp(f.intercept() + f.order() * Math.log(s.h(v[i])));
            e.series(Series.theory(plot, "fit: order " + Num.fmt(f.order()) + " ± " + Num.fmt(f.orderSe()), s.parameter(), y, v, fitted)
                    .withLogAxes(true, true));
        }
    }
}
