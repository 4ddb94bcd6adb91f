package org.ftverify.symbolic;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Executes proof pages (proofs/*.adoc, format in proofs/README.adoc): every Symja block in page order, all blocks
 * of one page in ONE engine so that later steps use earlier definitions, a fresh engine per page so pages cannot
 * influence each other. Produces {@link ProofResult}s and target/ftverify/proofs.json.
 */
public final class ProofRunner {
    /** Results longer than this (characters of Symja text) are shown as text, not typeset: MathML would be huge. */
    static final int MAX_TYPESET_CHARS = 3000;
    private static final Duration MATHML_LIMIT = Duration.ofSeconds(10);
    private static final System.Logger LOG = System.getLogger(ProofRunner.class.getName());

    private ProofRunner() {
    }

    /**
     * Runs every *.adoc in proofsDir (except README.adoc, the format description) that has at least one Symja
     * block, in file-name order, and writes all results to outJson. Never throws for a failing or malformed page:
     * that is recorded in the results.
     *
     * @throws UncheckedIOException when the directory cannot be listed or the JSON cannot be written
     */
    public static List<ProofResult> runAll(Path proofsDir, Path outJson) {
        List<ProofResult> results = new ArrayList<>();
        Path root = proofsDir.toAbsolutePath().normalize().getParent();
        try (Stream<Path> files = Files.list(proofsDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".adoc"))
                    .filter(p -> !p.getFileName().toString().equalsIgnoreCase("README.adoc")).sorted().toList()) {
                String name = root == null ? f.toString()
                        : root.relativize(f.toAbsolutePath().normalize()).toString().replace('\\', '/');
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (text.contains("[symja")) {
                    results.add(run(name, text));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read proof pages in " + proofsDir, e);
        }
        writeJson(results, outJson);
        return results;
    }

    /** Runs one page given as text; name is how the page is reported (e.g. "proofs/lora.adoc"). */
    public static ProofResult run(String name, String text) {
        ProofPage page;
        try {
            page = ProofPage.parse(name, text);
        } catch (IllegalArgumentException e) {
            StepResult err = new StepResult("page", "page format", null, null, null, "check", StepResult.ERROR,
                    e.getMessage(), 0);
            return new ProofResult(name, titleOf(text), 0, 0, 1, text + "\n\n" + ProofAnnotator.resultBlock(err),
                    List.of(err));
        }
        List<StepResult> steps = new ArrayList<>();
        try (CasSession session = new CasSession(name)) {
            for (ProofBlock block : page.blocks) {
                steps.add(runStep(session, block));
            }
            String annotated = ProofAnnotator.annotate(page, steps, input -> typesetInput(session, input));
            int checked = count(steps, StepResult.CHECKED);
            int failed = count(steps, StepResult.FAILED);
            int errors = count(steps, StepResult.ERROR);
            LOG.log(System.Logger.Level.DEBUG, name + ": " + checked + " checked, " + failed + " failed, " + errors
                    + " errors, " + count(steps, StepResult.DERIVED) + " derived");
            return new ProofResult(name, page.title, checked, failed, errors, annotated, List.copyOf(steps));
        }
    }

    private static StepResult runStep(CasSession session, ProofBlock block) {
        String input = String.join("\n", block.statements());
        String kind = block.kind().json;
        long t0 = System.nanoTime();
        Evaluation last = null;
        StringBuilder messages = new StringBuilder();
        try {
            for (String statement : block.statements()) {
                Duration left = block.timeout().minusNanos(System.nanoTime() - t0);
                if (left.isNegative() || left.isZero()) {
                    throw new CasTimeoutException(statement, block.timeout(), false);
                }
                last = session.evaluate(statement, left);
                if (last.hasMessages()) {
                    messages.append(messages.length() == 0 ? "" : "; ").append("Symja: ").append(last.messages());
                }
                if (last.result().isAST() && last.result().head().toString().equals("Hold")
                        || last.result().toString().equals("$Aborted")) {
                    throw new CasException(statement, "Symja aborted the evaluation (result " + last.text() + ")");
                }
            }
        } catch (CasException e) {
            String why = e instanceof CasTimeoutException
                    ? "timeout: step budget of " + seconds(block.timeout()) + " s exceeded in statement "
                            + CasException.abbreviate(e.expression())
                    : e.getMessage();
            return new StepResult(block.id(), block.title(), input, null, null, kind, StepResult.ERROR,
                    join(why, messages), elapsed(t0));
        }
        String output = last.text();
        String mathML = typesetResult(session, last.result(), output);
        if (block.kind() == ProofBlock.Kind.CHECK) {
            boolean ok = last.isTrue();
            String why = ok ? null : "expected True, got " + CasException.abbreviate(output);
            return new StepResult(block.id(), block.title(), input, output, mathML, kind,
                    ok ? StepResult.CHECKED : StepResult.FAILED, join(why, messages), elapsed(t0));
        }
        return new StepResult(block.id(), block.title(), input, output, mathML, kind, StepResult.DERIVED,
                join(null, messages), elapsed(t0));
    }

    private static String typesetResult(CasSession session, IExpr result, String text) {
        if ("Null".equals(text) || text.length() > MAX_TYPESET_CHARS) {
            return null;
        }
        try {
            return MathMl.tidy(session.mathML(result, MATHML_LIMIT));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot typeset result " + CasException.abbreviate(text) + ": "
                    + e.getMessage());
            return null;
        }
    }

    private static String typesetInput(CasSession session, String input) {
        try {
            return MathMl.tidy(session.mathMLOfInput(input, MATHML_LIMIT));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot typeset symja:[" + input + "]: " + e.getMessage());
            return MathMl.fallback(input);
        }
    }

    /** Writes {"proofs": [...]} in the schema of notes/results-schema.md. */
    static void writeJson(List<ProofResult> results, Path outJson) {
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();
        // atomic: a second run building its report at the same time reads the old or the new file, never a prefix
        org.ftverify.core.AtomicFiles.writeString(outJson, gson.toJson(Map.of("proofs", results)));
    }

    /**
     * Command line: {@code ProofRunner [proofsDir [outJson]]}, defaults {ftverify.root}/proofs and
     * {ftverify.root}/target/ftverify/proofs.json (ftverify.root defaults to the working directory). Prints one line
     * per page and every failed step; exit status 0 when all steps passed, 1 otherwise.
     */
    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("ftverify.root", "."));
        Path dir = args.length > 0 ? Path.of(args[0]) : root.resolve("proofs");
        Path out = args.length > 1 ? Path.of(args[1]) : root.resolve("target/ftverify/proofs.json");
        List<ProofResult> results = runAll(dir, out);
        boolean ok = true;
        for (ProofResult r : results) {
            System.out.printf("%s: %d checked, %d failed, %d errors%n", r.file(), r.checked(), r.failed(), r.errors());
            for (StepResult s : r.steps()) {
                if (!s.ok()) {
                    ok = false;
                    System.out.printf("  %s %s: %s%n", s.status().toUpperCase(java.util.Locale.ROOT), s.id(), s.message());
                }
            }
        }
        System.out.println("wrote " + out);
        // Symja leaves non-daemon helper threads behind; exit explicitly so the CLI does not linger.
        System.exit(ok ? 0 : 1);
    }

    private static int count(List<StepResult> steps, String status) {
        return (int) steps.stream().filter(s -> s.status().equals(status)).count();
    }

    private static String join(String why, StringBuilder messages) {
        if (messages.length() == 0) {
            return why;
        }
        return why == null ? messages.toString() : why + " (" + messages + ")";
    }

    private static double elapsed(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }

    private static String seconds(Duration d) {
        return String.valueOf(d.toMillis() / 1000.0);
    }

    private static String titleOf(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("= ")) {
                return line.substring(2).strip();
            }
        }
        return null;
    }
}
