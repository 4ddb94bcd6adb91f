package org.ftverify.theory.risk;

/** The three predictability regimes of the paper's §7 phase diagram [PS], with the reconstruction's short labels. */
public enum Regime {
    STATIC_SUFFICIENT("SS", "Static-Sufficient"),
    DYNAMIC_CRITICAL("DC", "Dynamic-Critical"),
    NOISE_DOMINANT("ND", "Noise-Dominant");

    private final String label, title;

    Regime(String label, String title) {
        this.label = label;
        this.title = title;
    }

    public String label() { return label; }
    public String title() { return title; }

    /**
     * The thresholds of the operational rule of docs/theory/risk.adoc#risk-p12 (a reconstruction; the paper's thresholds are
     * unknown): shallow reference depth c_s, tolerance eps, noise threshold kappa.
     */
    public record Rule(double shallowDepth, double eps, double kappa) {
        public Rule {
            if (!(shallowDepth >= 0)) throw new IllegalArgumentException("shallow depth c_s = " + shallowDepth + " must be >= 0");
            if (!(eps > 0 && eps < 1)) throw new IllegalArgumentException("eps = " + eps + " must lie in (0, 1)");
            if (!(kappa > 0 && kappa < 1)) throw new IllegalArgumentException("kappa = " + kappa + " must lie in (0, 1)");
        }

        /** c_s = 200, eps = 0.1, kappa = 0.5 (docs/theory/risk.adoc#risk-p12 defaults). */
        public static Rule defaults() {
            return new Rule(200, 0.1, 0.5);
        }
    }
}
