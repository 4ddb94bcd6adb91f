package org.ftverify.theory.risk;

import java.util.List;
import org.ftverify.core.CheckContext;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.Num;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Params;
import org.ftverify.core.Series;
import org.ftverify.evidence.Budget;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.SeedParallel;
import org.ftverify.evidence.Tolerance;
import org.ftverify.ode.OdeSolver;
import org.ftverify.ode.Trajectory;
import org.ftverify.simd.GaussianSampler;

/**
 * P5 — the exact expected risk of real minibatch SGD on Gaussian linear regression (M2): the second-moment
 * recursion with the fourth-moment terms predicts E_t, its fixed point is the Sherman–Morrison form, E_infinity
 * scales as eta sigma^2 tr H/(4b) for small eta, and the continuous-time dynamics (Hipparchus) is the recursion's
 * small-step limit.
 */
final class LinearRegressionSgdRiskClaim {
    static final String ID = "risk.linear-regression-sgd-risk";

    private LinearRegressionSgdRiskClaim() {}

    static Claim build(RiskTheoryModel model) {
        ParameterSpace space = ParameterSpace.of(
                Parameter.integer("d", 8, 128, 16, true, "dimension; h_i = i^-beta"),
                Parameter.real("beta", 0.5, 2, 1, "spectral decay of H"),
                Parameter.choice("b", List.of("4", "1", "2", "8", "32"), "batch size"),
                Parameter.real("etaFraction", 0.05, 0.5, 0.3, "eta as a fraction of the stability limit (the reconstruction's 0.8 is cut to 0.5 so that "
                        + "the per-run risk keeps a finite variance, which the 5-SE tolerance needs; see the claim text)"),
                Parameter.real("sigma2", 0.01, 1, 0.25, "label-noise variance"),
                Parameter.integer("T", 100, 2000, 400, true, "steps"));
        return Claim.builder(ID)
                .title("P5 — Exact expected risk of minibatch SGD on linear regression (M2)")
                .statement("For online minibatch SGD on Gaussian linear regression from a pretrained point, the expected excess risk follows the "
                        + "exact second-moment recursion with the fourth-moment terms, whose fixed point is the Sherman–Morrison form.")
                .asciidoc("""
                        *Reconstruction [R ✓num] (model M2):* with E[xx'Axx'] = 2HAH + tr(HA)H for Gaussian x, in H's eigenbasis
                        m~t+1~ = [(1 − ηh)² + η²h²/b]∘m~t~ + (η²/b) h (h'm~t~) + (η²σ²/b) h and E~t~ = ½h'm~t~.
                        Stationary: u~i~ = 1/(2η − η²h~i~(1 + 1/b)), h'm~∞~ = (η²σ²/b)(h'u)/(1 − (η²/b)h'u); stable iff η < 2/(h~max~(1 + 1/b))
                        and (η²/b)h'u < 1. Small η: E~∞~ b/(ησ² tr H/4) lies in [1, 1/((1−x)(1−y))] with x = ηh~max~(1+1/b)/2,
                        y = η tr H/(2b(1−x)), so it tends to 1.

                        Checked: Monte Carlo E~t~ at t = T/4, T/2, T (full-level N = 2·10^4^; δ~0~ ~ N(0, 0.25 I) drawn once per try); the fixed point
                        against 2^60^ iterations of the recursion (repeated squaring of its affine map) to 10^−10^; the reconstruction's stationary references;
                        the Hipparchus solution of the continuous dynamics dm/dτ = (m~t+1~ − m~t~)/η (τ = ηt) against the Richardson limit of the recursion.
                        Independent: the Monte Carlo E~t~, the printed references, and the *drift check*: from random states δ, the mean of single
                        minibatch-SGD increments (δ'~i~² − δ~i~²)/η equals the theory's drift at m = δ² per component and for the excess risk
                        (CLT band; one step's expectation is exact). Internal consistency (the theory against other forms of itself): the
                        Sherman–Morrison fixed point against iterating the recursion, the small-η interval, and the ODE against Euler on the same drift.
                        The quick level simulates with an O(b + d) kernel that is exact in law (see M2Simulator); standard and deep draw the
                        b feature vectors literally.

                        *Domain (found while building the check):* the reconstruction lets η go to 0.8 of the stability limit, but the 5-SE tolerance needs
                        the per-run excess risk to have a finite variance, i.e. a stable fourth moment of δ~t~. For one mode the fourth moment of
                        1 − (η/b)Σ~j~x~j~² is stable only for ηh < 0.383 when b = 1, which is 0.575 of the second-moment limit 2/3 (0.63, 0.70, 0.77, 0.91 of
                        it for b = 2, 4, 8, 32). Beyond that the SE estimates are meaningless: at 0.8 of the limit, b ∈ {1, 2}, β = 2 the simulated mean
                        missed the exact E~t~ by 3.6–3.9 estimated SE with single runs carrying up to 7% of the total. The search therefore stops at 0.5.
                        """)
                .provenance("reconstruction [R ✓num] (model M2)")
                .tolerance("5 MC SE for E_t and the drift; round-off times the fixed point's condition number; exact interval for the small-eta ratio; "
                        + "printed digits; Richardson estimate for the ODE")
                .cites("risk-p5")
                .uses("m2-fourth-moment", "m2-recursion-check", "m2-sherman-morrison", "m2-eigenbasis", "m2-stationary-check", "m2-small-eta-check",
                        "m2-reference")
                .reads("M2 E_t", "M2 drift", "E_inf")
                .space(space)
                .tries(3, 6, 12)
                .check((p, ctx) -> check(model, p, ctx))
                .build();
    }

