package org.ftverify.theory.dln;

import java.util.Arrays;
import java.util.List;
import org.ftverify.evidence.RunMemo;
import org.ftverify.evidence.SeedParallel;

/** Memoised RS curves: a curve is a deterministic function of (model, task, α grid, rule size). */
final class RsCurves {
    static final int NODES = 61;

    private record Key(DlnModel model, FtTask task, List<Double> alphas, int nodes) {}

    private RsCurves() {}

    static ReplicaSolver.Point[] curve(DlnModel model, FtTask task, double[] alphas) {
        return RunMemo.get(new Key(model, task, Arrays.stream(alphas).boxed().toList(), NODES),
                () -> new ReplicaSolver(model, task, NODES).curve(alphas));
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
