package org.ftverify.ode;

import java.util.function.ToDoubleBiFunction;

/**
 * A g-function event: it occurs when g(t, y) changes sign. {@code stop} ends the integration there (e.g. the escape
 * time of a search phase: |m| reaches a threshold).
 */
public record Event(String name, ToDoubleBiFunction<Double, double[]> g, boolean stop) {

    /** Event when |y[index]| first reaches {@code threshold}. */
    public static Event absReaches(String name, int index, double threshold, boolean stop) {
        return new Event(name, (t, y) -> Math.abs(y[index]) - threshold, stop);
    }
}
