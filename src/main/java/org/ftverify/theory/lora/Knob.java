package org.ftverify.theory.lora;

import org.ftverify.core.Num;

/**
 * One way to make the LoRA theory wrong on purpose, with its exact value: a mutant or a power probe is the exact
 * {@link LoraTheoryModel} with one knob turned (theory page, anchor lora-mutants). Each knob perturbs one family of
 * predictions, so the claims that read that family must reject the turned model.
 */
public enum Knob {
    /** τ(μ), hence every escape-time and growth-rate prediction, multiplied by this factor. */
    TAU_SCALE("tau x", 1),
    /**
     * τ(μ) of ReLU alone multiplied by this factor: the error P6 exists to catch (ReLU's saddle not exactly half-speed
     * linear), which a common {@link #TAU_SCALE} would cancel in P6's ratio.
     */
    RELU_TAU_SCALE("tau_relu x", 1),
    /** Factor on the SGD-noise term (γ²/2) u² m Ψ of dm/dα; 0 drops it. */
    NOISE_FACTOR("noise term x", 1),
    /** Added to the m-coordinate of every predicted fixed point / plateau. */
    FIXED_POINT_SHIFT("fixed point m + ", 0),
    /** κ_slow multiplied by this factor. */
    KAPPA_SCALE("kappa_slow x", 1),
    /** Population-loss closed forms multiplied by this factor. */
    LOSS_SCALE("loss x", 1),
    /** Added to A(μ): moves the roots μ*, changes τ and the escape direction's sign. */
    SADDLE_SHIFT("A + ", 0),
    /** A(μ) multiplied by this factor (the relative probe of the saddle coupling). */
    SADDLE_SCALE("A x", 1),
    /** The whole ODE drift (du/dα, dm/dα) multiplied by this factor. */
    DRIFT_SCALE("drift x", 1),
    /**
     * A transient-only error: adds c·m·(du/dα) to dm/dα. It vanishes wherever du/dα = 0, so at every fixed point, and
     * is quadratic at the saddle, so no saddle rate, fixed point or plateau moves (theory page, anchor lora-drift).
     */
    TRANSIENT_TERM("transient term c = ", 0);

    private final String label;
    private final double exact;

    Knob(String label, double exact) {
        this.label = label;
        this.exact = exact;
    }

    /** The value of the exact theory. */
    public double exact() {
        return exact;
    }

    /** Short text for toString and mutant descriptions, e.g. "tau x1.1". */
    public String describe(double value) {
        return label + Num.fmt(value);
    }
}
