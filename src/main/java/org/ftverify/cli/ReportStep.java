package org.ftverify.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.ftverify.report.ReportWriter;
import org.ftverify.symbolic.ProofResult;
import org.ftverify.symbolic.ProofRunner;

/**
 * Turns a results.json into the HTML report: executes every proofs/*.adoc step (target/ftverify/proofs.json) so the
 * report shows each derivation as checked or failed in this run, then renders the report with docs/ appended.
 */
public final class ReportStep {
    private ReportStep() {}

    public static Path build(Path root, Path resultsJson, PrintStream out) {
        return build(root, resultsJson, out, null);
    }

    /**
     * As {@link #build(Path, Path, PrintStream)}, but reuses proofs.json when it was written after {@code freshSince}
     * (under mvn verify the proof tests run every page in the same JVM just before; running the CAS twice would
     * only cost time). A null instant always re-runs the proofs.
     */
    public static Path build(Path root, Path resultsJson, PrintStream out, Instant freshSince) {
        return render(root, resultsJson, out, freshSince).index();
    }

    /** As {@link #build(Path, Path, PrintStream, Instant)}, also returning the Asciidoctor warnings of the report. */
    public static ReportWriter.Rendered render(Path root, Path resultsJson, PrintStream out, Instant freshSince) {
        Path proofsJson = root.resolve("target/ftverify/proofs.json");
        Path proofs = root.resolve("proofs");
        if (freshSince != null && writtenAfter(proofsJson, freshSince)) {
            out.println("[ftverify] proof results of this build reused: " + proofsJson);
        } else if (Files.isDirectory(proofs)) {
            out.println("[ftverify] executing proof steps in " + proofs);
            for (ProofResult page : ProofRunner.runAll(proofs, proofsJson))
                out.printf("[ftverify]   %s: %d checked, %d failed, %d errors%n", page.file(), page.checked(), page.failed(), page.errors());
        }
        return ReportWriter.writeReporting(resultsJson, proofsJson, root.resolve("docs"),
                root.resolve("target/ftverify/report"));
    }

    private static boolean writtenAfter(Path file, Instant since) {
        try {
            return Files.exists(file) && Files.getLastModifiedTime(file).toInstant().isAfter(since);
        } catch (IOException e) {
            return false;
        }
    }
}
