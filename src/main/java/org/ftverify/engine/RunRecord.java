package org.ftverify.engine;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.ftverify.core.EvidenceLevel;

/**
 * Which run a recorded verdict comes from: stored with every claim result, so a results.json merged from several
 * runs says for each claim its run seed, level, start time, tool version and source commit (and whether the
 * working tree had uncommitted changes, in which case the commit alone does not reproduce it).
 *
 * @param gitDirty null when git is unavailable
 */
public record RunRecord(String id, EvidenceLevel level, long runSeed, Instant startedAt, String command, String toolVersion,
                        String gitCommit, Boolean gitDirty) {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    /** A new run of this process, with the repository's current commit. */
    public static RunRecord start(EvidenceLevel level, long runSeed, String command, java.nio.file.Path repoRoot) {
        Instant now = Instant.now();
        GitState git = GitState.of(repoRoot);
        String id = ID_TIME.format(now) + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() & 0xfffff);
        return new RunRecord(id, level, runSeed, now, command, Environment.version(), git.commit(), git.dirty());
    }

    /** The "run" object of a claim record; {@code finishedAt} is when that claim finished. */
    public JsonObject toJson(Instant finishedAt) {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        o.addProperty("runSeed", runSeed);
        o.addProperty("level", level.id());
        o.addProperty("startedAt", startedAt.toString());
        if (finishedAt != null) o.addProperty("finishedAt", finishedAt.toString());
        o.addProperty("command", command);
        o.addProperty("toolVersion", toolVersion);
        o.addProperty("gitCommit", gitCommit);
        o.add("gitDirty", JsonCodec.primitive(gitDirty));
        return o;
    }
}
