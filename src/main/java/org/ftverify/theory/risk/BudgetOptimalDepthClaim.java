package org.ftverify.theory.risk;

import java.util.function.DoubleUnaryOperator;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.Num;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Params;
import org.ftverify.core.Series;
import org.ftverify.evidence.Tolerance;
import org.hipparchus.analysis.solvers.BrentSolver;

/**
 * P8 — Thm. 6.1's budget-optimal depth c* = (alpha K/(gamma lambda))^(1/(alpha+1)) against the brute-force minimum of
 * J(c) = L(c) + gamma (C_s + lambda c) in M3 (exact tail) and M4.
 */
final class BudgetOptimalDepthClaim {
    static final String ID = "risk.budget-optimal-depth";
    /** Up to this depth the minimum is found by evaluating J at every integer c; beyond, by bisection on the sign of J(c+1) - J(c). */
    static final long EXHAUSTIVE = 200_000;

    private BudgetOptimalDepthClaim() {}

    static Claim build(RiskTheoryModel model) {
        ParameterSpace space = ParameterSpace.of(
                Parameter.real("rho", 0.55, 1.5, 0.75, "M3 step decay (alpha = 2 rho - 1)"),
                Parameter.real("eta0", 0.1, 1, 0.5, "M3 step scale"),
                Parameter.real("t0", 1, 100, 10, "M3 schedule offset"),
                Parameter.real("q", 0.1, 10, 1, "M3 noise variance q"),
                Parameter.real("log10GammaLambda", -8, -3, -6, "log10 of the cost per probe step gamma lambda"),
                Parameter.real("lInt", 0, 1, 0, "intrinsic limit L_int"),
                Parameter.real("gammaCs", 0, 1, 0, "static cost gamma C_s"),
                Parameter.real("v0", 0.1, 10, 4, "M4 prior variance (h = sigma2 = g = 1, so J = 1, K = 1)"));
        return Claim.builder(ID)
                .title("P8 — Budget-optimal probing depth c* = (αK/(γλ))^1/(α+1)^ (Thm. 6.1; M3, M4)")
                .statement("Minimising L(c) + gamma (C_s + lambda c) over the probe depth gives c* = (alpha K/(gamma lambda))^(1/(alpha+1)): in M3 the exact "
                        + "discrete optimum is ceil(c* - t0), its elasticities are +-1/(alpha+1), it ignores L_int and C_s, and in M4 the continuous optimum is c* - 1/(v0 J).")
                .asciidoc("""
                        *Paper [PS] (Thm. 6.1), also in an independent arXiv digest:* with V~opt~ = Kc^−α^, minimising L(c) + γ(C~s~ + λc) gives
                        |dV~opt~/dc|~c*~ = γλ, i.e. c* = (αK/(γλ))^1/(α+1)^; c* depends only on (α, K, γ, λ).

                        *Reconstruction [R ✓num] (budget-optimal stopping on the theory page):* in M3, J(c+1) − J(c) = −qη~0~²(c + t~0~)^−2ρ^ + γλ, so the exact discrete optimum is
                        max(0, ⌈c* − t~0~⌉) (αK = qη~0~², α + 1 = 2ρ); ∂log c*/∂log K = 1/(α+1) = −∂log c*/∂log(γλ); J* = L~int~ + γC~s~ + γλc*(α+1)/α.
                        In M4 (scalar), the continuous optimum is c* − 1/(v~0~J).

                        Checked against ground truth computed without the formula (independent): (a) the argmin of J over the integers (every
                        integer up to 2·10^5^, beyond that bisection on the sign of J(c+1) − J(c), J convex) is one of the integers next to the
                        continuous minimiser x = c* − t~0~, {⌊x⌋, ⌈x⌉} (J's increment increases and changes sign at x, so the argmin is ⌈x⌉, or ⌊x⌋
                        at a tie; floating point adds only integers within its round-off window of x), gap 0 inside the set; (a′) the continuous
                        minimiser itself, the real root of J's increment γλ − qη~0~²(c + t~0~)^−2ρ^ by Brent, equals c* to Brent's bracket and
                        round-off (the set check resolves one step, coarse when c* − t~0~ is small); (b) finite-difference
                        elasticities (factor e^±0.5^) of the brute-force optimum, for c* ≥ 10^3^, equal ±1/(α+1) within the rounding of the discrete
                        optima, (2/c~up~ + 2/c~down~)/(2·0.5); (d) M4's continuous argmin (Brent root of J') equals c* − 1/(v~0~J); the reconstruction's
                        reference values to their printed digits. (c) the brute-force argmin is unchanged when L~int~ or C~s~ change: both sides are
                        brute force, so it is marked internal consistency. The reconstruction's J* values (exact 0.0138960, envelope 0.0139055)
                        include a constant L~int~ + γC~s~ = 0.002 that it does not state; they are reproduced with that constant.
                        Figure F4′ (budget-optimal against fixed-depth probing) needs Algorithm-1 fits of simulated probes, so it is drawn under P12
                        (`risk.phase-diagram-regimes`), which runs those probes.
                        """)
                .provenance("paper [PS] Thm. 6.1; exact discrete optimum in M3 and continuous optimum in M4 are the reconstruction [R ✓num]")
                .tolerance("the argmin within the integers next to c* - t0 (derived; gap 0 inside); Brent's bracket and round-off for the continuous minimiser; the rounding of the discrete optima for elasticities; "
                        + "Brent's bracket and round-off for M4; printed digits")
                .cites("risk-p8")
                .uses("cstar-check", "jstar-check", "cstar-elasticities-check", "m3-discrete-check", "m3-discrete-reference-check", "kalman-budget-check")
                .reads("c*", "J*", "M3 optimal depth", "M4 continuous optimum")
                .space(space)
                .tries(200, 500, 2000)
                .check((p, ctx) -> check(model, p))
                .build();
    }

