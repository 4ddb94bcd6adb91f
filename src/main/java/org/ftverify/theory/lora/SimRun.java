package org.ftverify.theory.lora;

/**
 * What one LoRA SGD run recorded: the state at each reached checkpoint (alpha is the actual alpha of the recording
 * step, the first step at or after the requested checkpoint), the escape alpha (first alpha with |m| >= threshold,
 * NaN when the run never escaped), where it stopped, and the kernel implementation used (for evidence diagnostics).
 * Arrays hold only the checkpoints reached before the run stopped.
 */
public record SimRun(double[] alpha, double[] u, double[] m, double[] loss, double escapeAlpha, double endAlpha,
                     long steps, String species) {

    public boolean escaped() {
        return !Double.isNaN(escapeAlpha);
    }

    public int size() {
        return alpha.length;
    }

    public double lastU() {
        return u[u.length - 1];
    }

    public double lastM() {
        return m[m.length - 1];
    }
}
