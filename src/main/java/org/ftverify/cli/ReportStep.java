package org.ftverify.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.ftverify.report.ReportWriter;
import org.ftverify.symbolic.ProofRunner;

/**
 * Turns a results.json into the HTML report: executes every proofs/*.adoc step (target/ftverify/proofs.json) so the
 * report shows each derivation as checked or failed in this run, then renders the report with docs/ appended.
 */
public final class ReportStep {
    private ReportStep() {}

    public static Path build(Path root, Path resultsJson, PrintStream out) {
        Path proofsJson = root.resolve("target/ftverify/proofs.json");
        if (java.nio.file.Files.isDirectory(root.resolve("proofs"))) {
            out.println("[ftverify] executing proof steps in " + root.resolve("proofs"));
            for (var page : ProofRunner.runAll(root.resolve("proofs"), proofsJson)) out.printf("[ftverify]   %s: %d checked, %d failed, %d errors%n", page.file(), page.checked(), page.failed(), page.errors());
        }
        return ReportWriter.write(resultsJson, proofsJson, root.resolve("docs"), root.resolve("target/ftverify/report"));
    }
}
