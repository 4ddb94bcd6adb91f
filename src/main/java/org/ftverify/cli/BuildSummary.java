package org.ftverify.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ftverify.engine.Runner;
import org.ftverify.engine.SummaryTable;

/**
 * The last words of {@code mvn verify}: the theorem summary read back from target/ftverify/results.json and the
 * report path. Bound to the verify phase (pom.xml, exec:java), after packaging, so it is not buried under the test
 * and packaging logs. Runs inside Maven's JVM: it only reads JSON (no theory, no Vector API).
 */
public final class BuildSummary {
    private BuildSummary() {}

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : System.getProperty("ftverify.root", ".")).toAbsolutePath().normalize();
        print(root, System.out);
    }

    static void print(Path root, PrintStream out) {
        Path json = root.resolve("target/ftverify/results.json");
        Path report = root.resolve("target/ftverify/report/index.html");
        out.println();
        if (!Files.isRegularFile(json)) {
            out.println("[ftverify] no theorem results in " + json + " (were the tests skipped?)");
            return;
        }
        JsonObject r;
        try {
            r = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            out.println("[ftverify] cannot read " + json + ": " + e.getMessage());
            return;
        }
        String runId = str(r, "runId");
        if (olderThanThisBuild(json))
            out.println("[ftverify] note: the theorem checks did not run in this build; these results are from an earlier one");
        out.println("[ftverify] theorem summary (level " + str(r, "level") + ", run seed " + str(r, "runSeed") + "; reproduce: " + str(r, "command") + ")");
        List<SummaryTable.Row> rows = new ArrayList<>();
        for (JsonElement t : r.getAsJsonArray("theories")) {
            for (JsonElement ce : t.getAsJsonObject().getAsJsonArray("claims")) {
                JsonObject c = ce.getAsJsonObject();
                JsonElement g = c.get("normalisedGap");
                String gap = g == null || g.isJsonNull() ? "-" : String.format(java.util.Locale.ROOT, "%.3g", g.getAsDouble());
                double secs = c.has("seconds") ? c.get("seconds").getAsDouble() : 0;
                rows.add(new SummaryTable.Row(str(c, "id"), str(c, "verdict"), gap, secs, origin(c, runId)));
            }
        }
        SummaryTable.print(out, rows);
        out.println(SummaryTable.counts(rows.stream().map(SummaryTable.Row::verdict).toList()));
        if (r.has("interruptedRuns"))
            for (JsonElement i : r.getAsJsonArray("interruptedRuns"))
                out.println("interrupted earlier run " + str(i.getAsJsonObject(), "id") + ": not finished " + i.getAsJsonObject().get("missing"));
        List<String> skipped = new ArrayList<>();
        if (r.has("skippedArchiveFiles")) r.getAsJsonArray("skippedArchiveFiles").forEach(e -> skipped.add(e.getAsString()));
        Runner.printSkipped(out, skipped);
        out.println("[ftverify] results: " + json);
        out.println("[ftverify] report: " + (Files.isRegularFile(report) ? report : "not written (see the test output above)"));
    }

    /** This class runs in Maven's JVM, so the JVM's start is the build's start. */
    private static boolean olderThanThisBuild(Path file) {
        try {
            long buildStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            return Files.getLastModifiedTime(file).toMillis() < buildStart;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Which run a verdict comes from: this run (the one that wrote the file), an earlier one, or none. */
    private static String origin(JsonObject claim, String runId) {
        JsonElement run = claim.get("run");
        if (run == null || !run.isJsonObject()) return "NOT_RUN".equals(str(claim, "verdict")) ? "never run here" : null;
        JsonObject o = run.getAsJsonObject();
        if (runId != null && runId.equals(str(o, "id"))) return "this run";
        String started = str(o, "startedAt");
        if (started != null && started.length() >= 19) started = started.substring(0, 19).replace('T', ' ') + "Z";
        return "earlier: seed " + str(o, "runSeed") + ", " + started;
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
