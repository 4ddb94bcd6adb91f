package org.ftverify.symbolic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every proof page in proofs/ (as the report does), writes target/ftverify/proofs.json, and turns every step
 * into a test named after its page and id, so a failure names the step and says why.
 */
class ProofsTest {

    @TestFactory
    List<DynamicTest> everyProofStepPasses() {
        Path root = Path.of(System.getProperty("ftverify.root", "."));
        Path proofs = root.resolve("proofs");
        assertTrue(Files.isDirectory(proofs), "no proofs directory at " + proofs.toAbsolutePath());
        List<ProofResult> results = ProofRunner.runAll(proofs, root.resolve("target/ftverify/proofs.json"));
        assertFalse(results.isEmpty(), "no proof pages with Symja blocks in " + proofs.toAbsolutePath());
        List<DynamicTest> tests = new ArrayList<>();
        for (ProofResult page : results) {
            for (StepResult step : page.steps()) {
                String name = page.file() + " step " + step.id();
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    if (!step.ok()) {
                        fail(name + " " + step.status().toUpperCase(Locale.ROOT) + ": " + step.message()
                                + "\n  input: " + CasException.abbreviate(step.input()));
                    }
                }));
            }
        }
        return tests;
    }
}