    static Evidence check(RiskTheoryModel model, Params p) {
        M3Task task = new M3Task(p.real("rho"), p.real("eta0"), p.real("t0"), p.real("q"), 0, Double.POSITIVE_INFINITY);
        double gl = Math.pow(10, p.real("log10GammaLambda")), lInt = p.real("lInt"), gCs = p.real("gammaCs");
        Evidence e = new Evidence();
        long opt = argmin(task, gl, lInt, gCs);
        double predicted = model.budget().m3OptimalDepth(task, gl);
        e.compare(argminInSet(task, model.budget().m3ContinuousOptimum(task, gl), gl, lInt, gCs, opt));
        continuousOptimum(model, task, gl, e);
        e.diagnostic("c* (model), brute-force argmin", Num.sig(model.budget().cStar(model.m3().alpha(task), model.m3().k(task), gl), 6) + ", " + opt);
        if (opt + task.t0 >= 1000) {
            double h = 0.5;
            double cUp = argmin(task.withQ(task.q * Math.exp(h)), gl, lInt, gCs) + task.t0, cDown = argmin(task.withQ(task.q * Math.exp(-h)), gl, lInt, gCs) + task.t0;
            double elasticityK = (Math.log(cUp) - Math.log(cDown)) / (2 * h);
            double cUpG = argmin(task, gl * Math.exp(h), lInt, gCs) + task.t0, cDownG = argmin(task, gl * Math.exp(-h), lInt, gCs) + task.t0;
            double elasticityG = (Math.log(cUpG) - Math.log(cDownG)) / (2 * h);
            double alpha = model.m3().alpha(task), k = model.m3().k(task);
            double predK = (Math.log(model.budget().cStar(alpha, k * Math.exp(h), gl)) - Math.log(model.budget().cStar(alpha, k * Math.exp(-h), gl))) / (2 * h);
            double predG = (Math.log(model.budget().cStar(alpha, k, gl * Math.exp(h))) - Math.log(model.budget().cStar(alpha, k, gl * Math.exp(-h)))) / (2 * h);
            // each brute-force optimum + t0 is within 2 steps of the continuous c* (ceil, and a floating tie), so its log within 2/c
            String why = "rounding of the discrete optima: |d log c| <= 2/c at each end, over 2h = 1";
            e.compare(Tolerance.derived((2 / cUp + 2 / cDown) / (2 * h), why).compare("(b) elasticity dlog c*/dlog K (brute force, K x e^+-0.5)", predK, elasticityK));
            e.compare(Tolerance.derived((2 / cUpG + 2 / cDownG) / (2 * h), why).compare("(b) elasticity dlog c*/dlog(gamma lambda) (brute force)", predG, elasticityG));
        } else {
            e.diagnostic("(b) elasticities", "not checked: c* = " + Num.fmt(opt + task.t0) + " < 1e3");
        }
        long shifted = argmin(task, gl, lInt + 1, gCs + 0.5);
        e.compare(Tolerance.derived(1, "exact in real arithmetic (the constants cancel in J(c+1) - J(c)); one step allows a floating-point tie")
                .compare("(c) argmin with L_int + 1 and gamma C_s + 0.5 vs argmin", opt, shifted).consistency());
        m4(model, p.real("v0"), gl, e);
        references(model, e);
        if (opt > 0) {
            double[] x = new double[61], j = new double[61];
            for (int k = 0; k <= 60; k++) {
                x[k] = Math.max(1, Math.pow(10, Math.log10(opt + 1.0) * (k / 30.0)));
                j[k] = objective(task, x[k], gl, lInt, gCs);
            }
            String plot = "P8 objective J(c) = L(c) + gamma (C_s + lambda c) (M3, this try)";
            e.series(Series.theory(plot, "J(c)", "probe depth c", "J(c)", x, j).withLogAxes(true, false));
            e.series(Series.simulation(plot, "brute-force argmin", "probe depth c", "J(c)", new double[] {Math.max(1, opt)},
                    new double[] {objective(task, Math.max(1, opt), gl, lInt, gCs)}, null).withLogAxes(true, false));
            double cm = Math.max(1, predicted);
            e.series(Series.simulation(plot, "ceil(c* - t0) (Thm. 6.1)", "probe depth c", "J(c)", new double[] {cm},
                    new double[] {objective(task, cm, gl, lInt, gCs)}, null).withLogAxes(true, false));
        }
        return e;
    }

