package org.ftverify.symbolic;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Static facade for side-effect-free Symja work: evaluate with a time limit, memoised by input text, and compile
 * expressions into fast numeric functions.
 *
 * <p>Engine state: all calls share ONE engine ({@link CasSession}) that never receives definitions. Inputs with
 * an assignment or another state change (Set, SetDelayed, Clear, ...) are rejected with an
 * IllegalArgumentException, which is what makes the cache keyed by input text sound. Work that needs
 * definitions (a proof page) uses its own session: {@link #newSession(String)}.
 *
 * <p>Time limit: every evaluation has one (default 30 s, system property {@code ftverify.cas.timeoutSeconds});
 * exceeding it throws {@link CasTimeoutException}. Failures and timeouts are not cached.
 */
public final class Cas {
    /** Default time limit per evaluation. */
    public static final Duration DEFAULT_LIMIT = Duration.ofMillis(
            (long) (1000 * Double.parseDouble(System.getProperty("ftverify.cas.timeoutSeconds", "30"))));
    /** Beyond this many cached results the cache is emptied; memoisation is a speed-up, not a store. */
    private static final int MAX_CACHE_ENTRIES = 20_000;
    private static final Map<String, Evaluation> CACHE = new ConcurrentHashMap<>();
    private static volatile CasSession shared;

    private Cas() {
    }

    /** Evaluates with the default time limit. */
    public static Evaluation evaluate(String expr) {
        return evaluate(expr, DEFAULT_LIMIT);
    }

    /**
     * Evaluates a side-effect-free Symja expression, returning a cached result when the same text was evaluated
     * before (the cached {@link Evaluation#seconds()} is that of the first evaluation).
     *
     * @throws IllegalArgumentException when the input has a side effect (assignment, Clear, ...)
     * @throws CasTimeoutException      when the evaluation exceeds the limit
     * @throws CasException             on syntax errors and Symja failures
     */
    public static Evaluation evaluate(String expr, Duration limit) {
        if (expr == null || expr.isBlank()) {
            throw new IllegalArgumentException("expr must be a non-empty Symja expression, got '" + expr + "'");
        }
        CasSession.requirePositive(limit);
        Evaluation cached = CACHE.get(expr);
        if (cached != null) {
            return cached;
        }
        CasSession session = shared();
        SideEffectGuard.check(expr, session.call(expr, limit, () -> session.parseOnWorker(expr)));
        Evaluation result = session.evaluate(expr, limit);
        if (CACHE.size() >= MAX_CACHE_ENTRIES) {
            CACHE.clear();
        }
        CACHE.put(expr, result);
        return result;
    }

    /** @return the evaluated expression */
    public static IExpr eval(String expr) {
        return evaluate(expr).result();
    }

    /** @return the evaluated expression in Symja input syntax */
    public static String evalText(String expr) {
        return evaluate(expr).text();
    }

    /** @return true when the expression evaluates to the symbol True */
    public static boolean isTrue(String expr) {
        return evaluate(expr).isTrue();
    }

    /**
     * @return N(expr) as a double
     * @throws CasException when the numeric value is not a real number (complex, symbolic, Indeterminate)
     */
    public static double evalDouble(String expr) {
        Evaluation e = evaluate("N(" + expr + ")");
        IExpr r = e.result();
        if (!r.isReal()) {
            throw new CasException(expr, "numeric value is not a real number: " + e.text());
        }
        return r.evalDouble();
    }

    /**
     * Compiles an expression into a numeric function of the given variables (in that order), so that numeric code
     * can evaluate it millions of times without calling Symja. Polynomials are evaluated by nested Horner schemes
     * over their expanded coefficients, rational functions as a quotient of two such schemes, and anything else
     * (Sqrt, Exp, Log, Erf, ArcSin, trigonometric and hyperbolic functions, Abs, real powers) through an expression
     * tree built once. Sub-expressions free of the variables (Pi, Sqrt(2), Erf(1/2)) are folded to constants.
     *
     * <p>Accuracy: the expanded (Horner) form can lose relative accuracy where the factored form cancels, e.g.
     * (1-x)^12 near x = 1; use {@link #compileAsWritten} there.
     *
     * @throws IllegalArgumentException for a symbol that is not among vars or an unsupported function
     */
    public static NumericFunction compile(String expr, String... vars) {
        return NumericCompiler.compile(shared(), expr, vars, true);
    }

    /** Like {@link #compile} but always evaluates the expression tree as Symja returns it (no expansion). */
    public static NumericFunction compileAsWritten(String expr, String... vars) {
        return NumericCompiler.compile(shared(), expr, vars, false);
    }

    /** @return a new session with its own engine and definitions; close it when done */
    public static CasSession newSession(String name) {
        return new CasSession(name);
    }

    /**
     * The shared, definition-free session; created on first use, and replaced when a runaway evaluation made the
     * previous one unusable (it holds no definitions, so nothing is lost).
     */
    static CasSession shared() {
        CasSession s = shared;
        if (s == null || !s.isUsable()) {
            synchronized (Cas.class) {
                s = shared;
                if (s == null || !s.isUsable()) {
                    s = new CasSession("shared");
                    shared = s;
                }
            }
        }
        return s;
    }

    static int cacheSize() {
        return CACHE.size();
    }

    static void clearCache() {
        CACHE.clear();
    }
}
