package org.ftverify.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.hipparchus.fraction.BigFraction;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IRational;
import org.ftverify.symbolic.NumericNode.Op;

/**
 * Turns an evaluated Symja expression into a {@link NumericFunction}. Symja is called only here, once per
 * compilation; the result evaluates with plain arithmetic.
 */
final class NumericCompiler {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Map<String, Op> FUNCTIONS = Map.ofEntries(
            Map.entry("Sqrt", Op.SQRT), Map.entry("Exp", Op.EXP), Map.entry("Log", Op.LOG), Map.entry("Sin", Op.SIN),
            Map.entry("Cos", Op.COS), Map.entry("Tan", Op.TAN), Map.entry("ArcSin", Op.ARCSIN),
            Map.entry("ArcCos", Op.ARCCOS), Map.entry("ArcTan", Op.ARCTAN), Map.entry("Sinh", Op.SINH),
            Map.entry("Cosh", Op.COSH), Map.entry("Tanh", Op.TANH), Map.entry("Erf", Op.ERF),
            Map.entry("Erfc", Op.ERFC), Map.entry("Abs", Op.ABS), Map.entry("Sign", Op.SIGN));
    private static final BigFraction HALF = new BigFraction(1, 2);
    private static final BigFraction MINUS_HALF = new BigFraction(-1, 2);

    private NumericCompiler() {
    }

    static NumericFunction compile(CasSession session, String expr, String[] vars, boolean allowExpansion) {
        List<String> names = checkVariables(vars);
        Evaluation evaluated = Cas.evaluate(expr);
        IExpr e = evaluated.result();
        Set<String> free = session.call("free symbols of " + expr, Cas.DEFAULT_LIMIT, () -> freeSymbols(e));
        free.removeAll(names);
        if (!free.isEmpty()) {
            throw new IllegalArgumentException("expression has symbol(s) " + free + " that are not among the variables "
                    + names + " (note: Symja identifiers are case-insensitive): " + CasException.abbreviate(expr));
        }
        String text = evaluated.text();
        String varList = "{" + String.join(",", names) + "}";
        NumericNode root;
        String form;
        if (allowExpansion && isRational(e, names)) {
            if (Cas.isTrue("PolynomialQ(" + text + "," + varList + ")")) {
                IExpr rules = Cas.eval("CoefficientRules(Expand(" + text + ")," + varList + ")");
                root = session.call("Horner form of " + expr, Cas.DEFAULT_LIMIT, () -> horner(rules, names.size()));
                form = "horner";
            } else {
                IExpr parts = Cas.eval("With({t = Together(" + text + ")}, {CoefficientRules(Expand(Numerator(t)),"
                        + varList + "), CoefficientRules(Expand(Denominator(t))," + varList + ")})");
                root = session.call("rational form of " + expr, Cas.DEFAULT_LIMIT, () -> new NumericNode.Quotient(
                        horner(((IAST) parts).arg1(), names.size()), horner(((IAST) parts).arg2(), names.size())));
                form = "rational";
            }
        } else {
            root = session.call("expression tree of " + expr, Cas.DEFAULT_LIMIT, () -> tree(e, names));
            form = "tree";
        }
        return new CompiledFunction(root, names, form, text);
    }

    private static List<String> checkVariables(String[] vars) {
        if (vars == null || vars.length == 0) {
            throw new IllegalArgumentException("vars must name at least one variable");
        }
        List<String> names = new ArrayList<>();
        for (String v : vars) {
            if (v == null || !IDENTIFIER.matcher(v).matches()) {
                throw new IllegalArgumentException("vars must be plain identifiers (letters, then letters or digits), got '"
                        + v + "'");
            }
            String lower = v.toLowerCase(Locale.ROOT);
            if (names.contains(lower)) {
                throw new IllegalArgumentException("vars must be distinct (Symja identifiers are case-insensitive), "
                        + "got '" + v + "' twice");
            }
            names.add(lower);
        }
        return names;
    }

    /** User (non-built-in) symbols, lower-cased as Symja's relaxed parser stores them. */
    static Set<String> freeSymbols(IExpr e) {
        Set<String> out = new TreeSet<>();
        collectSymbols(e, out);
        return out;
    }

    private static void collectSymbols(IExpr e, Set<String> out) {
        if (e.isSymbol()) {
            if (!e.isBuiltInSymbol()) {
                out.add(e.toString().toLowerCase(Locale.ROOT));
            }
        } else if (e.isAST()) {
            IAST ast = (IAST) e;
            collectSymbols(ast.head(), out);
            for (int i = 1; i < ast.size(); i++) {
                collectSymbols(ast.get(i), out);
            }
        }
    }

