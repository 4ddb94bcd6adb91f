package org.ftverify.theory.risk;

/**
 * Several information channels (docs/theory/risk.adoc#risk-p10): V_opt = K1 c^-a1 + K2 c^-a2 has local log-log slope
 * s(c) = a_slow + (a_fast - a_slow)/(1 + (c/c_x)^(a_fast - a_slow)), c_x = (K_fast/K_slow)^(1/(a_fast - a_slow)),
 * so the slowest channel dominates at depth.
 *
 * @param fastestDominates a mutant: the fastest channel sets the rate
 * @param slopeScale       power probes: s(c) multiplied by this factor
 */
public record ChannelTheory(boolean fastestDominates, double slopeScale, M3Theory m3, M4Theory m4) {

    public double slope(double k1, double a1, double k2, double a2, double c) {
        double fast = Math.max(a1, a2), slow = Math.min(a1, a2);
        if (fastestDominates) return slopeScale * fast;
        return slopeScale * (slow + (fast - slow) / (1 + Math.pow(c / crossover(k1, a1, k2, a2), fast - slow)));
    }

    /** c_x = (K_fast/K_slow)^(1/(a_fast - a_slow)), where s(c_x) = (a1 + a2)/2. */
    public double crossover(double k1, double a1, double k2, double a2) {
        double kFast = a1 >= a2 ? k1 : k2, kSlow = a1 >= a2 ? k2 : k1;
        return Math.pow(kFast / kSlow, 1 / Math.abs(a1 - a2));
    }

    /** V_opt of an outcome with an M4 and an independent M3 channel: their sum (only the faster one under the mutant). */
    public double sum(M4Task fisher, M3Task flat, double c) {
        double v4 = m4.vOpt(fisher, c), v3 = m3.vOpt(flat, c);
        double v = fastestDominates ? (m4.alpha() >= m3.alpha(flat) ? v4 : v3) : v4 + v3;
        return slopeScale == 1 ? v : Math.pow(v, slopeScale); // V^f has local log-log slope f s(c)
    }
}
