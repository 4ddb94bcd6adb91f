package org.ftverify.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ftverify.core.AtomicFiles;
import org.ftverify.core.Mutant;
import org.ftverify.core.Verdict;

/**
 * Results of a run of a mutant (a deliberately wrong theory) merged from shards: they are evidence that the checks can
 * fail, never the theory's verdicts, so they go to their own result directory and their results.json says so.
 */
public final class MutantRun {
    private MutantRun() {}

    /** target/ftverify/mutants/&lt;name&gt;: kept apart from the theory's results (and from its report). */
    public static ResultStore store(Path root, String mutant) {
        return new ResultStore(ResultStore.under(root).dir().resolve("mutants").resolve(mutant));
    }

    /** Adds a top-level "mutant" object to results.json: name, what is wrong, the claims it must break, a warning. */
    public static void label(Path resultsJson, Mutant m) {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(resultsJson, StandardCharsets.UTF_8)).getAsJsonObject();
            JsonObject mo = new JsonObject();
            mo.addProperty("name", m.name());
            mo.addProperty("description", m.description());
            JsonArray breaks = new JsonArray();
            m.targets().forEach(c -> breaks.add(c.id()));
            mo.add("mustBreak", breaks);
            mo.addProperty("warning", "a run of a deliberately wrong theory (mutant): FALSIFIED is the expected outcome; these are not the theory's verdicts");
            JsonObject out = new JsonObject();
            out.add("mutant", mo);
            o.entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
            AtomicFiles.writeString(resultsJson, JsonCodec.GSON.toJson(out) + "\n");
        } catch (IOException e) {
            throw new IllegalArgumentException("merge: cannot label " + resultsJson + " as a mutant run (" + AtomicFiles.describe(e) + ")");
        }
    }

    /** "mutant M: 3 of 3 claims it must break FALSIFIED" plus the ones that were not. */
    public static String summary(Mutant m, Map<String, ClaimResult> results) {
        List<String> targets = m.targets().stream().map(c -> c.id()).filter(results::containsKey).toList();
        List<String> missed = targets.stream().filter(id -> results.get(id).verdict() != Verdict.FALSIFIED).toList();
        return "mutant " + m.name() + ": " + (targets.size() - missed.size()) + " of " + targets.size() + " claims it must break FALSIFIED"
                + (missed.isEmpty() ? "" : "; not falsified (the check did not catch this wrong theory here): "
                + String.join(", ", missed.stream().map(id -> id + " " + results.get(id).verdict()).toList()));
    }
}
