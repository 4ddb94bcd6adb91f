package org.ftverify.core;

/**
 * A curve for the report: a theory line or simulation points (optionally with error-bar half-widths).
 * Series with the same {@code plot} name are drawn on one figure.
 */
public record Series(String plot, String name, Role role, String xLabel, String yLabel, boolean logX, boolean logY,
                     double[] x, double[] y, double[] err) {
    public enum Role { THEORY, SIMULATION }

    public Series {
        if (x.length != y.length) throw new IllegalArgumentException("series '" + name + "': x and y lengths differ");
        if (err != null && err.length != y.length) throw new IllegalArgumentException("series '" + name + "': err length differs");
    }

    public static Series theory(String plot, String name, String xLabel, String yLabel, double[] x, double[] y) {
        return new Series(plot, name, Role.THEORY, xLabel, yLabel, false, false, x, y, null);
    }

    public static Series simulation(String plot, String name, String xLabel, String yLabel, double[] x, double[] y, double[] err) {
        return new Series(plot, name, Role.SIMULATION, xLabel, yLabel, false, false, x, y, err);
    }

    public Series withLogAxes(boolean logX, boolean logY) {
        return new Series(plot, name, role, xLabel, yLabel, logX, logY, x, y, err);
    }
}
