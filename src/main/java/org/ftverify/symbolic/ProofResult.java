package org.ftverify.symbolic;

import java.util.List;

/**
 * The outcome of one proof page, serialised as one element of "proofs" in target/ftverify/proofs.json.
 *
 * @param file              page path relative to the repository root, e.g. "proofs/lora.adoc"
 * @param title             the page's document title
 * @param checked           check steps that evaluated to True
 * @param failed            check steps that evaluated to anything else
 * @param errors            steps (of either kind) that timed out or raised an error, plus page format errors
 * @param annotatedAsciidoc the page with every step's result and status inserted (MathML passthrough)
 * @param steps             every step in page order
 */
public record ProofResult(String file, String title, int checked, int failed, int errors, String annotatedAsciidoc,
                          List<StepResult> steps) {

    /** @return true when no step failed or errored */
    public boolean ok() {
        return failed == 0 && errors == 0;
    }
}
