package org.ftverify.symbolic;

import org.matheclipse.core.interfaces.IExpr;

/**
 * The result of one Symja evaluation.
 *
 * @param input    the Symja input as given
 * @param result   the evaluated expression (immutable once returned)
 * @param text     the result in Symja input syntax, full double precision (16 significant digits)
 * @param messages what Symja printed while evaluating (warnings such as "Power: Infinite expression 1/0"),
 *                 empty when nothing was printed
 * @param seconds  wall-clock evaluation time
 */
public record Evaluation(String input, IExpr result, String text, String messages, double seconds) {

    /** @return true when the result is the symbol True (and nothing else, e.g. not an unevaluated equation) */
    public boolean isTrue() {
        return result.isTrue();
    }

    /** @return true when Symja printed a message while evaluating */
    public boolean hasMessages() {
        return !messages.isEmpty();
    }
}
