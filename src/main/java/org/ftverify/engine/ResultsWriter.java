package org.ftverify.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ftverify.core.AtomicFiles;
import org.ftverify.core.Claim;
import org.ftverify.core.Parameter;
import org.ftverify.core.Theory;

/**
 * Writes target/ftverify/results.json: every registered claim, run or not, with its evidence. How results are
 * recorded (each claim as it finishes, merged across runs, atomically) is in the methods after {@link #write}
 * and in {@link ResultStore}.
 */
public final class ResultsWriter {
    private ResultsWriter() {}

    public static JsonObject toJson(List<Theory> theories, Map<String, ClaimResult> results, RunInfo run) {
        JsonObject root = new JsonObject();
        root.addProperty("tool", "ftverify");
        root.addProperty("version", Environment.version());
        root.addProperty("level", run.level().id());
        root.addProperty("runSeed", run.runSeed());
        root.addProperty("startedAt", run.startedAt().toString());
        root.addProperty("elapsedSeconds", run.elapsedSeconds());
        root.addProperty("command", run.command());
        root.add("environment", JsonCodec.GSON.toJsonTree(Environment.describe()));
        JsonArray ts = new JsonArray();
        for (Theory t : theories) {
            JsonObject to = new JsonObject();
            to.addProperty("id", t.id());
            to.addProperty("title", t.title());
            to.addProperty("citation", t.citation());
            JsonArray prov = new JsonArray();
            t.provenance().forEach(prov::add);
            to.add("provenance", prov);
            to.addProperty("proof", t.proofPage());
            to.addProperty("theoryPage", t.theoryPage());
            JsonArray cs = new JsonArray();
            for (Claim c : t.claims()) {
                ClaimResult r = results.getOrDefault(c.id(), ClaimResult.notRun(c, t.id(), "not selected in this run"));
                JsonObject co = claim(r);
                blueprintLinks(co, c, t);
                cs.add(co);
            }
            to.add("claims", cs);
            ts.add(to);
        }
        root.add("theories", ts);
        return root;
    }

    private static JsonObject claim(ClaimResult r) {
        Claim c = r.claim();
        JsonObject o = new JsonObject();
        o.addProperty("id", c.id());
        o.addProperty("title", c.title());
        o.addProperty("statement", c.statement());
        o.addProperty("asciidoc", c.asciidoc());
        o.addProperty("provenance", c.provenance());
        o.addProperty("verdict", r.verdict().name());
        o.add("normalisedGap", JsonCodec.number(r.normalisedGap()));
        o.addProperty("seconds", r.seconds());
        o.addProperty("triesRun", r.tries().size());
        o.addProperty("triesInconclusive", r.inconclusiveTries());
        o.add("reproduce", JsonCodec.primitive(r.reproduce()));
        o.add("counterexample", r.counterexample() == null ? JsonNull.INSTANCE : JsonCodec.primitive(r.counterexample().toString()));
        o.add("note", JsonCodec.primitive(r.note()));
        JsonArray ps = new JsonArray();
        for (Parameter p : c.space().parameters()) {
            JsonObject po = new JsonObject();
            po.addProperty("name", p.name());
            po.addProperty("kind", p.kind().name().toLowerCase());
            po.addProperty("range", p.rangeText());
            po.addProperty("simple", String.valueOf(p.simple()));
            po.addProperty("description", p.description());
            ps.add(po);
        }
        o.add("parameters", ps);
        JsonArray tries = new JsonArray();
        r.tries().forEach(t -> tries.add(JsonCodec.tryRow(t)));
        o.add("tries", tries);
        o.add("worst", r.worst() == null ? JsonNull.INSTANCE : JsonCodec.evidence(r.worst()));
        o.add("analysis", AnalysisJson.of(r.analysis()));
        return o;
    }

    /**
     * The claim's blueprint links, for the report's dependency graph and citations: the theory-page anchor it cites,
     * the proof steps it uses, the model quantities it reads, and the theory page those anchors live on.
     */
    static void blueprintLinks(JsonObject o, Claim c, Theory t) {
        o.add("cites", JsonCodec.primitive(c.cites()));
        o.add("uses", JsonCodec.strings(c.uses()));
        o.add("reads", JsonCodec.strings(c.reads()));
        o.addProperty("theoryPage", t.theoryPage());
    }

