package org.ftverify.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ftverify.core.Claim;
import org.ftverify.core.Parameter;
import org.ftverify.core.Theory;

/** Writes target/ftverify/results.json: every registered claim, run or not, with its evidence. */
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
            JsonArray cs = new JsonArray();
            for (Claim c : t.claims()) {
                ClaimResult r = results.getOrDefault(c.id(), ClaimResult.notRun(c, t.id(), "not selected in this run"));
                cs.add(claim(r));
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

    public static void write(Path file, JsonObject json) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JsonCodec.GSON.toJson(json) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Run-level facts recorded with the results. */
    public record RunInfo(org.ftverify.core.EvidenceLevel level, long runSeed, Instant startedAt, double elapsedSeconds, String command) {}
}
