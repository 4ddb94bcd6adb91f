package org.ftverify.theory.dln;

import java.util.Arrays;
import java.util.List;
import org.ftverify.evidence.RunMemo;
import org.ftverify.evidence.SeedParallel;

/** Memoised RS curves: a curve is a deterministic function of (model, task, α grid, rule size). */
final class RsCurves {
    static final int NODES = 61;
    /**
     * The finer rule a curve falls back to when the 61-node one leaves the fixed point's Newton finish stalled: in the rich
     * regimes, as E_gen → 0 (e.g. Regime IV, ω = 1, ρ_FT = 0.01, α = 0.1: residual 1.0e-5 after 324 iterations with 61
     * nodes and with 41), the proximal map's narrow peak is under-resolved and the map carries quadrature noise above
     * the solver's tolerance; with 81 or 121 nodes the same point converges to a residual below 1e-13.
     */
    static final int FINE_NODES = 121;

    private record Key(DlnModel model, FtTask task, List<Double> alphas, int nodes) {}

    private RsCurves() {}

    static ReplicaSolver.Point[] curve(DlnModel model, FtTask task, double[] alphas) {
        return RunMemo.get(new Key(model, task, Arrays.stream(alphas).boxed().toList(), NODES), () -> {
            try {
                return new ReplicaSolver(model, task, NODES).curve(alphas);
            } catch (org.ftverify.core.CheckAbort stalled) {
                return new ReplicaSolver(model, task, FINE_NODES).curve(alphas);
            }
        });
    }

    /** Several curves in parallel (one per core). */
    static List<ReplicaSolver.Point[]> curves(DlnModel model, List<FtTask> tasks, double[] alphas) {
        return SeedParallel.map(tasks.size(), i -> curve(model, tasks.get(i), alphas));
    }

    /** Like {@link #curves}, with null for a curve whose fixed point did not converge (figures drop it). */
    static List<ReplicaSolver.Point[]> curvesOrNull(DlnModel model, List<FtTask> tasks, double[] alphas) {
        return SeedParallel.map(tasks.size(), i -> {
            try {
                return curve(model, tasks.get(i), alphas);
            } catch (org.ftverify.core.CheckAbort e) {
                return null;
            }
        });
    }

    static double[] eGen(ReplicaSolver.Point[] pts) {
        return Arrays.stream(pts).mapToDouble(ReplicaSolver.Point::eGen).toArray();
    }
}
