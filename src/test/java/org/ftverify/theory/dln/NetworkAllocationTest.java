package org.ftverify.theory.dln;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The GD step loop allocates nothing (simd kernels on preallocated buffers). */
class NetworkAllocationTest {
    @Test
    void gdStepAllocatesNothing() {
        int d = 2000, n = 400;
        double[] teacher = new double[d];
        teacher[3] = 1;
        Design data = Design.gaussian(n, d, 1 / Math.sqrt(d), teacher, 1);
        Network net = Network.complexInit(data, 1e-2, 0);
        net.gd(0.5, 2000); // warm up and JIT-compile
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        net.gd(0.5, 500);
        long after = mx.getThreadAllocatedBytes(id);
        assertTrue(net.finite());
        assertEquals(0, after - before, "bytes allocated by 500 GD steps");
    }

    @Test
    void badParametersGiveOneLineErrors() {
        double[] t = new double[4];
        Design data = Design.gaussian(2, 4, 1, t, 1);
        assertMessage(() -> Network.complexInit(data, 0, 0), "c:");
        assertMessage(() -> Network.complexInit(data, 1, 1), "lambda_n:");
        assertMessage(() -> new FtTask(0.1, 0.1, 0.5, -1, 0, 0, 1), "c:");
        assertMessage(() -> new FtTask(0.1, 0.1, 0.5, 1, 1.2, 0, 1), "lambda_n:");
        assertMessage(() -> new FtTask(0.1, 0.1, 0.5, 1, 0, -1, 1), "gamma:");
    }

    private static void assertMessage(Runnable r, String prefix) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith(prefix) && !e.getMessage().contains("\n"), e.getMessage());
            return;
        }
        throw new AssertionError("expected an IllegalArgumentException starting with " + prefix);
    }
}
