package org.ftverify.theory.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ftverify.core.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad inputs get one-line errors that name the parameter and the limit. */
class InputValidationTest {
    private static String error(Executable e) {
        String m = assertThrows(IllegalArgumentException.class, e).getMessage();
        assertTrue(!m.contains("\n"), "one line: " + m);
        return m;
    }

    private static final double[] H = {0.5, 4};

    @Test
    void stepBeyondTheStabilityLimit() {
        assertEquals("eta = 0.9 exceeds the stability limit 2/lambda_max = 0.5",
                error(() -> new M1Task(H, H, new double[2], 0.9, 10, new double[2], 0)));
        String m2 = error(() -> new M2Task(M2Task.powerLawSpectrum(8, 1), 1, 1.2, 0.25, 10, new double[8]));
        assertTrue(m2.startsWith("eta = 1.2 exceeds the stability limit") && m2.contains("1/b"), m2);
        assertTrue(error(() -> new M4Task(H, H, H, 1, 0, 0.6)).contains("stability limit 2/lambda_max = 0.5"));
        assertTrue(error(() -> RotatedQuadratic.random(3, 2, 2.5, 0, 1)).contains("exceeds the stability limit"));
    }

    @Test
    void decayExponentAtMostOneHalf() {
        String m = error(() -> new M3Task(0.5, 0.5, 10, 1, 0, 100));
        assertTrue(m.startsWith("rho = 0.5 must exceed 1/2"), m);
        assertTrue(error(() -> new M3Task(0.3, 0.5, 10, 1, 0, 100)).contains("alpha = 2 rho - 1 <= 0"));
    }

    @Test
    void negativeVariances() {
        assertEquals("tau2 = -0.1 is a variance and must be finite and >= 0",
                error(() -> new M1Task(H, H, new double[2], 0.1, 10, new double[2], -0.1)));
        assertEquals("sigma2[1] = -1 is a variance and must be finite and >= 0",
                error(() -> new M1Task(H, new double[] {1, -1}, new double[2], 0.1, 10, new double[2], 0)));
        assertTrue(error(() -> new M1Task(H, H, new double[2], 0.1, 10, new double[] {0, -0.2}, 0)).startsWith("psi[1] = -0.2 is a variance"));
        assertTrue(error(() -> new M3Task(0.75, 0.5, 10, -1, 0, 100)).contains("q = g' Sigma_v g = -1 is a variance"));
        assertTrue(error(() -> new M4Task(H, H, H, -2, 0, 0.1)).startsWith("v0 = -2 is a variance"));
        assertTrue(error(() -> new M2Task(H, 1, 0.1, -0.5, 10, new double[2])).startsWith("sigma2 = -0.5 is a variance"));
    }

    @Test
    void calibrationInputs() {
        double[] c = {3, 10, 30}, u = {1, 0.5, 0.2}, se = {0.01, 0.01, 0.01};
        assertTrue(error(() -> Calibration.calibrate(c, u, se, -0.1, 9.5)).startsWith("L_int = -0.1 is a variance"));
        assertTrue(error(() -> Calibration.calibrate(c, new double[] {1, -0.5, 0.2}, se, 0, 9.5)).startsWith("estimates[1] = -0.5 is a variance"));
        assertTrue(error(() -> Calibration.calibrate(new double[] {3, 3, 30}, u, se, 0, 9.5)).startsWith("depths must be strictly increasing"));
        assertTrue(error(() -> Calibration.calibrate(new double[] {3, 10}, new double[] {1, 0.5}, new double[] {0.1, 0.1}, 0, 0))
                .startsWith("at least 3 probe depths are needed"));
        assertTrue(error(() -> Calibration.calibrate(c, u, new double[] {0.01, 0, 0.01}, 0, 9.5)).startsWith("standardErrors[1] = 0 must be finite and > 0"));
        assertTrue(error(() -> Calibration.calibrate(c, u, se, 0, -5)).contains("depths[0] + depthOffset = -2 must be finite and > 0"));
        // the edges of each rule (mutation testing found them unexercised)
        assertTrue(error(() -> Calibration.calibrate(new double[] {0, 10, 30}, u, se, 0, 0)).contains("depths[0] + depthOffset = 0 must be finite and > 0"));
        assertTrue(error(() -> Calibration.calibrate(new double[] {3, 10, Double.POSITIVE_INFINITY}, u, se, 0, 0)).contains("depths[2] + depthOffset"));
        assertTrue(error(() -> Calibration.calibrate(c, u, se, 0, Double.POSITIVE_INFINITY)).startsWith("depthOffset = Infinity must be finite"));
        assertTrue(error(() -> Calibration.calibrate(c, new double[] {1, 0.5}, se, 0, 0)).startsWith("estimates has length 2 but depths has length 3"));
        assertTrue(error(() -> Calibration.calibrate(c, u, new double[] {0.1, 0.1}, 0, 0)).startsWith("standardErrors has length 2 but depths has length 3"));
        assertEquals("depths must be strictly increasing: depths[2] = 20 <= depths[1] = 30",
                error(() -> Calibration.calibrate(new double[] {3, 30, 20}, u, se, 0, 0)));
    }

    /** A depth whose U - L_int is exactly 10 SE is usable (the rule is >=, not >). */
    @Test
    void identifiabilityBoundaryIsInclusive() {
        double[] c = {3, 10, 30}, u = {4, 2, 1}, se = {0.1, 0.1, 0.1};
        assertTrue(Calibration.calibrate(c, u, se, 0, 0).identifiable(), "1 - 0 = 10 * 0.1 exactly");
    }

    @Test
    void claimParameterErrorsNameTheRange() {
        Claim p6 = new RiskTheory().claims().stream().filter(c -> c.id().equals(PowerLawEnvelopeClaim.ID)).findFirst().orElseThrow();
        assertEquals("parameter rho: value '0.5' is outside the allowed range [0.55, 1.5]", error(() -> p6.space().parse(Map.of("rho", 0.5))));
        Claim p4 = new RiskTheory().claims().stream().filter(c -> c.id().equals(LyapunovStationaryCovarianceClaim.ID)).findFirst().orElseThrow();
        assertTrue(error(() -> p4.space().parse(Map.of("condition", 20, "etaHmax", 0.05))).contains("T = 10/(eta h_min) <= 2000 steps"));
    }
}
