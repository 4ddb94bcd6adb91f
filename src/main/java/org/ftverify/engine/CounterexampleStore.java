package org.ftverify.engine;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JsonCodec.GSON.toJson(o) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write counterexample " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** Archived counterexamples of one claim, oldest name first (stable order). */
    public List<Stored> forClaim(String claimId) {
        Path dir = root.resolve(claimId);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().map(CounterexampleStore::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads one file; a malformed file gives a one-line error naming the file and what is wrong. */
    public static Stored read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("counterexample file " + file + ": cannot read (" + e.getMessage() + ")");
        }
        try {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            for (String key : new String[] {"claim", "params", "seed"})
                if (!o.has(key)) throw new IllegalArgumentException("counterexample file " + file + ": missing field '" + key + "'");
            Map<String, Object> raw = new LinkedHashMap<>();
            o.getAsJsonObject("params").entrySet().forEach(e -> raw.put(e.getKey(), e.getValue().getAsString()));
            EvidenceLevel level = o.has("level") ? EvidenceLevel.parse(o.get("level").getAsString()) : EvidenceLevel.QUICK;
            String mutant = o.has("mutant") ? o.get("mutant").getAsString() : null;
            return new Stored(file, o.get("claim").getAsString(), raw, o.get("seed").getAsLong(), level, mutant);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            throw new IllegalArgumentException("counterexample file " + file + ": not a valid counterexample JSON (" + e.getMessage() + ")");
        }
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
