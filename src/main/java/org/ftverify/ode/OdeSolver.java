package org.ftverify.ode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ftverify.core.CheckAbort;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.DenseOutputModel;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventDetector;
import org.hipparchus.ode.events.ODEEventHandler;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

/**
 * Dormand–Prince 8(5,3) with dense output, g-function events, a cap on right-hand-side evaluations, and explicit
 * diagnostics: a NaN/Inf state, an exhausted evaluation cap or a collapsed step size raise
 * {@link CheckAbort#diverged}, so a failed integration is never read as a prediction.
 */
public final class OdeSolver {
    /** Tolerances and limits. Defaults: rel/abs 1e-10 (the spec's DP853 setting), 2e6 evaluations. */
    public record Settings(double relTol, double absTol, double maxStep, double minStep, int maxEvaluations) {
        public static Settings defaults() {
            return new Settings(1e-10, 1e-10, Double.POSITIVE_INFINITY, 1e-12, 2_000_000);
        }

        public Settings withMaxStep(double h) {
            return new Settings(relTol, absTol, h, minStep, maxEvaluations);
        }

        public Settings withTolerance(double rel, double abs) {
            return new Settings(rel, abs, maxStep, minStep, maxEvaluations);
        }
    }

    private OdeSolver() {}

    public static Trajectory integrate(OdeSystem system, double t0, double[] y0, double tEnd, Settings s, List<Event> events) {
        if (!(tEnd > t0)) throw new IllegalArgumentException("tEnd must exceed t0, got [" + t0 + ", " + tEnd + "]");
        double maxStep = Double.isInfinite(s.maxStep()) ? (tEnd - t0) : s.maxStep();
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(s.minStep(), maxStep, s.absTol(), s.relTol());
        integrator.setMaxEvaluations(s.maxEvaluations());
        DenseOutputModel dense = new DenseOutputModel();
        integrator.addStepHandler(dense);
        StepWatch watch = new StepWatch();
        integrator.addStepHandler(watch);
        Map<String, Double> fired = new LinkedHashMap<>();
        for (Event e : events) integrator.addEventDetector(new Detector(e, fired, Math.min(maxStep, (tEnd - t0) / 100)));
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return y0.length;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] d = new double[y.length];
                system.derivatives(t, y, d);
                return d;
            }
        };
        try {
            integrator.integrate(ode, new ODEState(t0, y0.clone()), tEnd);
        } catch (MathIllegalStateException e) {
            throw CheckAbort.diverged("ODE integration stopped near t = " + watch.lastTime + " after "
                    + integrator.getEvaluations() + " evaluations (cap " + s.maxEvaluations() + "): " + e.getMessage());
        } catch (MathIllegalArgumentException e) {
            throw CheckAbort.diverged("ODE step size collapsed below " + s.minStep() + " near t = " + watch.lastTime + ": " + e.getMessage());
        }
        if (watch.nonFinite) throw CheckAbort.diverged("ODE state became non-finite near t = " + watch.lastTime);
        return new Trajectory(dense, fired, integrator.getEvaluations(), watch.minStep);
    }

    /** Tracks the smallest step and whether the state stayed finite. */
    private static final class StepWatch implements ODEStepHandler {
        double lastTime = Double.NaN, minStep = Double.POSITIVE_INFINITY;
        boolean nonFinite;

        @Override
        public void handleStep(ODEStateInterpolator interpolator) {
            double a = interpolator.getPreviousState().getTime(), b = interpolator.getCurrentState().getTime();
            lastTime = b;
            minStep = Math.min(minStep, Math.abs(b - a));
            for (double v : interpolator.getCurrentState().getPrimaryState()) if (!Double.isFinite(v)) nonFinite = true;
        }
    }

    private static final class Detector implements ODEEventDetector {
        private final Event event;
        private final Map<String, Double> fired;
        private final AdaptableInterval maxCheck;
        private final BracketedUnivariateSolver<UnivariateFunction> solver = new BracketingNthOrderBrentSolver(1e-12, 1e-12, 1e-14, 5);

        Detector(Event event, Map<String, Double> fired, double maxCheck) {
            this.event = event;
            this.fired = fired;
            this.maxCheck = AdaptableInterval.of(maxCheck);
        }

        @Override
        public AdaptableInterval getMaxCheckInterval() {
            return maxCheck;
        }

        @Override
        public int getMaxIterationCount() {
            return 200;
        }

        @Override
        public BracketedUnivariateSolver<UnivariateFunction> getSolver() {
            return solver;
        }

        @Override
        public ODEEventHandler getHandler() {
            return (state, detector, increasing) -> {
                fired.putIfAbsent(event.name(), state.getTime());
                return event.stop() ? Action.STOP : Action.CONTINUE;
            };
        }

        @Override
        public double g(ODEStateAndDerivative state) {
            return event.g().applyAsDouble(state.getTime(), state.getPrimaryState());
        }
    }
}