    /**
     * (a) The brute-force integer argmin against the integers next to the predicted continuous minimiser x = c* - t0.
     * J's increment J(c+1) - J(c) = gamma lambda - q eta_c^2 increases with c and, read at real c, changes sign at x, so
     * J decreases up to ceil(x) and increases after: the integer argmin is ceil(x), and floor(x) when x is an integer
     * (a tie). Floating point blurs this only where the increment is below its round-off: the brute force compares J values
     * to about 4u|J| (bisection compares the increment itself, to 4u gamma lambda), and the increment grows by
     * J'' = 2 rho gamma lambda / c* per unit c at the crossing, so the argmin can also sit at an integer within
     * w = 4u|J| c* / (2 rho gamma lambda) of x, and x itself carries 8u c* of round-off. The predicted set is the integers in
     * [floor(x - w'), ceil(x + w')], w' = w + 8u c*, floored at 0 (normally {floor(x), ceil(x)}); the gap is the distance
     * of the argmin from that set, 0 inside it, and any miss is at least one step, so the tolerance is half a step.
     */
    static Comparison argminInSet(M3Task t, double x, double gl, double lInt, double gCs, long opt) {
        double cStar = x + t.t0, jScale = objective(t, Math.max(0, x), gl, lInt, gCs) + lInt + gCs;
        double w = (opt <= EXHAUSTIVE ? 4 * Tolerance.UNIT_ROUNDOFF * jScale : 4 * Tolerance.UNIT_ROUNDOFF * gl) * cStar / (2 * t.rho * gl)
                + 8 * Tolerance.UNIT_ROUNDOFF * cStar;
        double lo = Math.max(0, Math.floor(x - w)), hi = Math.max(0, Math.ceil(x + w));
        double nearest = Math.min(Math.max(opt, lo), hi);
        String why = "J's increment gamma lambda - q eta_c^2 increases and changes sign at x = c* - t0 = " + Num.sig(x, 8) + ", so the integer argmin is "
                + "ceil(x) (floor(x) at a tie); floating point adds the integers within w = " + Num.sig(w, 2) + " of x (round-off of J over the growth "
                + "2 rho gamma lambda/c* of its increment, plus that of x): predicted set [" + Num.fmt(lo) + ", " + Num.fmt(hi) + "], gap = distance "
                + "from it; the argmin is an integer, so any miss is >= 1 step and half a step is the tolerance";
        return new Comparison("(a) brute-force argmin_c J(c) vs the integers next to the continuous minimiser c* - t0 (floored at 0)", nearest, opt,
                Math.abs(opt - nearest), 0.5, why);
    }

