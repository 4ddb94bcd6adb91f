package org.ftverify.theory.icl;

import org.junit.jupiter.api.Test;

/** Measures the stationary step-size bias of the P3 protocol behind PretrainingClaim.STEP_BIAS_C (about 10 min on 2 cores, so it runs only with -Dicl.measureBias=1). */
class PretrainingStepBiasTest {
    @Test
    void measureStepBias() {
        if (System.getProperty("icl.measureBias") == null) return;
        for (int d : new int[] {3, 5, 8})
            for (int m : new int[] {5, 10, 20})
                for (double s2 : new double[] {0, 0.1, 0.5}) {
                    double[] raw = PretrainingClaim.simulate(d, m, s2, 77 + d * 100 + m, 8, 500, 3000, 10);
                    double sum = 0, sq = 0;
                    int k = 0, basin = 0;
                    for (int r = 0; r < 8; r++) {
                        if (raw[r * 11 + 10] < 0.9) continue;
                        basin++;
                        for (int b = 0; b < 10; b++) {
                            double v = raw[r * 11 + b];
                            sum += v;
                            sq += v * v;
                            k++;
                        }
                    }
                    double mean = sum / k, se = Math.sqrt((sq / k - mean * mean) / (k - 1));
                    double g = IclModel.exact().gammaStar(IclSetup.isotropic(d, s2), m)[0];
                    System.out.printf("BIAS d=%d m=%d s2=%.1f basin=%d mean=%.5f gamma*=%.5f (mean-g)/eta=%.4f se/eta=%.4f%n", d, m, s2, basin, mean, g,
                            (mean - g) / 0.1, se / 0.1);
                }
    }
}
