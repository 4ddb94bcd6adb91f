package org.ftverify.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.engine.EngineConfig;
import org.ftverify.engine.PropertyEngine;
import org.ftverify.engine.ResultStore;
import org.ftverify.engine.RunRecord;
import org.ftverify.engine.Runner;
import org.ftverify.engine.ToyTheory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's last lines: the summary table (with the run each verdict comes from) and the report path. */
class BuildSummaryTest {
    @Test
    void endsWithTheTableTheResultsAndTheReportPath(@TempDir Path root) {
        ToyTheory a = ToyTheory.of("toya", 2, 0), b = ToyTheory.of("toyb", 1, 0);
        for (long seed : new long[] {1, 2}) {
            PropertyEngine engine = new PropertyEngine(new EngineConfig(EvidenceLevel.QUICK, seed, root.resolve("cx"), 0, true, null), s -> {});
            Runner r = new Runner(ToyTheory.registry(a, b), engine, new PrintStream(PrintStream.nullOutputStream()), false)
                    .recordingTo(ResultStore.under(root), RunRecord.start(EvidenceLevel.QUICK, seed, "seed " + seed, root));
            var claims = seed == 1 ? a.claims() : List.of(a.claims().get(0));
            r.begin(claims);
            claims.forEach(r::runOne);
            r.finish();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BuildSummary.print(root, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("[ftverify] report: "), String.join("\n", lines));
        assertTrue(lines.get(lines.size() - 2).startsWith("[ftverify] results: "));
        assertTrue(lines.stream().anyMatch(l -> l.matches("toya\\.c1\\s+VERIFIED\\s+\\S+\\s+\\S+\\s+this run")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.matches("toya\\.c2\\s+VERIFIED\\s+\\S+\\s+\\S+\\s+earlier: seed 1, .*")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.matches("toyb\\.c1\\s+NOT_RUN\\s+.*never run here")), String.join("\n", lines));
        assertTrue(lines.contains("2 verified, 1 not run"), String.join("\n", lines));
    }
}
