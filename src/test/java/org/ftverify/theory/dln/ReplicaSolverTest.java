package org.ftverify.theory.dln;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The 61-node quadrature error stated in ReplicaLimitsClaim.QUADRATURE_ERROR: 61 vs 81 nodes on the baseline curve. */
class ReplicaSolverTest {
    @Test
    void quadratureErrorOfTheBaselineCurve() {
        double[] alphas = {0.05, 0.1, 0.2, 0.3};
        ReplicaSolver.Point[] a = new ReplicaSolver(DlnModel.exact(), ReplicaLimitsClaim.baseline(), 61).curve(alphas);
        ReplicaSolver.Point[] b = new ReplicaSolver(DlnModel.exact(), ReplicaLimitsClaim.baseline(), 81).curve(alphas);
        for (int j = 0; j < alphas.length; j++) {
            double diff = Math.abs(a[j].eGen() - b[j].eGen());
            System.out.printf("alpha %.2f: E_gen 61 nodes %.5f, 81 nodes %.5f, diff %.2g%n", alphas[j], a[j].eGen(), b[j].eGen(), diff);
            assertTrue(diff <= ReplicaLimitsClaim.QUADRATURE_ERROR, "quadrature error at alpha " + alphas[j] + ": " + diff);
        }
    }
}
