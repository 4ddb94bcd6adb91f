package org.ftverify.theory.dln;

import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.evidence.SampleStats;
import org.ftverify.evidence.Tolerance;
import org.ftverify.ode.Event;
import org.ftverify.ode.OdeSolver;
import org.ftverify.ode.Trajectory;

/** P9 (local rate) and P10 (escape time) of one decoupled coordinate, dβ/dt = √(k + 4β²)(β* − β), by Hipparchus. */
final class TimeScaleClaims {
    static final String RATE_ID = "dln.local-rate", ESCAPE_ID = "dln.escape-time";

    private TimeScaleClaims() {}

    static Claim localRate(DlnModel model) {
        return Claim.builder(RATE_ID)
                .title("P9 — Local convergence rate √(k + 4β*²)")
                .statement("Near its fixed point the decoupled coordinate converges like exp(−√(k + 4β*²) t): the log-slope of "
                        + "|β − β*| over the last decade before |β − β*| = 10⁻⁹|β*| equals −√(k + 4β*²).")
                .asciidoc("symja:[D(Sqrt(k + 4*b^2)*(bs - b), b) == -Sqrt(k + 4*bs^2)]")
                .provenance("[derived] (background, not from the paper)")
                .tolerance("nonlinear remainder of the rate over the window, 4|β*|·e_max/(k + 4β*²) relative, + integrator error")
                .cites("dln-p9").uses("dln-local-rate").reads("local_rate")
                .space(ParameterSpace.of(
                        Parameter.real("log10_k", -6, 0.6, -2, "log10 of k"),
                        Parameter.real("beta_star", 0.1, 3, 1, "fixed point β*")))
                .tries(10, 30, 100)
                .check((p, ctx) -> {
                    double k = Math.pow(10, p.real("log10_k")), bs = p.real("beta_star");
                    // Integrate the deviation e = β − β* (relative tolerance acts on e itself) from β = 0.
                    Trajectory tr = OdeSolver.integrate((t, y, dy) -> dy[0] = -Math.sqrt(k + 4 * (bs + y[0]) * (bs + y[0])) * y[0], 0,
                            new double[] {-bs}, 1e4, OdeSolver.Settings.defaults().withTolerance(1e-12, 1e-300),
                            List.of(new Event("e9", (t, y) -> Math.abs(y[0]) - 1e-9 * bs, true), new Event("e8", (t, y) -> Math.abs(y[0]) - 1e-8 * bs, false)));
                    double t0 = tr.eventTime("e8"), t1 = tr.eventTime("e9");
                    double[] ts = SampleStats.grid(t0, t1, (t1 - t0) / 20), le = new double[ts.length];
                    for (int j = 0; j < ts.length; j++) le[j] = Math.log(Math.abs(tr.at(ts[j])[0]));
                    double slope = SampleStats.fit(ts, le).slope(), rate = model.localRate(k, bs);
                    double eMax = 1e-8 * bs, exact = Math.sqrt(k + 4 * bs * bs);
                    Tolerance tol = Tolerance.derived(exact * (4 * bs * eMax / (k + 4 * bs * bs) + 4 * eMax * eMax / (k + 4 * bs * bs)),
                                    "nonlinear remainder of √(k+4β²) over |β − β*| ≤ 1e-8|β*|")
                            .plus(Tolerance.derived(exact * 1e-12 * 200, "integrator: rtol 1e-12 on e, ≤ 200 steps, relative to the rate"));
                    return new Evidence().compare(tol.compare("log-slope of |β − β*| vs −rate", -rate, slope)).diagnostic("fit window", t0 + " .. " + t1);
                })
                .build();
    }

    static Claim escapeTime(DlnModel model) {
        return Claim.builder(ESCAPE_ID)
                .title("P10 — Escape time from the small-initialisation saddle")
                .statement("With k = 4c² and β(0) = 0, c ≪ |β*|, the time to reach β*/2 is ln(2β*/c)/(2β*) up to −c/(2β*²) + "
                        + "O(c² ln(1/c)); the ln 2 comes from the deceleration phase.")
                .asciidoc("symja:[thalf == Log(2*bs/c)/(2*bs)]")
                .provenance("[derived][validated] (background, not from the paper)")
                .tolerance("first neglected term c/(2β*²), doubled, + event-location and integrator error")
                .cites("dln-p10").uses("dln-escape-exact", "dln-escape-series").reads("escape_time")
                .space(ParameterSpace.of(
                        Parameter.real("log10_c", -9, -3, -6, "log10 of the scale c"),
                        Parameter.real("beta_star", 0.5, 2, 1, "target β*")))
                .tries(10, 30, 100)
                .check((p, ctx) -> {
                    double c = Math.pow(10, p.real("log10_c")), bs = p.real("beta_star");
                    Trajectory tr = OdeSolver.integrate((t, y, dy) -> dy[0] = 2 * Math.sqrt(c * c + y[0] * y[0]) * (bs - y[0]), 0, new double[] {0},
                            100, OdeSolver.Settings.defaults().withTolerance(1e-12, 1e-300), List.of(Event.absReaches("half", 0, bs / 2, true)));
                    double observed = tr.eventTime("half");
                    Tolerance tol = Tolerance.derived(c / (bs * bs), "first correction c/(2β*²) of the exact integral (proof step dln-escape-series), doubled")
                            .plus(Tolerance.derived(1e-9 * observed, "event location 1e-12 and integrator rtol 1e-12 over ≤ 1e3 steps"));
                    return new Evidence().compare(tol.compare("time to β*/2", model.escapeTime(c, bs), observed));
                })
                .build();
    }
}
