package org.ftverify.engine;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ftverify.core.AtomicFiles;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Params;

/**
 * The durable counterexample archive: verification/counterexamples/&lt;claim&gt;/&lt;hash&gt;.json, one shrunk failing
 * point per file (parameters, seed, level, gap, evidence, versions). Files are meant to be committed; the engine
 * replays them before any random try.
 */
public final class CounterexampleStore {
    private final Path root;

    public CounterexampleStore(Path root) {
        this.root = root;
    }

    /** A stored counterexample as read back: raw parameter values are checked against the claim's space later. */
    public record Stored(Path file, String claimId, Map<String, Object> rawParams, long seed, EvidenceLevel level, String mutant) {}

    public Path write(String theoryId, TryRecord shrunk, TryRecord original, int shrinkSteps, EvidenceLevel level, String claimId, String mutant) {
        JsonObject o = new JsonObject();
        o.addProperty("claim", claimId);
        o.addProperty("theory", theoryId);
        if (mutant != null) o.addProperty("mutant", mutant);
        o.add("params", JsonCodec.params(shrunk.params()));
        o.addProperty("seed", shrunk.seed());
        o.addProperty("level", level.id());
        o.add("normalisedGap", JsonCodec.number(shrunk.normalisedGap()));
        o.add("evidence", JsonCodec.evidence(shrunk));
        o.add("originalParams", JsonCodec.params(original.params()));
        o.add("originalNormalisedGap", JsonCodec.number(original.normalisedGap()));
        o.addProperty("shrinkSteps", shrinkSteps);
        o.addProperty("foundAt", Instant.now().toString());
        JsonObject env = new JsonObject();
        Environment.describe().forEach((k, v) -> env.add(k, v instanceof Map<?, ?> m ? JsonCodec.GSON.toJsonTree(m) : JsonCodec.primitive(v)));
        o.add("environment", env);
        Path file = root.resolve(claimId).resolve(hash(claimId, shrunk.params(), shrunk.seed()) + ".json");
        AtomicFiles.writeString(file, JsonCodec.GSON.toJson(o) + "\n");
        return file;
    }

    /**
     * Archived counterexamples of one claim, oldest name first (stable order). A file that cannot be read is kept on
     * disk, reported to {@code skipped} with a one-line reason, and left out: one bad file must not stop the run.
     */
    public List<Stored> forClaim(String claimId, BiConsumer<Path, String> skipped) {
        Path dir = root.resolve(claimId);
        if (!Files.isDirectory(dir)) return List.of();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            skipped.accept(dir, "cannot list the directory (" + AtomicFiles.describe(e) + ")");
            return List.of();
        }
        List<Stored> out = new ArrayList<>();
        for (Path f : files) {
            try {
                Stored st = read(f);
                if (!st.claimId().equals(claimId)) skipped.accept(f, "it names claim '" + st.claimId() + "', not " + claimId);
                else out.add(st);
            } catch (IllegalArgumentException e) {
                skipped.accept(f, e.getMessage().replaceFirst("^counterexample file \\S+: ", ""));
            }
        }
        return out;
    }

    /** Reads one file; a malformed file gives a one-line error naming the file and what is wrong, in our words. */
    public static Stored read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw bad(file, "cannot read (" + AtomicFiles.describe(e) + ")");
        }
        if (text.isBlank()) throw bad(file, "the file is empty");
        JsonElement tree;
        try {
            tree = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw bad(file, "not a valid counterexample JSON: " + jsonSyntax(e));
        }
        if (!tree.isJsonObject()) throw bad(file, "not a valid counterexample JSON: expected an object {\"claim\": ..., \"params\": {...}, \"seed\": ...}");
        JsonObject o = tree.getAsJsonObject();
        for (String key : new String[] {"claim", "params", "seed"})
            if (!o.has(key)) throw bad(file, "missing field '" + key + "'");
        String claim = string(file, o, "claim");
        if (!o.get("params").isJsonObject()) throw bad(file, "'params' must be an object of parameter values, e.g. {\"d\": 64}");
        JsonObject params = o.getAsJsonObject("params");
        if (params.size() == 0)
            throw bad(file, "'params' is empty; a counterexample must give the parameter values it failed at (an empty object would silently run the defaults)");
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : params.entrySet()) {
            JsonElement v = e.getValue();
            if (!v.isJsonPrimitive())
                throw bad(file, "parameter '" + e.getKey() + "' is " + (v.isJsonObject() ? "an object" : v.isJsonArray() ? "a list" : "null")
                        + "; expected a number (or a string for a choice)");
            raw.put(e.getKey(), v.getAsString());
        }
        long seed;
        JsonElement s = o.get("seed");
        try {
            if (!s.isJsonPrimitive() || !s.getAsJsonPrimitive().isNumber()) throw new NumberFormatException();
            seed = new java.math.BigDecimal(s.getAsString()).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw bad(file, "'seed' must be an integer, got " + s);
        }
        String levelText = o.has("level") ? string(file, o, "level") : null;
        EvidenceLevel level;
        try {
            level = levelText == null ? EvidenceLevel.QUICK : EvidenceLevel.parse(levelText);
        } catch (IllegalArgumentException e) {
            throw bad(file, e.getMessage());
        }
        String mutant = o.has("mutant") && !o.get("mutant").isJsonNull() ? string(file, o, "mutant") : null;
        return new Stored(file, claim, raw, seed, level, mutant);
    }

    private static String string(Path file, JsonObject o, String key) {
        JsonElement v = o.get(key);
        if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) throw bad(file, "'" + key + "' must be a string, got " + v);
        return v.getAsString();
    }

    private static IllegalArgumentException bad(Path file, String why) {
        return new IllegalArgumentException("counterexample file " + file + ": " + why);
    }

    private static final Pattern WHERE = Pattern.compile("line (\\d+) column (\\d+)");

    /** Gson's messages name its own classes and a troubleshooting URL; say what is wrong and where instead. */
    static String jsonSyntax(JsonParseException e) {
        Throwable c = e.getCause() != null ? e.getCause() : e;
        Matcher m = WHERE.matcher(String.valueOf(c.getMessage()));
        String where = m.find() ? " at line " + m.group(1) + ", column " + m.group(2) : "";
        if (c instanceof java.io.EOFException) return "the text ends early" + where + " (truncated file?)";
        String msg = String.valueOf(c.getMessage());
        String what = msg.startsWith("Unterminated") ? "unterminated " + msg.split(" ")[1].toLowerCase(java.util.Locale.ROOT)
                : msg.startsWith("Expected") ? msg.substring(0, msg.indexOf(" at ") > 0 ? msg.indexOf(" at ") : msg.length()).toLowerCase(java.util.Locale.ROOT)
                : "malformed JSON";
        return what + where;
    }

    static String hash(String claimId, Params params, long seed) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((claimId + "|" + params + "|" + seed).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
