package org.ftverify.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.ftverify.core.AtomicFiles;

/**
 * The durable record of results in an output directory (target/ftverify):
 *
 * <ul>
 *   <li>{@code claims/<claim>.json}: the latest result of each claim, written atomically the moment the claim
 *       finishes, with the run it comes from. A run killed part-way keeps every claim it finished; a partial run
 *       (one theory) replaces only the claims it ran.</li>
 *   <li>{@code runs/<run>.json}: a journal per running run (planned claims, process), deleted when the run finishes,
 *       so the next run can say which claims an interrupted run did not finish.</li>
 *   <li>{@code results.json}: the merge of the latest record of every registered claim, rebuilt after each claim
 *       under a lock ({@code .lock}, a file lock across processes plus a lock within this JVM), so two runs in one
 *       directory at once interleave their claims instead of overwriting each other's file.</li>
 * </ul>
 */
public final class ResultStore {
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();

    private final Path dir;

    public ResultStore(Path outputDir) {
        this.dir = outputDir.toAbsolutePath().normalize();
    }

    /** The store of a repository checkout: {@code <root>/target/ftverify}. */
    public static ResultStore under(Path repoRoot) {
        return new ResultStore(repoRoot.resolve("target").resolve("ftverify"));
    }

    public Path dir() {
        return dir;
    }

    public Path resultsJson() {
        return dir.resolve("results.json");
    }

