package org.ftverify.ode;

/** Right-hand side dy/dt = f(t, y) of an autonomous or non-autonomous ODE, written into {@code dydt}. */
@FunctionalInterface
public interface OdeSystem {
    void derivatives(double t, double[] y, double[] dydt);
}
