package org.ftverify.symbolic;

/**
 * The outcome of one proof step, serialised as one element of "steps" in target/ftverify/proofs.json.
 *
 * @param id           step id from the page
 * @param title        block title, or null
 * @param input        the block's Symja statements, one per line
 * @param output       the last statement's result in Symja input syntax (null on error)
 * @param outputMathML the result as MathML, or null (error, definitions only, or too large to typeset)
 * @param kind         "check" or "derive"
 * @param status       "checked", "failed", "error" or "derived"
 * @param message      why a step failed or errored, plus anything Symja printed; null when there is nothing
 * @param seconds      wall-clock time of the whole step
 */
public record StepResult(String id, String title, String input, String output, String outputMathML, String kind,
                         String status, String message, double seconds) {
    public static final String CHECKED = "checked";
    public static final String FAILED = "failed";
    public static final String ERROR = "error";
    public static final String DERIVED = "derived";

    /** @return true for checked and derived steps */
    public boolean ok() {
        return CHECKED.equals(status) || DERIVED.equals(status);
    }
}