    /** Writes atomically (temporary file and rename): a failure leaves the previous file intact. */
    public static void write(Path file, JsonObject json) {
        AtomicFiles.writeString(file, JsonCodec.GSON.toJson(json) + "\n");
    }

    // ---- how results are recorded: per claim, merged across runs (see ResultStore) --------------------------------

    /** Fields of a claim record that describe the claim rather than its result: always taken from the current code. */
    static final Set<String> DESCRIPTIVE = Set.of("id", "title", "statement", "asciidoc", "provenance", "parameters",
            "cites", "uses", "reads", "theoryPage");

    /**
     * One claim's record as stored when it finishes: the claim's results.json entry plus {@code run} (which run,
     * seed, level, times, tool version, git commit and dirty flag) and {@code independentComparison} (whether any
     * comparison it made was independent evidence; null when it made none).
     */
    public static JsonObject claimRecord(ClaimResult r, RunRecord run, Instant finishedAt) {
        JsonObject o = claim(r);
        o.add("run", run.toJson(finishedAt));
        o.add("independentComparison", JsonCodec.primitive(independentComparison(r)));
        return o;
    }

    static Boolean independentComparison(ClaimResult r) {
        boolean any = false;
        for (TryRecord t : r.tries()) {
            for (var c : t.evidence().comparisons()) {
                if (c.independent()) return true;
                any = true;
            }
        }
        return any ? Boolean.FALSE : null;
    }

    /**
     * results.json merged from the latest record of every registered claim: a claim keeps the result of the last run
     * that ran it (its {@code run} says which), and a claim never run here is NOT_RUN. Descriptive fields come from
     * the current code, so an edited title shows at once. {@code header} describes the run that wrote the file.
     */
    public static JsonObject merged(List<Theory> theories, Map<String, JsonObject> latest, RunInfo header,
                                    List<ResultStore.Interrupted> interrupted, List<String> skippedArchiveFiles) {
        JsonObject root = toJson(theories, Map.of(), header);
        for (JsonElement te : root.getAsJsonArray("theories")) {
            JsonArray cs = te.getAsJsonObject().getAsJsonArray("claims");
            for (int i = 0; i < cs.size(); i++) {
                JsonObject fresh = cs.get(i).getAsJsonObject();
                String id = fresh.get("id").getAsString();
                JsonObject stored = latest.get(id);
                if (stored == null) {
                    fresh.addProperty("note", neverRunNote(id, interrupted));
                    fresh.add("run", JsonNull.INSTANCE);
                    continue;
                }
                JsonObject m = new JsonObject();
                // A result field the stored record lacks was null when the claim ran (the writer drops nulls): it
                // must not take the placeholder of a never-run claim (e.g. the note "not selected in this run").
                fresh.entrySet().forEach(e -> m.add(e.getKey(), DESCRIPTIVE.contains(e.getKey()) ? e.getValue()
                        : stored.has(e.getKey()) ? stored.get(e.getKey()) : JsonNull.INSTANCE));
                stored.entrySet().forEach(e -> { if (!m.has(e.getKey())) m.add(e.getKey(), e.getValue()); });
                cs.set(i, m);
            }
        }
        JsonArray runs = new JsonArray();
        for (ResultStore.Interrupted r : interrupted) {
            JsonObject o = new JsonObject();
            o.addProperty("id", r.runId());
            o.addProperty("runSeed", r.runSeed());
            o.addProperty("startedAt", r.startedAt());
            JsonArray missing = new JsonArray();
            r.missing().forEach(missing::add);
            o.add("missing", missing);
            runs.add(o);
        }
        root.add("interruptedRuns", runs);
        JsonArray skipped = new JsonArray();
        skippedArchiveFiles.forEach(skipped::add);
        root.add("skippedArchiveFiles", skipped);
        return root;
    }

    private static String neverRunNote(String claimId, List<ResultStore.Interrupted> interrupted) {
        for (ResultStore.Interrupted r : interrupted)
            if (r.missing().contains(claimId)) return "not run yet: run seed " + r.runSeed() + " was interrupted before it finished this claim";
        return "no result recorded in this output directory yet";
    }

    /** Run-level facts recorded with the results. */
    public record RunInfo(org.ftverify.core.EvidenceLevel level, long runSeed, Instant startedAt, double elapsedSeconds, String command) {}
}
