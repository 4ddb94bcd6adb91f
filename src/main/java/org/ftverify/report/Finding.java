package org.ftverify.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A finding: a real counterexample to a statement of a theory as it was written (not a mutant), kept as a durable
 * archive entry verification/findings/&lt;id&gt;.json with a short explanation and a replay command. Status is
 * {@code open} (the statement stands as written and fails) or {@code spec corrected} (the statement was restated, the
 * checks follow the corrected form, and the entry records why).
 *
 * <p>Archived counterexamples of real theories (verification/counterexamples/&lt;claim&gt;/*.json, written by the
 * engine when a random try or the targeted search falsifies a claim) are findings too; {@link #archived(Path, Set)}
 * lists those that no curated entry explains yet, as open.
 *
 * @param claims        claim ids the finding concerns
 * @param statement     the statement as it was written
 * @param counterexample the point (parameters, seed) and what happens there
 * @param explanation   why it fails, in a few sentences
 * @param replay        the command that reproduces the counterexample
 * @param resolution    what was done about it (empty while open)
 * @param counterexampleFiles archived counterexample files this entry explains (repository-relative)
 */
public record Finding(String id, String theory, List<String> claims, String statement, String counterexample,
                      String explanation, String replay, String status, String resolution, String foundBy, String foundOn,
                      List<String> counterexampleFiles, Path file) {
    /**
     * open: the statement still fails; spec corrected: the statement was wrong as written and the claim now checks the
     * corrected one; fixed in ftverify: the counterexample exposed a bug of the verifier's own code (solver, stopping
     * rule), now fixed — the archived point stays as a regression test and replays VERIFIED.
     */
    public static final Set<String> STATUSES = Set.of("open", "spec corrected", "fixed in ftverify");
    static final List<String> REQUIRED = List.of("id", "theory", "claims", "statement", "counterexample", "explanation", "replay",
            "status", "foundBy", "foundOn");

    /** The curated entries under {@code dir} (sorted by file name); an empty list when the directory does not exist. */
    public static List<Finding> load(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) return List.of();
        List<Finding> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) out.add(read(f));
        } catch (IOException e) {
            throw new IllegalArgumentException("findings directory " + dir + ": cannot list (" + e.getMessage() + ")");
        }
        return out;
    }

    /** Reads one entry; a malformed file gives a one-line error naming the file and the problem. */
    public static Finding read(Path f) {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject();
            for (String k : REQUIRED)
                if (!o.has(k) || o.get(k).isJsonNull()) throw new IllegalArgumentException("finding " + f + ": missing field '" + k + "'");
            String status = o.get("status").getAsString();
            if (!STATUSES.contains(status))
                throw new IllegalArgumentException("finding " + f + ": status '" + status + "' is not one of " + STATUSES);
            return new Finding(o.get("id").getAsString(), o.get("theory").getAsString(), strings(o.get("claims")), o.get("statement").getAsString(),
                    o.get("counterexample").getAsString(), o.get("explanation").getAsString(), o.get("replay").getAsString(), status,
                    o.has("resolution") ? o.get("resolution").getAsString() : "", o.get("foundBy").getAsString(), o.get("foundOn").getAsString(),
                    o.has("counterexampleFiles") ? strings(o.get("counterexampleFiles")) : List.of(), f);
        } catch (IOException e) {
            throw new IllegalArgumentException("finding " + f + ": cannot read (" + e.getMessage() + ")");
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("finding " + f + ": not a valid finding JSON (" + e.getMessage() + ")");
        }
    }

    private static List<String> strings(JsonElement e) {
        List<String> out = new ArrayList<>();
        if (e.isJsonArray()) e.getAsJsonArray().forEach(x -> out.add(x.getAsString()));
        else out.add(e.getAsString());
        return List.copyOf(out);
    }

    /** An archived counterexample of a real theory that no curated finding explains: claim, point, seed, gap. */
    public record Archived(Path file, String claim, String params, long seed, String level, Double normalisedGap) {}

    /**
     * Archived counterexamples under {@code counterexamplesDir} whose repository-relative path (relative to
     * {@code root}) is not in {@code explained}; malformed files are skipped (the engine reports them when replaying).
     */
    public static List<Archived> archived(Path root, Path counterexamplesDir, Set<String> explained) {
        if (counterexamplesDir == null || !Files.isDirectory(counterexamplesDir)) return List.of();
        List<Archived> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(counterexamplesDir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String rel = root.relativize(f.toAbsolutePath()).toString().replace('\\', '/');
                if (explained.contains(rel)) continue;
                try {
                    JsonObject o = JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject();
                    if (o.has("mutant")) continue; // a deliberately wrong theory's counterexample is not a finding
                    out.add(new Archived(Path.of(rel), o.get("claim").getAsString(), paramsText(o.getAsJsonObject("params")), o.get("seed").getAsLong(),
                            o.has("level") ? o.get("level").getAsString() : "quick",
                            o.has("normalisedGap") && !o.get("normalisedGap").isJsonNull() ? o.get("normalisedGap").getAsDouble() : null));
                } catch (IOException | RuntimeException e) {
                    // skipped: replay names the malformed file
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** "d = 101, alpha = 0.3018": readable and wrappable, unlike raw JSON. */
    private static String paramsText(com.google.gson.JsonObject params) {
        java.util.StringJoiner j = new java.util.StringJoiner(", ");
        for (var e : params.entrySet()) {
            var v = e.getValue();
            String text = v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()
                    ? org.ftverify.core.Num.sig(v.getAsDouble(), 4) : v.isJsonPrimitive() ? v.getAsString() : v.toString();
            j.add(e.getKey() + " = " + text);
        }
        return j.toString();
    }
}
