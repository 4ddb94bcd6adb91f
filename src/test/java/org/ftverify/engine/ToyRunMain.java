package org.ftverify.engine;

import java.io.PrintStream;
import java.nio.file.Path;
import org.ftverify.core.EvidenceLevel;

/**
 * A run of a toy theory in its own JVM, for the kill -9 and two-process tests:
 * {@code ToyRunMain OUTDIR THEORY CLAIMS MILLIS SEED}. Prints "claim done ID" after each claim.
 */
public final class ToyRunMain {
    private ToyRunMain() {}

    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        ToyTheory t = ToyTheory.of(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]));
        long seed = Long.parseLong(args[4]);
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        PropertyEngine engine = new PropertyEngine(new EngineConfig(EvidenceLevel.QUICK, seed, out.resolve("cx"), 0, true, null), s -> {});
        Runner runner = new Runner(ToyTheory.registry(t), engine, quiet, false)
                .recordingTo(new ResultStore(out), RunRecord.start(EvidenceLevel.QUICK, seed, "toy " + t.id(), out));
        runner.begin(t.claims());
        for (var c : t.claims()) {
            runner.runOne(c);
            System.out.println("claim done " + c.id());
            System.out.flush();
        }
        runner.finish();
        System.out.println("run finished");
    }
}
