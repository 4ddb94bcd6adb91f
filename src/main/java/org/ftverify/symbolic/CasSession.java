package org.ftverify.symbolic;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.eval.MathMLUtilities;
import org.matheclipse.core.form.output.OutputFormFactory;
import org.matheclipse.core.interfaces.IExpr;

/**
 * One Symja engine with its own definitions, driven from a single worker thread with a 64 MB stack.
 *
 * <p>Why a worker thread: Symja's Solve, Limit and Integrate can recurse very deeply (stack overflow on a default
 * 512 KB-1 MB stack) or run for ever. Every evaluation is therefore submitted to the worker and waited for with a
 * time limit. On timeout the engine's stop flag is raised (Symja polls it between evaluation steps) and the worker
 * is interrupted; if it still has not stopped after a grace period the worker thread and its engine are abandoned
 * and the session refuses further work, because its definitions can no longer be trusted.
 *
 * <p>Engine state: definitions ({@code f(x_) := ...}, {@code a = 3}) persist across {@link #evaluate} calls of
 * one session, and are invisible to other sessions (measured: Symja keeps user symbols per engine). A proof page
 * gets one session; {@link Cas} keeps one shared session for side-effect-free expressions.
 *
 * <p>Syntax: Symja's relaxed syntax, {@code f(x)} for application. Identifiers are case-insensitive (A2 and a2 are
 * the same symbol), and a lower-case multi-letter identifier that names a built-in IS that built-in
 * ({@code gamma} is the Gamma function): use e.g. {@code gam} for a learning rate.
 *
 * <p>Thread safety: all public methods may be called from any thread; calls are serialised.
 */
public final class CasSession implements AutoCloseable {
    /** Stack of the worker thread; deep Symja recursions need far more than the JVM default. */
    static final long STACK_BYTES = 64L << 20;
    /** Creating the first engine loads all of Symja (about 2 s alone, much more on a busy 2-core machine). */
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    /** How long a cancelled evaluation may take to notice the stop flag before the engine is abandoned. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /**
     * Significant digits for printing machine numbers (Symja's default shows 6). Measured: with 16 Symja prints
     * 3.14159265358979 and with 17 it drops the last digit of 3.3333333333333334E-9; 18 round-trips every double
     * tried while still printing the shortest form (0.1 stays 0.1).
     */
    private static final int PRINT_DIGITS = 18;
    private static final AtomicInteger THREAD_COUNTER = new AtomicInteger();

    private final String name;
    private final ByteArrayOutputStream messageBuffer = new ByteArrayOutputStream();
    private final ExecutorService worker;
    /** Written once on the worker thread; read by callers only to raise the stop flag. */
    private volatile ExprEvaluator evaluator;
    private volatile String abandonedBecause;
    private volatile boolean closed;

    /**
     * Starts a worker thread and creates a fresh engine on it.
     *
     * @param name shown in thread names and error messages, e.g. the proof file
     */
    public CasSession(String name) {
        SymjaSetup.ensure();
        this.name = Objects.requireNonNull(name, "name");
        this.worker = newWorker(name);
        call("(start Symja engine)", START_LIMIT, () -> {
            evaluator = createEvaluator();
            return null;
        });
    }

    /** @return the session name */
    public String name() {
        return name;
    }

    /**
     * Evaluates one Symja input in this session's engine.
     *
     * @throws CasTimeoutException when the limit is exceeded (the evaluation is cancelled)
     * @throws CasException        on a syntax error, an internal Symja exception or an abandoned engine
     */
    public Evaluation evaluate(String input, Duration limit) {
        Objects.requireNonNull(input, "input");
        return call(input, limit, () -> evaluateOnWorker(input));
    }

    /** Renders an already evaluated expression as presentation MathML ({@code <math>...</math>}). */
    public String mathML(IExpr expr, Duration limit) {
        return call("(MathML of) " + expr, limit, () -> toMathMLOnWorker(expr));
    }

    /** Parses (without evaluating) and renders a Symja expression as presentation MathML. */
    public String mathMLOfInput(String input, Duration limit) {
        return call("(MathML of) " + input, limit, () -> toMathMLOnWorker(evaluator.parse(input)));
    }

