package org.ftverify.theory.lora;

/**
 * The fixed physics of one LoRA SGD run (theory page, lora-model-1.4): activation (student = teacher), pre-training strength mu,
 * EFFECTIVE learning rate gamma = eta d / B (for He_k the caller passes gamma0/(k!k)), dimension d and batch B.
 * The step size follows as eta = gamma B / d, so one step advances alpha by B / d.
 */
public record SimSetup(Activation activation, double mu, double gamma, int d, int batch) {

    public SimSetup {
        if (activation == null) throw new IllegalArgumentException("activation: must not be null");
        if (!(mu >= 0 && mu <= 1)) throw new IllegalArgumentException("mu: must lie in [0, 1], got " + mu);
        if (!(gamma > 0 && gamma <= 1e3)) throw new IllegalArgumentException("gamma: must lie in (0, 1000], got " + gamma);
        if (d < 2 || d > (1 << 22)) throw new IllegalArgumentException("d: must lie in [2, 4194304], got " + d);
        if (batch < 1 || batch > d) throw new IllegalArgumentException("batch: must lie in [1, d = " + d + "], got " + batch);
    }

    /** Setup for a Hermite (or any) activation from the base rate gamma0: gamma = gamma0 / lrNormalisation. */
    public static SimSetup ofBaseRate(Activation activation, double mu, double gamma0, int d, int batch) {
        if (activation == null) throw new IllegalArgumentException("activation: must not be null");
        return new SimSetup(activation, mu, gamma0 / activation.lrNormalisation(), d, batch);
    }

    /** SGD step size eta = gamma B / d. */
    public double eta() {
        return gamma * batch / d;
    }

    /** alpha advanced by one step: B / d. */
    public double alphaPerStep() {
        return (double) batch / d;
    }
}