    static M2Task task(Params p, long seed) {
        int d = p.integer("d"), b = Integer.parseInt(p.choice("b"));
        double[] h = M2Task.powerLawSpectrum(d, p.real("beta"));
        double eta = p.real("etaFraction") * M2Task.stabilityLimit(h, b);
        double[] d0 = new double[d];
        new GaussianSampler(seed).fill(d0, d);
        for (int i = 0; i < d; i++) d0[i] *= 0.5;
        return new M2Task(h, b, eta, p.real("sigma2"), p.integer("T"), d0);
    }

    static Evidence check(RiskTheoryModel model, Params p, CheckContext ctx) {
        M2Task task = task(p, ctx.subSeed(0));
        Evidence e = new Evidence();
        monteCarlo(model, task, ctx, e);
        M2DriftCheck.run(model, task, kernel(ctx), ctx, e);
        stationary(model, task, e);
        smallEta(model, task, e);
        references(model, e);
        ode(model, task, e);
        return e;
    }

    /** The quick level simulates with the O(b + d) kernel that is exact in law; standard and deep draw the b features literally. */
    static M2Simulator.Kernel kernel(CheckContext ctx) {
        return ctx.level().pick(M2Simulator.Kernel.PROJECTED, M2Simulator.Kernel.LITERAL, M2Simulator.Kernel.LITERAL);
    }

