package org.ftverify.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProofRunnerTest {
    /** Derives A for He2 by the moment rule, then checks one right and one WRONG closed form. */
    private static final String HE2_PAGE = """
            = He2 saddle coefficient

            The right form is symja:[A(mu) == 3/2*mu*(1 - mu^2)].

            .Derive A for He2
            [symja,id=he2-a]
            ----
            gaussE(p_, z_Symbol) := With({c = CoefficientList(Expand(p), z)},
                Expand(Total(c*Table(If(EvenQ(j), Factorial2(j-1), 0), {j, 0, Length(c)-1}))))
            he2(x_) := x^2 - 1
            a2 = gaussE((he2(z) - he2(mu*z))*2*mu*z*z, z)/(2!*2)
            ----

            [symja,id=he2-a-right,check]
            ----
            Expand(a2 - 3/2*mu*(1 - mu^2)) == 0
            ----

            [symja,id=he2-a-wrong,check]
            ----
            Expand(a2 - 3/2*mu*(1 - mu^3)) == 0
            ----
            """;

    @Test
    void wrongAssertionIsReportedFailedAndTheRightOneChecked() {
        ProofResult r = ProofRunner.run("proofs/he2.adoc", HE2_PAGE);
        assertEquals("He2 saddle coefficient", r.title());
        assertEquals(1, r.checked());
        assertEquals(1, r.failed());
        assertEquals(0, r.errors());
        assertFalse(r.ok());
        StepResult derived = r.steps().get(0);
        assertEquals(StepResult.DERIVED, derived.status());
        assertEquals("derive", derived.kind());
        assertEquals("Derive A for He2", derived.title());
        assertTrue(Cas.isTrue("Expand(" + derived.output() + " - 3/2*mu*(1 - mu^2)) == 0"), derived.output());
        assertTrue(derived.outputMathML().startsWith("<math"), derived.outputMathML());
        StepResult wrong = r.steps().get(2);
        assertEquals("he2-a-wrong", wrong.id());
        assertEquals(StepResult.FAILED, wrong.status());
        assertTrue(wrong.message().startsWith("expected True, got"), wrong.message());
        String annotated = r.annotatedAsciidoc();
        assertTrue(annotated.contains("<strong>FAILED</strong>: expected True"), annotated);
        assertTrue(annotated.contains("<strong>checked</strong>"), annotated);
        assertTrue(annotated.contains("[source,mathematica,id=proof-he2-he2-a-wrong]"), annotated);
        assertTrue(annotated.contains("The right form is pass:[<math>"), "inline macro typeset: " + annotated);
        assertFalse(annotated.contains("[symja"), annotated);
    }

    @Test
    void timeoutsAndSymjaErrorsAreErrorsAndThePageGoesOn() {
        String page = """
                = Errors
                [symja,id=define]
                ----
                keep = 41
                ----
                [symja,id=forever,check,timeout=0.5]
                ----
                While(True, 1)
                ----
                [symja,id=syntax,check]
                ----
                1 + (
                ----
                [symja,id=runaway]
                ----
                f(x_) := f(x + 1) + 1
                f(1)
                ----
                [symja,id=still-there,check]
                ----
                keep + 1 == 42
                ----
                """;
        ProofResult r = ProofRunner.run("proofs/errors.adoc", page);
        List<String> statuses = r.steps().stream().map(StepResult::status).toList();
        assertEquals(List.of("derived", "error", "error", "error", "checked"), statuses);
        assertTrue(r.steps().get(1).message().startsWith("timeout"), r.steps().get(1).message());
        assertTrue(r.steps().get(2).message().contains("Syntax error"), r.steps().get(2).message());
        assertTrue(r.steps().get(3).message().contains("aborted"), r.steps().get(3).message());
        assertNull(r.steps().get(1).output());
        assertEquals(3, r.errors());
        assertEquals(1, r.checked());
    }

    @Test
    void malformedPagesAreReportedWithFileAndLine() {
        String[][] cases = {
            {"= P\n[symja,id=a]\n----\n1+1\n", "proofs/p.adoc:3: the Symja block opened here is never closed"},
            {"= P\n[symja,id=a]\n----\n1\n----\n[symja,id=A]\n----\n2\n----\n", "proofs/p.adoc:6: duplicate step id"},
            {"= P\n[symja,id=a,checked]\n----\n1\n----\n", "proofs/p.adoc:2: unknown Symja block attribute 'checked'"},
            {"= P\n[symja,timeout=-1]\n----\n1\n----\n", "timeout must be a number of seconds"},
            {"= P\n[symja]\n1+1\n", "must be followed by a ---- delimiter"},
        };
        for (String[] c : cases) {
            ProofResult r = ProofRunner.run("proofs/p.adoc", c[0]);
            assertEquals(1, r.errors(), c[0]);
            assertEquals("page", r.steps().get(0).id());
            assertTrue(r.steps().get(0).message().contains(c[1]), r.steps().get(0).message());
        }
    }

    @Test
    void statementsSpanLinesInsideBracketsAndAfterOperators() {
        assertEquals(List.of("a = 1 +\n  2", "f(x,\n  y)", "\"a ( string\"", "g(1) (* a ( comment *)", "h(2)"),
                StatementSplitter.split("(* only a comment *)\na = 1 +\n  2\nf(x,\n  y)\n\"a ( string\"\n"
                        + "g(1) (* a ( comment *)\n\nh(2)\n"));
        assertThrows(IllegalArgumentException.class, () -> ProofPage.parse("x", "[symja,id=e]\n----\n(* c *)\n----\n"));
    }

    @Test
    void runAllWritesProofsJsonInTheSchemaAndSkipsTheReadme(@TempDir Path dir) throws IOException {
        Path proofs = Files.createDirectory(dir.resolve("proofs"));
        Files.writeString(proofs.resolve("README.adoc"), "= Format\n[symja,id=x,check]\n----\nFalse\n----\n");
        Files.writeString(proofs.resolve("notes.adoc"), "= Prose only\nNo blocks here.\n");
        Files.writeString(proofs.resolve("b.adoc"), "= B\n[symja,id=two,check]\n----\n1 + 1 == 2\n----\n");
        Files.writeString(proofs.resolve("a.adoc"), "= A\n[symja,id=pi]\n----\nN(Pi)\n----\n");
        Path out = dir.resolve("target/ftverify/proofs.json");
        List<ProofResult> results = ProofRunner.runAll(proofs, out);
        assertEquals(List.of("proofs/a.adoc", "proofs/b.adoc"), results.stream().map(ProofResult::file).toList());
        JsonObject json = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        JsonArray pages = json.getAsJsonArray("proofs");
        assertEquals(2, pages.size());
        JsonObject a = pages.get(0).getAsJsonObject();
        for (String key : List.of("file", "title", "checked", "failed", "errors", "annotatedAsciidoc", "steps")) {
            assertTrue(a.has(key), "proof key " + key);
        }
        JsonObject step = a.getAsJsonArray("steps").get(0).getAsJsonObject();
        for (String key : List.of("id", "title", "input", "output", "outputMathML", "kind", "status", "message",
                "seconds")) {
            assertTrue(step.has(key), "step key " + key);
        }
        assertEquals("3.141592653589793", step.get("output").getAsString());
        assertEquals("derived", step.get("status").getAsString());
        assertTrue(step.get("outputMathML").getAsString().startsWith("<math>"), "MathML is not HTML-escaped");
        assertEquals(1, pages.get(1).getAsJsonObject().get("checked").getAsInt());
    }
}
