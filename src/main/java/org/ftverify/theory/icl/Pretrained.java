package org.ftverify.theory.icl;

import java.util.List;
import org.ftverify.core.CheckAbort;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Params;
import org.ftverify.core.Seeds;
import org.ftverify.evidence.RunMemo;

/**
 * One model pretrained by SGD with the authors' optimiser (docs/theory/icl.adoc#icl-training), the starting point of
 * the fine-tuning claims P7 and P12. Runs from the random init until one ends in the label-valued basin (the structural
 * test of {@link PretrainingClaim#labelValuedShare}, which reads no prediction); memoised, so claims and mutants that
 * ask for the same (setup, seed, protocol) share the run.
 */
final class Pretrained {
    /** Runs tried before giving up: at d = 3, m = 5 about one run in three ends in the spurious basin. */
    static final int ATTEMPTS = 4;

    private Pretrained() {}

    /** A pretraining setting: dimension, demonstrations per pretraining prompt, label noise. */
    record Setting(int d, int m, double sigma2) {
        static Setting of(Params p) {
            return new Setting(Integer.parseInt(p.choice("d")), Integer.parseInt(p.choice("m")), Double.parseDouble(p.choice("sigma2")));
        }
    }

    /** The settings P3 and P7 draw from (the first of each list is the simplest). */
    static final ParameterSpace SETTINGS = space(List.of("3", "5", "8"), List.of("5", "10", "20"), List.of("0.1", "0", "0.5"), "");

    /** d, m and σ² as choices; {@code note} is added to each description. */
    static ParameterSpace space(List<String> d, List<String> m, List<String> sigma2, String note) {
        return ParameterSpace.of(Parameter.choice("d", d, "covariate dimension" + note),
                Parameter.choice("m", m, "pretraining demonstrations" + note),
                Parameter.choice("sigma2", sigma2, "label noise variance σ²" + note));
    }

    private record Key(int d, int m, double sigma2, long seed, int batch, int steps) {}

    /** A label-valued pretrained model (not to be modified: callers copy). */
    static Weights model(int d, int m, double sigma2, long seed, int batch, int steps) {
        return RunMemo.get(new Key(d, m, sigma2, seed, batch, steps), () -> {
            IclSetup s = IclSetup.isotropic(d, sigma2);
            for (int r = 0; r < ATTEMPTS; r++) {
                long rs = Seeds.mix(seed, r);
                AttentionSgd sgd = new AttentionSgd(s, new AttentionSgd.Config(PretrainingClaim.LR, PretrainingClaim.MOMENTUM,
                        PretrainingClaim.CLIP, batch, AttentionSgd.Subset.ALL, AttentionSgd.Objective.PRETRAIN, m, steps),
                        AttentionSgd.randomInit(d, 0.05, rs), null, Seeds.mix(rs, 1));
                sgd.run(steps);
                if (PretrainingClaim.labelValuedShare(sgd.weights()) >= 0.9) return sgd.weights().copy();
            }
            throw CheckAbort.outsideDomain("none of " + ATTEMPTS + " pretraining runs reached the label-valued basin (d = " + d
                    + ", m = " + m + ", σ² = " + sigma2 + ")");
        });
    }

    /** Frobenius norm of the covariate block Q11 (indices 1..d). */
    static double q11Norm(Weights w) {
        double s = 0;
        for (int i = 1; i <= w.d; i++)
            for (int j = 1; j <= w.d; j++) s += w.qAt(i, j) * w.qAt(i, j);
        return Math.sqrt(s);
    }
}
