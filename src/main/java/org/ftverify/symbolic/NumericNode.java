package org.ftverify.symbolic;

import org.hipparchus.special.Erf;

/**
 * Nodes of a compiled numeric expression. Each node evaluates itself from the argument array; nodes are immutable,
 * so one compiled function may be shared by many threads.
 */
abstract class NumericNode {

    abstract double eval(double[] x);

    static final class Const extends NumericNode {
        final double value;

        Const(double value) {
            this.value = value;
        }

        @Override
        double eval(double[] x) {
            return value;
        }
    }

    static final class Var extends NumericNode {
        private final int index;

        Var(int index) {
            this.index = index;
        }

        @Override
        double eval(double[] x) {
            return x[index];
        }
    }

    static final class Sum extends NumericNode {
        private final NumericNode[] terms;

        Sum(NumericNode[] terms) {
            this.terms = terms;
        }

        @Override
        double eval(double[] x) {
            double s = 0;
            for (NumericNode t : terms) {
                s += t.eval(x);
            }
            return s;
        }
    }

    static final class Product extends NumericNode {
        private final NumericNode[] factors;

        Product(NumericNode[] factors) {
            this.factors = factors;
        }

        @Override
        double eval(double[] x) {
            double p = 1;
            for (NumericNode f : factors) {
                p *= f.eval(x);
            }
            return p;
        }
    }

    static final class Quotient extends NumericNode {
        private final NumericNode numerator;
        private final NumericNode denominator;

        Quotient(NumericNode numerator, NumericNode denominator) {
            this.numerator = numerator;
            this.denominator = denominator;
        }

        @Override
        double eval(double[] x) {
            return numerator.eval(x) / denominator.eval(x);
        }
    }

    /** base^n for an integer n by repeated squaring: exact for small n, cheaper and more accurate than Math.pow. */
    static final class IntPower extends NumericNode {
        private final NumericNode base;
        private final int n;

        IntPower(NumericNode base, int n) {
            this.base = base;
            this.n = n;
        }

        @Override
        double eval(double[] x) {
            double b = base.eval(x);
            long e = Math.abs((long) n);
            double r = 1;
            while (e > 0) {
                if ((e & 1) != 0) {
                    r *= b;
                }
                b *= b;
                e >>= 1;
            }
            return n < 0 ? 1 / r : r;
        }
    }

    static final class RealPower extends NumericNode {
        private final NumericNode base;
        private final NumericNode exponent;

        RealPower(NumericNode base, NumericNode exponent) {
            this.base = base;
            this.exponent = exponent;
        }

        @Override
        double eval(double[] x) {
            return Math.pow(base.eval(x), exponent.eval(x));
        }
    }

    /** One-argument elementary and special functions. */
    enum Op {
        SQRT, INV_SQRT, EXP, LOG, SIN, COS, TAN, ARCSIN, ARCCOS, ARCTAN, SINH, COSH, TANH, ERF, ERFC, ABS, SIGN;

        double apply(double v) {
            return switch (this) {
                case SQRT -> Math.sqrt(v);
                case INV_SQRT -> 1 / Math.sqrt(v);
                case EXP -> Math.exp(v);
                case LOG -> Math.log(v);
                case SIN -> Math.sin(v);
                case COS -> Math.cos(v);
                case TAN -> Math.tan(v);
                case ARCSIN -> Math.asin(v);
                case ARCCOS -> Math.acos(v);
                case ARCTAN -> Math.atan(v);
                case SINH -> Math.sinh(v);
                case COSH -> Math.cosh(v);
                case TANH -> Math.tanh(v);
                case ERF -> Erf.erf(v);
                case ERFC -> Erf.erfc(v);
                case ABS -> Math.abs(v);
                case SIGN -> Math.signum(v);
            };
        }
    }

    static final class Unary extends NumericNode {
        private final Op op;
        private final NumericNode arg;

        Unary(Op op, NumericNode arg) {
            this.op = op;
            this.arg = arg;
        }

        @Override
        double eval(double[] x) {
            return op.apply(arg.eval(x));
        }
    }

    /** Horner scheme in one variable with constant coefficients (the innermost level of a polynomial). */
    static final class Horner extends NumericNode {
        private final int var;
        private final double[] coefficients; // ascending powers

        Horner(int var, double[] coefficients) {
            this.var = var;
            this.coefficients = coefficients;
        }

        @Override
        double eval(double[] x) {
            double t = x[var];
            double acc = coefficients[coefficients.length - 1];
            for (int i = coefficients.length - 2; i >= 0; i--) {
                acc = acc * t + coefficients[i];
            }
            return acc;
        }
    }

    /** Horner scheme in one variable whose coefficients are polynomials in the later variables (null = zero). */
    static final class NestedHorner extends NumericNode {
        private final int var;
        private final NumericNode[] coefficients; // ascending powers; the last is non-null

        NestedHorner(int var, NumericNode[] coefficients) {
            this.var = var;
            this.coefficients = coefficients;
        }

        @Override
        double eval(double[] x) {
            double t = x[var];
            double acc = coefficients[coefficients.length - 1].eval(x);
            for (int i = coefficients.length - 2; i >= 0; i--) {
                NumericNode c = coefficients[i];
                acc = acc * t + (c == null ? 0 : c.eval(x));
            }
            return acc;
        }
    }
}
