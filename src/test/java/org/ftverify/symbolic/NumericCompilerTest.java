package org.ftverify.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * compile() against Symja's own N[expr, 30] at random points. Points are k/1024 so that the double handed to the
 * compiled function and the exact rational handed to Symja are the same number; the 30-digit reference is then
 * exact to far below double rounding, and the gap measures only the compiled function's rounding error.
 */
class NumericCompilerTest {
    private static final double U = Math.ulp(1.0) / 2; // unit roundoff 2^-53

    @Test
    void polynomialUsesHornerWithinHighamBound() {
        // Two variables, integer coefficients known here, so the Horner error bound can be computed:
        // |p_hat - p| <= gamma_{2n} * sum |a_ij| |x|^i |y|^j with n = total nesting depth (Higham, Accuracy and
        // Stability, eq. 5.3); for the nested scheme n = deg_x + deg_y. The 30-digit Symja value is the reference.
        int[][] a = {{3, -7, 0, 2}, {0, 5, -11, 0}, {1, 0, 0, -4}, {0, 0, 9, 0}}; // a[i][j] x^i y^j
        StringBuilder p = new StringBuilder("0");
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                if (a[i][j] != 0) {
                    p.append('+').append(a[i][j]).append("*x^").append(i).append("*y^").append(j);
                }
            }
        }
        NumericFunction f = Cas.compile(p.toString(), "x", "y");
        assertEquals("horner", f.form());
        Random rnd = new Random(20261123L);
        double[] xy = new double[2];
        for (int trial = 0; trial < 8; trial++) {
            int kx = rnd.nextInt(4097) - 2048;
            int ky = rnd.nextInt(4097) - 2048;
            xy[0] = kx / 1024.0;
            xy[1] = ky / 1024.0;
            double absSum = 0;
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[i].length; j++) {
                    absSum += Math.abs(a[i][j]) * Math.pow(Math.abs(xy[0]), i) * Math.pow(Math.abs(xy[1]), j);
                }
            }
            int n = 2 * (3 + 3);
            double bound = n * U / (1 - n * U) * absSum;
            double reference = Cas.evalDouble("N(ReplaceAll(" + p + ", {x -> " + kx + "/1024, y -> " + ky + "/1024}), 30)");
            assertEquals(reference, f.value(xy), bound, "at " + xy[0] + ", " + xy[1]);
        }
    }

    @Test
    void rationalFunctionIsAQuotientOfHornerSchemes() {
        String r = "(1 + x^2 - 3*x*y)/(2 + y^2 + x*y/2)";
        NumericFunction f = Cas.compile(r, "x", "y");
        assertEquals("rational", f.form());
        // a handful of operations on O(1) values with a denominator >= 1.5: a few ulps; 1e-14 relative is ~45 u
        crossCheck(f, r, new String[] {"x", "y"}, 1e-14, 20261124L);
    }

    @Test
    void generalExpressionUsesATreeThatMatchesSymja() {
        String g = "Sqrt(2)/Pi*Erf(x)*Exp(-x^2) + ArcSin(y/2) + Sqrt(1 + x^2)*Tanh(y) - Log(3 + x*y)/(1 + y^2)^(3/2)";
        NumericFunction f = Cas.compile(g, "x", "y");
        assertEquals("tree", f.form());
        // about 25 operations, each correctly rounded or (erf, exp, log, asin, tanh) within 1-2 ulp, on terms of
        // size O(1) without catastrophic cancellation at these points: 1e-13 relative (~450 u) bounds it safely.
        crossCheck(f, g, new String[] {"x", "y"}, 1e-13, 20261125L);
    }

    @Test
    void erfSaddleCoefficientFromTheLoraSpecCompiles() {
        String aErf = "Sqrt(2)/Pi*(mu^2 + 1/2)^(-1)*((mu^2 + 3/2)^(-1/2) - mu*(2*mu^2 + 1/2)^(-1/2))";
        NumericFunction f = Cas.compile(aErf, "mu");
        assertEquals("tree", f.form());
        crossCheck(f, aErf, new String[] {"mu"}, 1e-13, 20261126L);
    }

    @Test
    void expandedFormLosesAccuracyWhereTheWrittenFormDoesNot() {
        // (1-x)^12 at x = 1 - 2^-10: exact value 2^-120. The expanded polynomial's terms are O(1000) and cancel,
        // so Horner has an absolute error of order 1e-13, i.e. a relative error >> 1; the tree is exact here.
        double x = 1 - 1.0 / 1024;
        double exact = Math.pow(2, -120);
        assertEquals(exact, Cas.compileAsWritten("(1-x)^12", "x").value(x), 0.0);
        double expanded = Cas.compile("(1-x)^12", "x").value(x);
        assertTrue(Math.abs(expanded - exact) > 1e6 * exact, "expected visible cancellation, got " + expanded);
    }

    @Test
    void constantsAreFoldedAndArgumentsChecked() {
        NumericFunction f = Cas.compile("Sqrt(2)*x + Pi", "x");
        assertEquals(Math.sqrt(2) * 3 + Math.PI, f.value(3), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> f.value(1, 2));
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        IllegalArgumentException free = assertThrows(IllegalArgumentException.class, () -> Cas.compile("x + a", "x"));
        assertTrue(free.getMessage().contains("[a]"), free.getMessage());
        IllegalArgumentException head = assertThrows(IllegalArgumentException.class,
                () -> Cas.compile("BesselJ(0, x)", "x"));
        assertTrue(head.getMessage().contains("BesselJ"), head.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cas.compile("x", "x", "X"));
        assertThrows(IllegalArgumentException.class, () -> Cas.compile("x"));
    }

    private static void crossCheck(NumericFunction f, String expr, String[] vars, double relTol, long seed) {
        Random rnd = new Random(seed);
        double[] args = new double[vars.length];
        for (int trial = 0; trial < 6; trial++) {
            StringBuilder rules = new StringBuilder("{");
            for (int v = 0; v < vars.length; v++) {
                int k = rnd.nextInt(1025); // [0, 1]: inside every function's domain used here
                args[v] = k / 1024.0;
                rules.append(v == 0 ? "" : ",").append(vars[v]).append(" -> ").append(k).append("/1024");
            }
            rules.append('}');
            double reference = Cas.evalDouble("N(ReplaceAll(" + expr + ", " + rules + "), 30)");
            double value = f.value(args);
            assertEquals(reference, value, relTol * Math.max(1, Math.abs(reference)), "at " + rules);
        }
    }
}