    private static void monteCarlo(RiskTheoryModel model, M2Task task, CheckContext ctx, Evidence e) {
        int T = task.horizon, d = task.dimension(), b = task.batch;
        int[] times = {T / 4, T / 2, T};
        M2Simulator.Kernel kernel = kernel(ctx);
        double work = kernel == M2Simulator.Kernel.PROJECTED ? 1.5 * T * (d + 2.0 * b) : 2.0 * T * b * d;
        int n = Budget.units(ctx.level(), 20_000, work, 2000);
        double[][] risk = new double[times.length][n];
        M2Simulator sim = new M2Simulator(task);
        long seed = ctx.subSeed(1);
        SeedParallel.chunks(n, (from, to) -> {
            double[] delta = new double[d];
            double[][] s = sim.scratch();
            for (int i = from; i < to; i++) {
                GaussianSampler g = GaussianSampler.stream(seed, i);
                sim.start(delta);
                int t = 0;
                for (int k = 0; k < times.length; k++) {
                    sim.advance(delta, times[k] - t, kernel, s, g);
                    t = times[k];
                    risk[k][i] = sim.excessRisk(delta);
                }
            }
        });
        double[] predicted = model.m2().excessRisk(task, times);
        double[] x = new double[times.length], y = new double[times.length], se = new double[times.length];
        double worstRel = 0;
        for (int k = 0; k < times.length; k++) {
            e.compare(MonteCarloEvidence.mean("E_t vs exact recursion, t = " + times[k], predicted[k], risk[k], "runs", 16 * d));
            x[k] = times[k];
            y[k] = SampleStats.mean(risk[k]);
            se[k] = SampleStats.se(risk[k]);
            worstRel = Math.max(worstRel, se[k] / predicted[k]);
        }
        e.diagnostic("runs N, kernel", n + ", " + kernel + " (full level N = 2e4)");
        e.diagnostic("largest relative SE of E_t", Num.percent(worstRel));
        e.diagnostic("eta, stability limit, batch", Num.fmt(task.eta) + ", " + Num.fmt(M2Task.stabilityLimit(task.h, b)) + ", " + b);
        int k = 80;
        int[] grid = new int[k + 1];
        double[] gx = new double[k + 1];
        for (int j = 0; j <= k; j++) {
            grid[j] = (int) Math.round((double) j * T / k);
            gx[j] = grid[j];
        }
        String plot = "P5 expected excess risk of minibatch SGD (M2, this try)";
        e.series(Series.theory(plot, "exact recursion", "step t", "E_t", gx, model.m2().excessRisk(task, grid)));
        e.series(Series.simulation(plot, "SGD simulation (±1 SE)", "step t", "E_t", x, y, se));
    }

