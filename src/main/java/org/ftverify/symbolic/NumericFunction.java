package org.ftverify.symbolic;

import java.util.List;

/**
 * A real function compiled from a Symja expression by {@link Cas#compile}. Evaluation runs plain Java arithmetic
 * over data built once: no Symja call and no allocation per call (pass a reused array in hot loops; the varargs
 * form allocates only when called with separate arguments).
 */
public interface NumericFunction {

    /**
     * @param args one value per variable, in the order given to compile
     * @throws IllegalArgumentException when args.length differs from {@link #variables()}.size()
     */
    double value(double... args);

    /** @return the variable names, in argument order */
    List<String> variables();

    /** @return how the function is evaluated: "horner", "rational" or "tree" */
    String form();

    /** @return the evaluated Symja expression this function was compiled from */
    String source();
}