    Path claimFile(String claimId) {
        return dir.resolve("claims").resolve(claimId.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    }

    Path runFile(String runId) {
        return dir.resolve("runs").resolve(runId + ".json");
    }

    /**
     * Checks, before any claim runs, that results can be written here: creates the directories and a probe file.
     * Throws {@link OutputUnwritableException} with a one-line reason (a file in the way, a read-only mount).
     */
    public void checkWritable() {
        checkWritable(dir, "output directory");
        checkWritable(dir.resolve("claims"), "output directory");
        checkWritable(dir.resolve("runs"), "output directory");
    }

    /** Same check for any directory a run will write to (e.g. the counterexample archive). */
    public static void checkWritable(Path directory, String what) {
        Path probe = null;
        try {
            Files.createDirectories(directory);
            probe = Files.createTempFile(directory, ".ftverify-write-check.", ".tmp");
        } catch (IOException | UnsupportedOperationException e) {
            String why = e instanceof IOException io ? AtomicFiles.describe(io) : e.getMessage();
            throw new OutputUnwritableException("cannot write to the " + what + " " + directory + " (" + why + "); "
                    + "make it a writable directory, or run from a writable checkout");
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // a leftover dot-file does no harm
                }
            }
        }
    }

    /** Records one claim's result the moment it finishes (atomic: readers see the old or the new record). */
    public void record(String claimId, JsonObject claimRecord) {
        AtomicFiles.writeString(claimFile(claimId), JsonCodec.GSON.toJson(claimRecord) + "\n");
    }

    /**
     * The latest record of every claim found on disk, by claim id. A record that cannot be read (e.g. edited by
     * hand) is reported to {@code warn} and left out; the claim then shows as not run.
     */
    public Map<String, JsonObject> latest(Consumer<String> warn) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        for (Path f : jsonFiles(dir.resolve("claims"))) {
            JsonObject o = readObject(f, warn);
            if (o != null && o.has("id") && o.get("id").isJsonPrimitive()) out.put(o.get("id").getAsString(), o);
            else if (o != null) warn.accept("[ftverify] warning: ignoring " + f + ": no claim id");
        }
        return out;
    }

    /** Rebuilds results.json from the latest records, under the lock. */
    public void publish(Supplier<JsonObject> merged) {
        locked(() -> {
            AtomicFiles.writeString(resultsJson(), JsonCodec.GSON.toJson(merged.get()) + "\n");
            return null;
        });
    }

    /** Runs {@code body} holding this directory's lock (other processes and other threads of this JVM wait). */
    public <T> T locked(Supplier<T> body) {
        JVM_LOCK.lock();
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                return body.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir.resolve(".lock") + ": " + AtomicFiles.describe(e), e);
        } finally {
            JVM_LOCK.unlock();
        }
    }

    // ---- run journal -------------------------------------------------------------------------------------------

    /** Writes the journal of a run that is starting: which claims it plans to run, and this process. */
    public void startRun(RunRecord run, List<String> plannedClaimIds) {
        JsonObject o = run.toJson(null);
        o.addProperty("status", "running");
        o.addProperty("pid", ProcessHandle.current().pid());
        ProcessHandle.current().info().startInstant().ifPresent(t -> o.addProperty("processStartedAt", t.toString()));
        JsonArray planned = new JsonArray();
        plannedClaimIds.forEach(planned::add);
        o.add("planned", planned);
        AtomicFiles.writeString(runFile(run.id()), JsonCodec.GSON.toJson(o) + "\n");
    }

    /** A finished run needs no journal: its results are in claims/ (so runs/ holds only running or interrupted runs). */
    public void finishRun(RunRecord run) {
        try {
            Files.deleteIfExists(runFile(run.id()));
        } catch (IOException e) {
            setStatus(runFile(run.id()), "finished"); // cannot delete: at least never report it as interrupted
        }
    }

    /** A run that stopped before its last claim, and the claims it did not finish. */
    public record Interrupted(String runId, long runSeed, String startedAt, String command, List<String> finished, List<String> missing) {
        public String describe() {
            return "run " + runId + " (seed " + runSeed + ", started " + startedAt + ") was interrupted after "
                    + finished.size() + " of " + (finished.size() + missing.size()) + " claims; not finished: "
                    + String.join(", ", missing);
        }
    }

    /**
     * Runs whose journal says "running" but whose process is gone (killed, crashed, out of memory): what they
     * finished is in claims/, what they did not is listed. Each is reported once: its journal is then marked
     * "interrupted".
     */
    public List<Interrupted> collectInterrupted(Consumer<String> warn) {
        return locked(() -> {
            List<Interrupted> out = new ArrayList<>();
            Map<String, JsonObject> latest = null;
            for (Path f : jsonFiles(dir.resolve("runs"))) {
                JsonObject j = readObject(f, warn);
                if (j == null || !"running".equals(str(j, "status")) || alive(j)) continue;
                if (latest == null) latest = latest(warn);
                String runId = str(j, "id");
                List<String> done = new ArrayList<>(), missing = new ArrayList<>();
                JsonArray planned = j.has("planned") && j.get("planned").isJsonArray() ? j.getAsJsonArray("planned") : new JsonArray();
                for (JsonElement e : planned) {
                    String id = e.getAsString();
                    JsonObject rec = latest.get(id);
                    boolean finishedByThisRun = rec != null && rec.has("run") && rec.get("run").isJsonObject()
                            && runId.equals(str(rec.getAsJsonObject("run"), "id"));
                    (finishedByThisRun ? done : missing).add(id);
                }
                long seed = j.has("runSeed") ? j.get("runSeed").getAsLong() : 0;
                out.add(new Interrupted(runId, seed, str(j, "startedAt"), str(j, "command"), done, missing));
                setStatus(f, "interrupted");
            }
            return out;
        });
    }

    private static boolean alive(JsonObject journal) {
        if (!journal.has("pid")) return false;
        var handle = ProcessHandle.of(journal.get("pid").getAsLong());
        if (handle.isEmpty() || !handle.get().isAlive()) return false;
        // pids are reused: the same pid with another start time is another process
        String recorded = str(journal, "processStartedAt");
        return recorded == null || handle.get().info().startInstant().map(t -> t.toString().equals(recorded)).orElse(true);
    }

    private void setStatus(Path journal, String status) {
        JsonObject j = readObject(journal, s -> {});
        if (j == null) return;
        j.addProperty("status", status);
        j.addProperty(status + "At", Instant.now().toString());
        AtomicFiles.writeString(journal, JsonCodec.GSON.toJson(j) + "\n");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static List<Path> jsonFiles(Path d) {
        if (!Files.isDirectory(d)) return List.of();
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + d + ": " + AtomicFiles.describe(e), e);
        }
    }

    private static JsonObject readObject(Path f, Consumer<String> warn) {
        try {
            JsonElement e = JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8));
            if (e.isJsonObject()) return e.getAsJsonObject();
            warn.accept("[ftverify] warning: ignoring " + f + ": not a JSON object");
        } catch (IOException e) {
            warn.accept("[ftverify] warning: ignoring " + f + ": cannot read (" + AtomicFiles.describe(e) + ")");
        } catch (JsonParseException e) {
            warn.accept("[ftverify] warning: ignoring " + f + ": " + CounterexampleStore.jsonSyntax(e));
        }
        return null;
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