    private static boolean containsVariable(IExpr e, List<String> vars) {
        if (e.isSymbol()) {
            return !e.isBuiltInSymbol() && vars.contains(e.toString().toLowerCase(Locale.ROOT));
        }
        if (e.isAST()) {
            IAST ast = (IAST) e;
            for (int i = 0; i < ast.size(); i++) {
                if (containsVariable(ast.get(i), vars)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True for sums, products and integer powers of the variables and variable-free constants. */
    private static boolean isRational(IExpr e, List<String> vars) {
        if (!containsVariable(e, vars)) {
            return e.isNumericFunction();
        }
        if (e.isSymbol()) {
            return true;
        }
        if (e.isPlus() || e.isTimes()) {
            IAST ast = (IAST) e;
            for (int i = 1; i < ast.size(); i++) {
                if (!isRational(ast.get(i), vars)) {
                    return false;
                }
            }
            return true;
        }
        if (e.isPower()) {
            IAST ast = (IAST) e;
            return ast.arg2().isInteger() && isRational(ast.arg1(), vars);
        }
        return false;
    }

    /** Builds nested Horner schemes from Symja CoefficientRules output: {{e1,..,en} -> c, ...}. */
    private static NumericNode horner(IExpr rules, int n) {
        List<int[]> exponents = new ArrayList<>();
        List<Double> coefficients = new ArrayList<>();
        IAST list = (IAST) rules;
        for (int i = 1; i < list.size(); i++) {
            IAST rule = (IAST) list.get(i);
            IAST exps = (IAST) rule.arg1();
            int[] ex = new int[n];
            for (int j = 0; j < n; j++) {
                ex[j] = exps.get(j + 1).toIntDefault();
            }
            exponents.add(ex);
            coefficients.add(constant(rule.arg2()));
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < exponents.size(); i++) {
            all.add(i);
        }
        return horner(all, 0, n, exponents, coefficients);
    }

    private static NumericNode horner(List<Integer> terms, int var, int n, List<int[]> exps, List<Double> coef) {
        if (var == n) {
            double s = 0;
            for (int t : terms) {
                s += coef.get(t);
            }
            return new NumericNode.Const(s);
        }
        TreeMap<Integer, List<Integer>> byPower = new TreeMap<>();
        for (int t : terms) {
            byPower.computeIfAbsent(exps.get(t)[var], k -> new ArrayList<>()).add(t);
        }
        if (byPower.isEmpty()) {
            return new NumericNode.Const(0);
        }
        if (byPower.size() == 1 && byPower.firstKey() == 0) {
            return horner(terms, var + 1, n, exps, coef);
        }
        int degree = byPower.lastKey();
        if (var == n - 1) {
            double[] c = new double[degree + 1];
            byPower.forEach((p, ts) -> ts.forEach(t -> c[p] += coef.get(t)));
            return new NumericNode.Horner(var, c);
        }
        NumericNode[] c = new NumericNode[degree + 1];
        byPower.forEach((p, ts) -> c[p] = horner(ts, var + 1, n, exps, coef));
        return new NumericNode.NestedHorner(var, c);
    }

    private static double constant(IExpr e) {
        double v = e.evalDouble();
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("constant sub-expression " + e + " has no finite value (" + v + ")");
        }
        return v;
    }

    private static NumericNode tree(IExpr e, List<String> vars) {
        if (!containsVariable(e, vars)) {
            if (!e.isNumericFunction()) {
                throw new IllegalArgumentException("cannot reduce '" + e + "' to a number");
            }
            return new NumericNode.Const(constant(e));
        }
        if (e.isSymbol()) {
            return new NumericNode.Var(vars.indexOf(e.toString().toLowerCase(Locale.ROOT)));
        }
        IAST ast = (IAST) e;
        if (e.isPlus() || e.isTimes()) {
            NumericNode[] parts = new NumericNode[ast.argSize()];
            for (int i = 1; i < ast.size(); i++) {
                parts[i - 1] = tree(ast.get(i), vars);
            }
            return e.isPlus() ? new NumericNode.Sum(parts) : new NumericNode.Product(parts);
        }
        if (e.isPower()) {
            IExpr base = ast.arg1();
            IExpr exponent = ast.arg2();
            if (base.isE()) {
                return new NumericNode.Unary(Op.EXP, tree(exponent, vars));
            }
            if (exponent.isInteger()) {
                int k = exponent.toIntDefault(Integer.MIN_VALUE);
                if (k != Integer.MIN_VALUE) {
                    return new NumericNode.IntPower(tree(base, vars), k);
                }
            }
            if (exponent.isRational()) {
                BigFraction f = ((IRational) exponent).toBigFraction();
                if (f.equals(HALF)) {
                    return new NumericNode.Unary(Op.SQRT, tree(base, vars));
                }
                if (f.equals(MINUS_HALF)) {
                    return new NumericNode.Unary(Op.INV_SQRT, tree(base, vars));
                }
            }
            return new NumericNode.RealPower(tree(base, vars), tree(exponent, vars));
        }
        String head = ast.head().toString();
        Op op = FUNCTIONS.get(head);
        if (op == null || ast.argSize() != 1) {
            throw new IllegalArgumentException("cannot compile " + head + " with " + ast.argSize()
                    + " argument(s); supported: +, *, ^, one-argument " + new TreeSet<>(FUNCTIONS.keySet()));
        }
        return new NumericNode.Unary(op, tree(ast.arg1(), vars));
    }
}
