package org.ftverify.ode;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.ftverify.core.CheckAbort;
import org.junit.jupiter.api.Test;

class OdeSolverTest {
    @Test
    void denseOutputMatchesExponentialGrowthAndEventFiresAtLogTime() {
        // y' = y from y0 = 1e-3: |y| reaches 0.5 at t = ln(500).
        Trajectory tr = OdeSolver.integrate((t, y, d) -> d[0] = y[0], 0, new double[] {1e-3}, 20,
                OdeSolver.Settings.defaults(), List.of(Event.absReaches("escape", 0, 0.5, true)));
        // Local tolerance 1e-10 per step accumulates to a global relative error ~1e-8 in y, hence in t over ~6 units.
        assertEquals(Math.log(500), tr.eventTime("escape"), 1e-7);
        assertEquals(Math.log(500), tr.endTime(), 1e-7);
        assertEquals(1e-3 * Math.exp(2.5), tr.at(2.5)[0], 1e-3 * Math.exp(2.5) * 1e-8);
        assertTrue(Double.isNaN(OdeSolver.integrate((t, y, d) -> d[0] = -y[0], 0, new double[] {1}, 1,
                OdeSolver.Settings.defaults(), List.of(Event.absReaches("never", 0, 2, true))).eventTime("never")));
    }

    @Test
    void blowUpIsReportedAsDivergence() {
        // y' = y^2 from 1 blows up at t = 1.
        CheckAbort e = assertThrows(CheckAbort.class, () -> OdeSolver.integrate((t, y, d) -> d[0] = y[0] * y[0], 0,
                new double[] {1}, 2, OdeSolver.Settings.defaults(), List.of()));
        assertEquals(CheckAbort.Kind.DIVERGED, e.kind());
    }

    @Test
    void evaluationCapIsReported() {
        var s = new OdeSolver.Settings(1e-12, 1e-12, 1e-3, 1e-14, 500);
        CheckAbort e = assertThrows(CheckAbort.class, () -> OdeSolver.integrate((t, y, d) -> d[0] = Math.cos(t), 0,
                new double[] {0}, 100, s, List.of()));
        assertTrue(e.getMessage().contains("cap 500"), e.getMessage());
    }
}