    /**
     * (a') The continuous minimiser itself: the real root y = c + t0 of J's increment gamma lambda - q eta0^2 y^(-2 rho),
     * from the schedule alone (Brent), against the theory's c*. Finer than (a), which resolves one step only.
     */
    private static void continuousOptimum(RiskTheoryModel model, M3Task t, double gl, Evidence e) {
        DoubleUnaryOperator increment = y -> gl - t.q * t.eta0 * t.eta0 * Math.pow(y, -2 * t.rho);
        double lo = 1, hi = 1;
        while (increment.applyAsDouble(lo) >= 0) lo /= 2;
        while (increment.applyAsDouble(hi) < 0) hi *= 2;
        double root = new BrentSolver(1e-13, 1e-15).solve(10_000, increment::applyAsDouble, lo, hi);
        double predicted = model.budget().cStar(model.m3().alpha(t), model.m3().k(t), gl);
        // Brent stops when the half bracket is <= 2e-13 y + 1e-15 (so within twice that); the increment's round-off (~4u gamma lambda, both
        // terms are ~gamma lambda at the root) over its slope 2 rho gamma lambda / y moves the root by 2u y/rho; c* = pow(...) rounds ~8 times
        double tol = 2 * (2e-13 * root + 1e-15) + (2 / t.rho + 8) * Tolerance.UNIT_ROUNDOFF * root;
        e.compare(Tolerance.derived(tol, "Brent's bracket 2(2e-13 y + 1e-15), plus the round-off of the increment at its root (2u y/rho) and of c* (8u c*)")
                .compare("(a') continuous minimiser of J: root of gamma lambda - q eta(c)^2 (Brent, as c + t0) vs c*", predicted, root));
    }

    /** J(c) with the exact tail V(c) = q eta0^2 zeta(2 rho, c + t0) of the schedule (ground truth). */
    static double objective(M3Task t, double c, double gl, double lInt, double gCs) {
        return lInt + gCs + t.remainingNoise(c) + gl * c;
    }

