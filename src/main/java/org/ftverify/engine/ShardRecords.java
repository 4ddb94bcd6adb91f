package org.ftverify.engine;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.EvidenceKind;
import org.ftverify.core.Series;

/**
 * The shard file format: one JSON object per line per finished unit (unit id, run seed, level, build, vector species,
 * host, and the full evidence of the evaluation). Numbers round-trip exactly (Gson writes the shortest decimal that
 * reads back to the same double; NaN and infinities are written as such), so a merged claim has bit for bit the gaps
 * of a sequential run on the same vector species.
 */
public final class ShardRecords {
    /** One line per record: no pretty printing; NaN/Infinity allowed (a NaN gap is evidence). */
    static final Gson LINE = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

    private ShardRecords() {}

    /** A record as read back: its JSON, and its evaluation rebuilt for the claim (null for a skipped unit). */
    public record Line(JsonObject json, TryRecord run) {
        public String unit() {
            return json.get("unit").getAsString();
        }

        public boolean skipped() {
            return json.has("skipped");
        }

        public String species() {
            return Plan.str(json, "species");
        }
    }

    /** The lines of a shard file that are complete; a truncated or unreadable last line (a killed worker) is dropped. */
    public record Contents(List<JsonObject> records, long validBytes, boolean truncatedTail) {}

    public static Contents read(Path file) {
        if (!Files.exists(file)) return new Contents(List.of(), 0, false);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("shard file: cannot read " + file + " (" + org.ftverify.core.AtomicFiles.describe(e) + ")");
        }
        List<JsonObject> out = new ArrayList<>();
        int start = 0, lineNo = 0;
        long valid = 0;
        boolean truncated = false;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') end++;
            lineNo++;
            boolean complete = end < bytes.length;
            String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            JsonObject o = parse(text);
            if (!complete || o == null) {
                if (complete && end + 1 < bytes.length && !blankFrom(bytes, end + 1))
                    throw new IllegalArgumentException("shard file: " + file + " line " + lineNo + " is not a record (only the last line may be cut off)");
                truncated = !text.isBlank();
                break;
            }
            out.add(o);
            valid = end + 1;
            start = end + 1;
        }
        return new Contents(out, valid, truncated);
    }

    /** A record as one line of a shard file (without the newline). */
    public static String line(JsonObject record) {
        return LINE.toJson(record);
    }

    /** Record lines held in memory (collected by an engine such as Spark); a line that is not a record is an error. */
    public static List<JsonObject> parse(List<String> lines) {
        List<JsonObject> out = new ArrayList<>();
        for (String l : lines) {
            JsonObject o = parse(l);
            if (o == null) throw new IllegalArgumentException("records: not a record line: " + (l.length() > 80 ? l.substring(0, 80) + "..." : l));
            out.add(o);
        }
        return out;
    }

    private static boolean blankFrom(byte[] b, int from) {
        for (int i = from; i < b.length; i++) if (!Character.isWhitespace(b[i])) return false;
        return true;
    }

    private static JsonObject parse(String text) {
        if (text.isBlank()) return null;
        try {
            JsonElement e = JsonParser.parseString(text);
            return e.isJsonObject() && e.getAsJsonObject().has("unit") ? e.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    /** The record of a finished unit. */
    static JsonObject record(Plan plan, Plan.Unit u, TryRecord t, String species, String host) {
        JsonObject o = header(plan, u, species, host);
        o.addProperty("seconds", t.seconds());
        o.add("evidence", JsonCodec.evidence(t));
        return o;
    }

    /** The record of a unit not run because a unit before it in the same claim already falsified the claim. */
    static JsonObject skipped(Plan plan, Plan.Unit u, String species, String host, String why) {
        JsonObject o = header(plan, u, species, host);
        o.addProperty("skipped", why);
        return o;
    }

    private static JsonObject header(Plan plan, Plan.Unit u, String species, String host) {
        JsonObject o = new JsonObject();
        o.addProperty("unit", u.id());
        o.addProperty("claim", u.claim());
        o.addProperty("index", u.index());
        o.addProperty("shard", u.shard());
        o.addProperty("runSeed", plan.runSeed());
        o.addProperty("level", plan.level().id());
        o.add("build", plan.build().toJson());
        o.addProperty("species", species);
        o.addProperty("host", host);
        o.addProperty("finishedAt", java.time.Instant.now().toString());
        return o;
    }

    /** The evaluation a record holds, for its claim (points are re-checked against the claim's space). */
    static TryRecord tryRecord(JsonObject rec, Claim claim) {
        JsonObject e = rec.getAsJsonObject("evidence");
        Evidence ev;
        String reason = Plan.str(e, "reason");
        if (reason != null) {
            ev = Evidence.inconclusive(reason);
        } else {
            ev = new Evidence();
            for (JsonElement ce : e.getAsJsonArray("comparisons")) {
                JsonObject c = ce.getAsJsonObject();
                ev.compare(new Comparison(c.get("quantity").getAsString(), num(c.get("predicted")), num(c.get("observed")), num(c.get("gap")),
                        num(c.get("tolerance")), Plan.str(c, "derivation"), EvidenceKind.valueOf(c.get("kind").getAsString())));
            }
        }
        e.getAsJsonObject("diagnostics").entrySet().forEach(d -> ev.diagnostic(d.getKey(), d.getValue().getAsString()));
        for (JsonElement se : e.getAsJsonArray("series")) {
            JsonObject s = se.getAsJsonObject();
            ev.series(new Series(s.get("plot").getAsString(), s.get("name").getAsString(),
                    Series.Role.valueOf(s.get("role").getAsString().toUpperCase(java.util.Locale.ROOT)), Plan.str(s, "xLabel"), Plan.str(s, "yLabel"),
                    s.get("logX").getAsBoolean(), s.get("logY").getAsBoolean(), nums(s.get("x")), nums(s.get("y")),
                    s.get("err") == null || s.get("err").isJsonNull() ? null : nums(s.get("err"))));
        }
        return new TryRecord(rec.get("index").getAsInt(), e.get("seed").getAsLong(), claim.space().parse(raw(e.getAsJsonObject("params"))), ev,
                rec.get("seconds").getAsDouble());
    }

    /** JSON numbers written by {@link JsonCodec#number}: null is NaN. */
    private static double num(JsonElement e) {
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    private static double[] nums(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = num(a.get(i));
        return v;
    }

    /** Raw parameter values of a JSON object (numbers as Double, text as String), for ParameterSpace.parse. */
    static Map<String, Object> raw(JsonObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            JsonPrimitive p = e.getValue().getAsJsonPrimitive();
            m.put(e.getKey(), p.isNumber() ? (Object) p.getAsDouble() : p.getAsString());
        }
        return m;
    }
}
