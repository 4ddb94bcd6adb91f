package org.ftverify.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ftverify.core.AtomicFiles;
import org.ftverify.core.Claim;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.core.Verdict;

/**
 * The false-alarm budget: runs the correct theory's claims at N fresh run seeds and counts every verdict that is
 * not VERIFIED (a falsification or an undecided check of a correct theory is a false alarm). The standard is zero
 * alarms in 20 quick seeds.
 *
 * <p>Nothing here touches the durable archive: each seed replays no archived counterexample (the point is fresh
 * randomness) and archives a failing point, unshrunk, under {@code <outDir>/seed-<S>/counterexamples/}; the table
 * and every seed go to {@code <outDir>/alarms.json}. Results of these runs are not merged into results.json.
 */
public final class AlarmBudget {
    /** One claim at one seed. */
    public record Cell(String claimId, long seed, Verdict verdict, double normalisedGap, String note, Path counterexample) {
        boolean alarm() {
            return verdict != Verdict.VERIFIED;
        }
    }

    /** The outcome: the seeds in order and every cell, claim-major. */
    public record Outcome(List<Long> seeds, List<Claim> claims, List<Cell> cells) {
        public long alarms() {
            return cells.stream().filter(Cell::alarm).count();
        }
    }

    private AlarmBudget() {}

    public static Outcome run(TheoryRegistry registry, List<Claim> claims, EvidenceLevel level, List<Long> seeds, Path outDir,
                              PrintStream out, boolean verbose) {
        ResultStore.checkWritable(outDir, "alarm output directory");
        List<Cell> cells = new ArrayList<>();
        for (int k = 0; k < seeds.size(); k++) {
            long seed = seeds.get(k);
            out.printf(Locale.ROOT, "[ftverify] alarms: seed %d of %d: run seed %d%n", k + 1, seeds.size(), seed);
            EngineConfig config = new EngineConfig(level, seed, outDir.resolve("seed-" + seed).resolve("counterexamples"), 0, true, null);
            PropertyEngine engine = new PropertyEngine(config, verbose ? out::println : s -> {}, out::println);
            Runner runner = new Runner(registry, engine, out, verbose);
            runner.begin(claims);
            for (Claim c : claims) {
                ClaimResult r = runner.runOne(c);
                cells.add(new Cell(c.id(), seed, r.verdict(), r.normalisedGap(), r.note(), r.counterexample()));
            }
        }
        Outcome o = new Outcome(List.copyOf(seeds), claims, cells);
        AtomicFiles.writeString(outDir.resolve("alarms.json"), JsonCodec.GSON.toJson(toJson(o, level)) + "\n");
        return o;
    }

    /** Claim x seed table (V verified, F falsified, I inconclusive), alarms per claim, the seeds, and the total. */
    public static void print(Outcome o, PrintStream out) {
        int w = SummaryTable.width(o.claims().stream().map(Claim::id).toList());
        int n = o.seeds().size();
        int cw = String.valueOf(n).length() + 2; // "#k" plus a space
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s ", "claim"));
        for (int k = 1; k <= n; k++) head.append(String.format(Locale.ROOT, "%" + cw + "s", "#" + k));
        head.append("  alarms");
        out.println();
        out.println(head);
        out.println("-".repeat(head.length()));
        Map<String, List<Cell>> byClaim = new LinkedHashMap<>();
        for (Cell c : o.cells()) byClaim.computeIfAbsent(c.claimId(), x -> new ArrayList<>()).add(c);
        for (Claim claim : o.claims()) {
            List<Cell> row = byClaim.getOrDefault(claim.id(), List.of());
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s ", claim.id()));
            for (Cell c : row) line.append(String.format(Locale.ROOT, "%" + cw + "s", letter(c.verdict())));
            line.append(String.format(Locale.ROOT, "  %d", row.stream().filter(Cell::alarm).count()));
            out.println(line);
        }
        out.println("-".repeat(head.length()));
        out.println("V verified, F falsified, I inconclusive, - not run. Seeds:");
        for (int k = 0; k < n; k++) out.printf(Locale.ROOT, "  #%d = %d%n", k + 1, o.seeds().get(k));
        for (Cell c : o.cells())
            if (c.alarm()) out.printf(Locale.ROOT, "  alarm: %s at seed %d: %s%s%n", c.claimId(), c.seed(), c.verdict(),
                    c.counterexample() != null ? " (replay: ./ftverify replay " + c.counterexample() + ")" : c.note() != null ? " (" + c.note() + ")" : "");
        out.printf(Locale.ROOT, "false alarms: %d of %d claim runs (%s x %s)%n", o.alarms(), o.cells().size(),
                plural(o.claims().size(), "claim"), plural(n, "seed"));
    }

    private static String plural(int k, String noun) {
        return k + " " + noun + (k == 1 ? "" : "s");
    }

    private static String letter(Verdict v) {
        return switch (v) {
            case VERIFIED -> "V";
            case FALSIFIED -> "F";
            case INCONCLUSIVE -> "I";
            default -> "-";
        };
    }

    static JsonObject toJson(Outcome o, EvidenceLevel level) {
        JsonObject root = new JsonObject();
        root.addProperty("tool", "ftverify");
        root.addProperty("version", Environment.version());
        root.addProperty("writtenAt", Instant.now().toString());
        root.addProperty("level", level.id());
        JsonArray seeds = new JsonArray();
        o.seeds().forEach(seeds::add);
        root.add("seeds", seeds);
        root.addProperty("alarms", o.alarms());
        root.addProperty("claimRuns", o.cells().size());
        JsonArray cells = new JsonArray();
        for (Cell c : o.cells()) {
            JsonObject j = new JsonObject();
            j.addProperty("claim", c.claimId());
            j.addProperty("seed", c.seed());
            j.addProperty("verdict", c.verdict().name());
            j.add("normalisedGap", JsonCodec.number(c.normalisedGap()));
            j.add("note", JsonCodec.primitive(c.note()));
            j.add("counterexample", JsonCodec.primitive(c.counterexample() == null ? null : c.counterexample().toString()));
            cells.add(j);
        }
        root.add("cells", cells);
        return root;
    }
}