    /**
     * Argmin of J over the integers from J's definition only (never from a formula for c*): J(c+1) - J(c) =
     * gamma lambda - q eta_c^2 exactly (V is the tail sum of the schedule's q eta_t^2), and these differences increase,
     * so J is convex. Find U with J(U+1) >= J(U) by doubling; for U <= {@link #EXHAUSTIVE} evaluate J at every c in
     * [0, U+1] and take the first minimum (brute force); beyond, bisect on the sign of the difference, because there
     * J(c +- 2) - J(c) ~ gamma lambda / c falls below the double resolution of J itself.
     */
    static long argmin(M3Task t, double gl, double lInt, double gCs) {
        long u = 1;
        while (increment(t, u, gl) < 0) u *= 2;
        if (u <= EXHAUSTIVE) {
            double v = t.remainingNoise(0), best = Double.POSITIVE_INFINITY;
            long at = 0;
            for (long c = 0; c <= u + 1; c++) {
                double j = lInt + gCs + v + gl * c;
                if (j < best) { best = j; at = c; }
                double step = t.stepSize(c);
                v -= t.q * step * step;
            }
            return at;
        }
        long lo = u / 2, hi = u; // increment(lo) < 0 <= increment(hi)
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            if (increment(t, mid, gl) < 0) lo = mid; else hi = mid;
        }
        return hi;
    }

    /** J(c+1) - J(c) = gamma lambda - q eta_c^2 (L_int and C_s cancel). */
    static double increment(M3Task t, long c, double gl) {
        double step = t.stepSize(c);
        return gl - t.q * step * step;
    }

    /** M4 scalar (h = sigma2 = g = 1): root of J'(c) = -J g^2/(1/v0 + cJ)^2 + gamma lambda by Brent. */
    private static void m4(RiskTheoryModel model, double v0, double gl, Evidence e) {
        M4Task t = M4Task.scalar(1, 1, 1, v0, 0);
        double root;
        if (-1 / Math.pow(1 / v0, 2) + gl >= 0) root = 0;
        else root = new BrentSolver(1e-13, 1e-15).solve(1000, c -> -1 / Math.pow(1 / v0 + c, 2) + gl, 0, 10 / Math.sqrt(gl));
        double predicted = Math.max(0, model.budget().m4ContinuousOptimum(t, gl));
        // Brent (relative accuracy 1e-13, absolute 1e-15) stops when the half bracket is <= 2e-13 |c| + 1e-15, so the root is within
        // twice that; round-off of J' (~4u gamma lambda) moves its root by 4u gamma lambda/|J''| = 2u/sqrt(gamma lambda); c* - 1/(v0 J) rounds ~8 times
        double tol = 4e-13 * root + 2e-15 + Tolerance.UNIT_ROUNDOFF * (2 / Math.sqrt(gl) + 8 * Math.max(root, 1 / v0));
        e.compare(Tolerance.derived(tol, "Brent's bracket 2(2e-13 c + 1e-15), plus the round-off of J' (2u/sqrt(gamma lambda)) and of c* - 1/(v0 J)")
                .compare("(d) M4 continuous argmin (Brent on J') vs c* - 1/(v0 J), v0 = " + Num.fmt(v0), predicted, root));
    }

    private static void references(RiskTheoryModel model, Evidence e) {
        M3Task ref = new M3Task(0.75, 0.5, 10, 1, 0, Double.POSITIVE_INFINITY);
        double gl = 1e-6, alpha = model.m3().alpha(ref), k = model.m3().k(ref);
        e.compare(Tolerance.printed("3968.50").compare("reference c* (q = 1, eta0 = 0.5, t0 = 10, rho = 0.75, gamma lambda = 1e-6)", 3968.50,
                model.budget().cStar(alpha, k, gl)));
        e.compare(Tolerance.derived(0.5, "an integer").compare("reference argmin: ceil(c* - t0) vs the reconstruction's brute-force 3959", 3959,
                model.budget().m3OptimalDepth(ref, gl)));
        long opt = argmin(ref, gl, 0, 0);
        e.compare(Tolerance.printed("0.0138960").compare("reference exact J* (with the inferred constant 0.002)", 0.0138960, objective(ref, opt, gl, 0.002, 0)));
        e.compare(Tolerance.printed("0.0139055").compare("reference envelope J* (with the inferred constant 0.002)", 0.0139055,
                model.budget().envelopeMinimum(0.002, 0, alpha, k, gl)));
        M4Task m4 = M4Task.scalar(1, 1, 1, 4, 0.01);
        e.compare(Tolerance.printed("100.0").compare("reference M4 c* (K = 1, gamma lambda = 1e-4)", 100.0, model.budget().cStar(model.m4().alpha(), model.m4().k(m4), 1e-4)));
        e.compare(Tolerance.printed("99.75").compare("reference M4 continuous optimum (v0 J = 4)", 99.75, model.budget().m4ContinuousOptimum(m4, 1e-4)));
    }
}