    /**
     * Runs arbitrary work on the worker thread, where the engine is the thread's current Symja engine. Used to walk
     * IExpr trees (numeric compilation) under the same time limit and stack as an evaluation.
     */
    <T> T call(String what, Duration limit, Callable<T> work) {
        requirePositive(limit);
        synchronized (this) {
            if (closed) {
                throw new CasException(what, "CAS session '" + name + "' is closed");
            }
            if (abandonedBecause != null) {
                throw new CasException(what, "CAS session '" + name + "' is unusable: " + abandonedBecause);
            }
            Future<T> future = worker.submit(work);
            try {
                return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                boolean abandoned = !stop(future);
                if (abandoned) {
                    abandonedBecause = "an evaluation did not stop after its time limit: " + CasException.abbreviate(what);
                }
                throw new CasTimeoutException(what, limit, abandoned);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof CasException ce) {
                    throw ce;
                }
                if (cause instanceof IllegalArgumentException iae) {
                    throw iae; // our own input checks run on the worker (see NumericCompiler); keep their type
                }
                throw new CasException(what, "Symja failed: " + describe(cause), cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(future);
                throw new CasException(what, "interrupted while waiting for Symja", e);
            }
        }
    }

    /** @return false once the session is closed or its engine was abandoned after a runaway evaluation */
    public boolean isUsable() {
        return !closed && abandonedBecause == null;
    }

    /** Parses without evaluating; must run on the worker thread (see {@link #call}). */
    IExpr parseOnWorker(String input) {
        return evaluator.parse(input);
    }

    /** Shuts the worker down; running work is asked to stop. */
    @Override
    public void close() {
        closed = true;
        ExprEvaluator ev = evaluator;
        if (ev != null) {
            ev.getEvalEngine().stopRequest();
        }
        worker.shutdownNow();
    }

    private Evaluation evaluateOnWorker(String input) {
        EvalEngine engine = evaluator.getEvalEngine();
        engine.setStopRequested(false);
        messageBuffer.reset();
        long t0 = System.nanoTime();
        IExpr result = evaluator.eval(input);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        if (engine.isStopRequested()) {
            // The caller has already timed out; what eval returned is a partial result.
            throw new CasException(input, "evaluation was stopped");
        }
        String text = OutputFormFactory.get(true, false, 5, PRINT_DIGITS).toString(result);
        String messages = messageBuffer.toString(StandardCharsets.UTF_8).strip();
        return new Evaluation(input, result, text, messages, seconds);
    }

    private String toMathMLOnWorker(IExpr expr) {
        StringWriter out = new StringWriter();
        if (!new MathMLUtilities(evaluator.getEvalEngine(), false, false).toMathML(expr, out)) {
            throw new CasException(String.valueOf(expr), "Symja could not convert the expression to MathML");
        }
        return out.toString();
    }

    private ExprEvaluator createEvaluator() {
        PrintStream messages = new PrintStream(messageBuffer, true, StandardCharsets.UTF_8);
        EvalEngine engine = new EvalEngine(name, Config.DEFAULT_RECURSION_LIMIT, Config.DEFAULT_ITERATION_LIMIT,
                messages, messages, true);
        EvalEngine.set(engine);
        // Out-history disabled: proofs never use %, and the history would keep every large intermediate alive.
        return new ExprEvaluator(engine, true, (short) 0);
    }

    /** @return true when the worker became idle again within the grace period */
    private boolean stop(Future<?> future) {
        ExprEvaluator ev = evaluator;
        if (ev != null) {
            ev.getEvalEngine().stopRequest();
        }
        future.cancel(true);
        try {
            worker.submit(() -> null).get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            worker.shutdownNow();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ExecutorService newWorker(String name) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(null, r, "symja-" + THREAD_COUNTER.incrementAndGet() + "-" + name, STACK_BYTES);
            t.setDaemon(true); // an abandoned, runaway evaluation must not keep the JVM alive
            return t;
        });
    }

    private static String describe(Throwable t) {
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg.strip());
    }

    static void requirePositive(Duration limit) {
        if (limit == null || limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("limit must be a positive duration, got " + limit);
        }
    }
}
