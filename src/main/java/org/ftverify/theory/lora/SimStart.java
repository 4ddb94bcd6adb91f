package org.ftverify.theory.lora;

/** How a simulation starts (theory page, lora-model random init, lora-claims warm start); applied to a fresh {@link LoraSgd}. */
record SimStart(boolean warm, double u0, double m0) {

    /** v uniform on the sphere, u = u0 (the authors' init is u0 = 1/d²). */
    static SimStart random(double u0) {
        return new SimStart(false, u0, Double.NaN);
    }

    /** v = m0 e1 + sqrt(1 - m0²) e2, u = u0. */
    static SimStart warm(double u0, double m0) {
        return new SimStart(true, u0, m0);
    }

    LoraSgd apply(LoraSgd sim) {
        return warm ? sim.startWarm(u0, m0) : sim.startRandom(u0);
    }

    String describe() {
        return warm ? String.format("warm start (u0, m0) = (%g, %g)", u0, m0) : String.format("random v0 on the sphere, u0 = %g", u0);
    }
}