    /** Sherman–Morrison against 2^60 steps of the model's own recursion (affine map squared 60 times). */
    private static void stationary(RiskTheoryModel model, M2Task task, Evidence e) {
        int d = task.dimension(), n = d + 1;
        double[] zero = new double[d], base = new double[d], unit = new double[d], col = new double[d];
        model.m2().step(task, zero, base);
        double[][] m = new double[n][n];
        for (int k = 0; k < d; k++) {
            unit[k] = 1;
            model.m2().step(task, unit, col);
            unit[k] = 0;
            for (int i = 0; i < d; i++) m[i][k] = col[i] - base[i];
        }
        for (int i = 0; i < d; i++) m[i][d] = base[i];
        m[d][d] = 1;
        for (int sq = 0; sq < 60; sq++) m = multiply(m, m);
        double[] mInf = new double[d];
        for (int i = 0; i < d; i++) {
            double v = m[i][d];
            for (int k = 0; k < d; k++) v += m[i][k] * task.delta0[k] * task.delta0[k];
            mInf[i] = v;
        }
        double iterated = M2Theory.halfDot(task.h, mInf);
        // the fixed point's condition number is 1/(1 - largest multiplier) ~ 1/(2 eta h_min); each of the 60 squarings rounds (d+1) times per entry
        double kappa = 1 / (2 * task.eta * Checks.min(task.h));
        e.compare(Tolerance.roundOff(kappa, 60 * (d + 1), iterated)
                .compare("stationary E_inf: Sherman–Morrison vs 2^60 iterations of the recursion", model.m2().stationaryRisk(task), iterated).consistency());
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                if (aik == 0) continue;
                for (int j = 0; j < n; j++) c[i][j] += aik * b[k][j];
            }
        }
        return c;
    }

    /** E_inf b/(eta sigma^2 tr H/4) at eta_s = 1e-4 times the stability limit lies in the exact interval [1, 1/((1-x)(1-y))]. */
    private static void smallEta(RiskTheoryModel model, M2Task task, Evidence e) {
        double etaS = 1e-4 * M2Task.stabilityLimit(task.h, task.batch), b = task.batch, trH = task.traceH();
        M2Task small = new M2Task(task.h, task.batch, etaS, task.sigma2, task.horizon, task.delta0);
        double ratio = model.m2().stationaryRisk(small) * b / (etaS * task.sigma2 * trH / 4);
        double x = etaS * Checks.max(task.h) * (1 + 1 / b) / 2, y = etaS * trH / (2 * b * (1 - x));
        e.compare(Comparison.interval("small-eta scaling E_inf b/(eta sigma^2 tr H/4) at eta = 1e-4 eta_max", ratio, 1 - 1e-12,
                1 / ((1 - x) * (1 - y)) + 1e-12, "exact interval [1, 1/((1-x)(1-y))] from eta u_i in [1/2, 1/(2(1-x))]; 1e-12 margin for "
                        + "the round-off of a sum of d positive terms").consistency());
    }

    private static void references(RiskTheoryModel model, Evidence e) {
        M2Task a = new M2Task(M2Task.powerLawSpectrum(16, 1), 4, 0.05, 0.25, 400, new double[16]);
        M2Task b = new M2Task(M2Task.powerLawSpectrum(64, 1), 8, 0.05, 0.25, 400, new double[64]);
        e.compare(Tolerance.printed("0.0027396").compare("reference E_inf (d = 16, b = 4, eta = 0.05, sigma2 = 0.25)", 0.0027396, model.m2().stationaryRisk(a)));
        e.compare(Tolerance.printed("1.8998e-3").compare("reference E_inf (d = 64, b = 8, eta = 0.05, sigma2 = 0.25)", 1.8998e-3, model.m2().stationaryRisk(b)));
    }

    /**
     * The continuous dynamics dm/dtau = F(m), tau = eta t, whose Euler scheme with step eta is the recursion. Hipparchus'
     * solution at tau = eta t is compared with the Richardson extrapolation 2 E(k/2) - E(k) of Euler at a step
     * k = eta/2^j with k h_max <= 0.05; tolerance = |E(k/2) - E(k)|, the first-order error estimate, which bounds the
     * O(k^2) remainder of the extrapolation in this regime.
     */
    private static void ode(RiskTheoryModel model, M2Task task, Evidence e) {
        int d = task.dimension(), T = task.horizon;
        double[] m0 = new double[d];
        for (int i = 0; i < d; i++) m0[i] = task.delta0[i] * task.delta0[i];
        double tauEnd = task.eta * T;
        Trajectory tr = OdeSolver.integrate((tau, y, dy) -> System.arraycopy(model.m2().drift(task, y), 0, dy, 0, d), 0, m0, tauEnd,
                OdeSolver.Settings.defaults().withTolerance(1e-12, 1e-16), List.of());
        int halvings = (int) Math.max(0, Math.ceil(Math.log(task.eta * Checks.max(task.h) / 0.05) / Math.log(2)));
        double k = task.eta / Math.pow(2, halvings);
        int[] times = {T / 4, T / 2, T};
        double[] coarse = euler(model, task, m0, k, times, 1 << halvings), fine = euler(model, task, m0, k / 2, times, 2 << halvings);
        for (int j = 0; j < times.length; j++) {
            double ode = M2Theory.halfDot(task.h, tr.at(task.eta * times[j]));
            double richardson = 2 * fine[j] - coarse[j], estimate = Math.abs(fine[j] - coarse[j]);
            e.compare(Tolerance.derived(Math.max(estimate, 1e-9 * Math.abs(ode)), "first-order Euler error estimate |E(k/2) - E(k)| at k = eta/2^"
                    + halvings + " (k h_max <= 0.05), floor 1e-9 relative for DP853 at 1e-12")
                    .compare("continuous M2 dynamics (Hipparchus) vs Richardson limit of the recursion, t = " + times[j], richardson, ode).consistency());
        }
    }

    /** Euler on the model's drift with step k; the values at tau = eta t_j (stepsPerT steps of k per SGD step). */
    private static double[] euler(RiskTheoryModel model, M2Task task, double[] m0, double k, int[] times, int stepsPerT) {
        double[] m = m0.clone(), f = new double[m.length], out = new double[times.length];
        long step = 0;
        for (int j = 0; j < times.length; j++) {
            long target = (long) times[j] * stepsPerT;
            for (; step < target; step++) {
                System.arraycopy(model.m2().drift(task, m), 0, f, 0, m.length);
                for (int i = 0; i < m.length; i++) m[i] += k * f[i];
            }
            out[j] = M2Theory.halfDot(task.h, m);
        }
        return out;
    }
}
