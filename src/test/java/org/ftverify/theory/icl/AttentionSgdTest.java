package org.ftverify.theory.icl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ftverify.core.CheckAbort;
import org.junit.jupiter.api.Test;

class AttentionSgdTest {

    @Test
    void stepLoopAllocatesNothing() {
        // HotSpot's per-thread allocation counter; after a warm-up long enough for C2, 2000 steps must not allocate.
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        IclSetup s = IclSetup.isotropic(5, 0.1);
        double[] theta0 = Draws.unit(5, 3);
        AttentionSgd pre = new AttentionSgd(s, new AttentionSgd.Config(0.01, 0.9, 1, 32, AttentionSgd.Subset.ALL, AttentionSgd.Objective.PRETRAIN,
                20, 100_000), AttentionSgd.randomInit(5, 0.05, 1), null, 2);
        AttentionSgd both = new AttentionSgd(s, new AttentionSgd.Config(0.01, 0.9, 1, 32, AttentionSgd.Subset.VALUE,
                AttentionSgd.Objective.ZS_PLUS_FS, 20, 100_000), Weights.familyA(s, 1, new double[5], 0.77), theta0, 2);
        for (int t = 0; t < 20_000; t++) {
            pre.step();
            both.step();
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int t = 0; t < 2000; t++) {
            pre.step();
            both.step();
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 1024, "4000 steps allocated " + allocated + " bytes");
    }

    @Test
    void lambdaDecaysLinearlyFromOneToZero() {
        IclSetup s = IclSetup.isotropic(2, 0.1);
        AttentionSgd sgd = new AttentionSgd(s, new AttentionSgd.Config(0.01, 0.9, 1, 4, AttentionSgd.Subset.VALUE,
                AttentionSgd.Objective.ZS_PLUS_FS, 3, 11), new Weights(2), new double[] {1, 0}, 1);
        assertEquals(1.0, sgd.lambdaAt(0));
        assertEquals(0.5, sgd.lambdaAt(5));
        assertEquals(0.0, sgd.lambdaAt(10));
    }

    @Test
    void valueSubsetNeverMovesQAndZeroShotNeverMovesTheLabelWeight() {
        IclSetup s = IclSetup.isotropic(3, 0.1);
        Weights start = AttentionSgd.randomInit(3, 0.5, 4);
        AttentionSgd v = new AttentionSgd(s, new AttentionSgd.Config(0.01, 0.9, 1, 16, AttentionSgd.Subset.VALUE, AttentionSgd.Objective.FEW_SHOT,
                4, 10), start, new double[] {1, 0, 0}, 5);
        v.run(10);
        assertTrue(java.util.Arrays.equals(start.q, v.weights().q));
        AttentionSgd zs = new AttentionSgd(s, new AttentionSgd.Config(0.01, 0.9, 1, 16, AttentionSgd.Subset.ALL, AttentionSgd.Objective.ZERO_SHOT,
                0, 10), start, new double[] {1, 0, 0}, 6);
        zs.run(10);
        assertEquals(start.v[4], zs.weights().v[4]);
    }

    @Test
    void divergenceIsReportedAsSuch() {
        IclSetup s = IclSetup.isotropic(3, 0.1);
        Weights big = AttentionSgd.randomInit(3, 30, 4);
        AttentionSgd sgd = new AttentionSgd(s, new AttentionSgd.Config(50, 0, Double.POSITIVE_INFINITY, 16, AttentionSgd.Subset.ALL,
                AttentionSgd.Objective.FEW_SHOT, 4, 1000), big, new double[] {1, 0, 0}, 5);
        CheckAbort e = assertThrows(CheckAbort.class, () -> sgd.run(1000));
        assertEquals(CheckAbort.Kind.DIVERGED, e.kind());
        assertTrue(e.getMessage().contains("step"), e.getMessage());
    }

    @Test
    void badConfigurationNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AttentionSgd.Config(0.01, 0.9, 1, 16,
                AttentionSgd.Subset.ALL, AttentionSgd.Objective.FEW_SHOT, 0, 10));
        assertTrue(e.getMessage().startsWith("context length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AttentionSgd.Config(-1, 0.9, 1, 16, AttentionSgd.Subset.ALL,
                AttentionSgd.Objective.ZERO_SHOT, 0, 10));
        assertTrue(e.getMessage().startsWith("lr"), e.getMessage());
    }
}
