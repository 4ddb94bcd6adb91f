package org.ftverify.ode;

import java.util.Collections;
import java.util.Map;
import org.hipparchus.ode.DenseOutputModel;

/**
 * The integrated solution: dense output over [t0, tEnd] (Dormand–Prince interpolation between steps, so sampling at
 * any t needs no re-integration), the times at which events fired, and step statistics.
 */
public final class Trajectory {
    private final DenseOutputModel dense;
    private final Map<String, Double> eventTimes;
    private final int evaluations;
    private final double minStepTaken;

    Trajectory(DenseOutputModel dense, Map<String, Double> eventTimes, int evaluations, double minStepTaken) {
        this.dense = dense;
        this.eventTimes = Collections.unmodifiableMap(eventTimes);
        this.evaluations = evaluations;
        this.minStepTaken = minStepTaken;
    }

    public double startTime() {
        return dense.getInitialTime();
    }

    /** Last time reached: tEnd, or the time of a stopping event. */
    public double endTime() {
        return dense.getFinalTime();
    }

    /** State at time t in [startTime, endTime]; outside that range is an error naming the range. */
    public double[] at(double t) {
        if (t < startTime() - 1e-12 || t > endTime() + 1e-12)
            throw new IllegalArgumentException("t = " + t + " outside the integrated range [" + startTime() + ", " + endTime() + "]");
        return dense.getInterpolatedState(Math.max(startTime(), Math.min(endTime(), t))).getPrimaryState();
    }

    /** Component {@code index} sampled at {@code n} equally spaced times from start to end. */
    public double[] sample(int index, double[] times) {
        double[] out = new double[times.length];
        for (int i = 0; i < times.length; i++) out[i] = at(times[i])[index];
        return out;
    }

    /** Time at which the named event first fired, or NaN if it never did. */
    public double eventTime(String name) {
        return eventTimes.getOrDefault(name, Double.NaN);
    }

    public int evaluations() {
        return evaluations;
    }

    public double minStepTaken() {
        return minStepTaken;
    }
}
