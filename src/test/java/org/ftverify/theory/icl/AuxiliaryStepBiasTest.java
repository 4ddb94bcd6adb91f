package org.ftverify.theory.icl;

import org.ftverify.evidence.SampleStats;
import org.junit.jupiter.api.Test;

/** Measures the SGD bias of the P9 end point behind AuxiliaryFewShotClaim.STEP_BIAS_C (runs only with -Dicl.measureBias=1). */
class AuxiliaryStepBiasTest {
    @Test
    void measureStepBias() {
        if (System.getProperty("icl.measureBias") == null) return;
        for (int d : new int[] {3, 5, 8})
            for (int nft : new int[] {5, 10, 20}) {
                IclSetup s = IclSetup.isotropic(d, 0.1);
                double[] theta0 = Draws.unit(d, 5 + d);
                double[][] ends = AuxiliaryFewShotClaim.simulate(s, nft, 0.77, theta0, 91 + 10L * d + nft, 10, 300, 1500);
                double[] w = SampleStats.column(ends, 0), mu = SampleStats.column(ends, 1);
                double wp = IclModel.exact().wStar(s, nft, theta0, theta0);
                System.out.printf("AUXBIAS d=%d N=%d W=%.5f w*=%.5f (W-w*)/eta=%.4f se/eta=%.4f mu=%.5f mu*=%.5f (mu-mu*)/eta=%.4f se/eta=%.4f%n",
                        d, nft, SampleStats.mean(w), wp, (SampleStats.mean(w) - wp) / 0.1, SampleStats.se(w) / 0.1, SampleStats.mean(mu),
                        1.0 / (d + 4), (SampleStats.mean(mu) - 1.0 / (d + 4)) / 0.1, SampleStats.se(mu) / 0.1);
            }
    }
}
