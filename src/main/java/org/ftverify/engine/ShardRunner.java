package org.ftverify.engine;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.google.gson.JsonObject;
import org.ftverify.core.AtomicFiles;
import org.ftverify.core.Claim;
import org.ftverify.core.Seeds;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.simd.Kernels;

/**
 * Runs the units of one shard of a {@link Plan} and appends one record per finished unit to the shard file, flushed
 * and forced to disk line by line. A pre-empted shard started again skips the units already in its file (a cut-off
 * last line is discarded first). Claims are rebuilt from their ids in this worker: nothing crosses machines but ids
 * and records.
 *
 * <p>{@code runConfig} must have the plan's level and seed (checked). Within a shard, once a unit falsifies a claim, the claim's later units in this shard are recorded as skipped:
 * the sequential engine would never have run them (it stops at the first failure), and the merge never reads them.
 */
public final class ShardRunner {
    /**
     * Records are forced to disk at most once a second: a forced write costs ~3 ms here (2.9-4.1 ms per unit measured
     * with trivial units), more than many quick units themselves.
     */
    static final long SYNC_NANOS = 1_000_000_000L;

    private ShardRunner() {}

    /** What a shard did: units run now, units found already done, units skipped after a failure. */
    public record Outcome(int ran, int resumed, int skipped, double seconds) {}

    public static Outcome run(Plan plan, int shard, TheoryRegistry registry, EngineConfig runConfig, Path file, PrintStream out) {
        if (shard < 0 || shard >= plan.shards())
            throw new IllegalArgumentException("index: must be in [0, " + (plan.shards() - 1) + "] for a plan of " + plan.shards() + " shards, got " + shard);
        if (runConfig.level() != plan.level() || runConfig.runSeed() != plan.runSeed())
            throw new IllegalArgumentException("shard: the engine settings (level " + runConfig.level().id() + ", seed " + runConfig.runSeed()
                    + ") differ from the plan's (level " + plan.level().id() + ", seed " + plan.runSeed() + ")");
        long t0 = System.nanoTime();
        List<Plan.Unit> units = plan.unitsOf(shard);
        ShardRecords.Contents existing = ShardRecords.read(file);
        Set<String> done = new HashSet<>();
        Map<String, Integer> falsifiedAt = new HashMap<>(); // claim -> lowest order of a unit that falsified it here
        for (JsonObject r : existing.records()) {
            if (r.get("runSeed").getAsLong() != plan.runSeed() || !plan.level().id().equals(r.get("level").getAsString()))
                throw new IllegalArgumentException("shard file " + file + " holds records of another run (seed " + r.get("runSeed").getAsString()
                        + ", level " + r.get("level").getAsString() + "); plan: seed " + plan.runSeed() + ", level " + plan.level().id());
            done.add(r.get("unit").getAsString());
        }
        truncate(file, existing);
        if (existing.truncatedTail()) out.println("[ftverify] shard " + shard + ": discarded a cut-off last line of " + file + " (a worker was killed while writing)");
        if (!done.isEmpty()) out.println("[ftverify] shard " + shard + ": resuming; " + done.size() + " of " + units.size() + " units already in " + file);

        EngineConfig config = runConfig.withoutArchive(); // workers only evaluate; the merge shrinks and archives
        PropertyEngine engine = new PropertyEngine(config, s -> {}, out::println);
        String species = Kernels.species(), host = host();
        Map<String, Integer> replaysOf = new HashMap<>();
        for (Plan.Unit u : plan.units()) if (u.replay()) replaysOf.merge(u.claim(), 1, Integer::sum);
        for (JsonObject r : existing.records()) {
            if (!r.has("evidence")) continue;
            if ("FALSIFIED".equals(r.getAsJsonObject("evidence").get("verdict").getAsString()))
                falsifiedAt.merge(r.get("claim").getAsString(), order(r.get("index").getAsInt(), replaysOf.getOrDefault(r.get("claim").getAsString(), 0)), Math::min);
        }
        int ran = 0, skipped = 0;
        long lastSync = System.nanoTime();
        try (FileOutputStream fos = new FileOutputStream(file.toFile(), true)) {
            for (Plan.Unit u : units) {
                if (done.contains(u.id())) continue;
                int order = order(u.index(), replaysOf.getOrDefault(u.claim(), 0));
                Integer failedAt = falsifiedAt.get(u.claim());
                JsonObject rec;
                if (failedAt != null && failedAt < order) {
                    rec = ShardRecords.skipped(plan, u, species, host, "an earlier unit of this claim in this shard falsified it");
                    skipped++;
                } else {
                    Claim claim = registry.claim(u.claim());
                    long cpu0 = processCpuNanos();
                    TryRecord t = evaluate(engine, claim, u);
                    rec = ShardRecords.record(plan, u, t, species, host);
                    long cpu = processCpuNanos() - cpu0;
                    if (cpu0 >= 0 && cpu >= 0) rec.addProperty("cpuSeconds", cpu / 1e9); // all threads: what a cluster charges
                    if (t.verdict() == org.ftverify.core.Verdict.FALSIFIED) falsifiedAt.merge(u.claim(), order, Math::min);
                    out.printf(java.util.Locale.ROOT, "[ftverify] shard %d: %s -> %s (gap/tol %s, %.2f s)%n", shard, u.id(), t.verdict(),
                            org.ftverify.core.Num.fmt(t.normalisedGap()), t.seconds());
                    ran++;
                }
                fos.write((ShardRecords.LINE.toJson(rec) + "\n").getBytes(StandardCharsets.UTF_8));
                fos.flush(); // in the OS the moment the unit finishes: a killed worker loses no finished unit
                if (System.nanoTime() - lastSync > SYNC_NANOS) {
                    fos.getFD().sync(); // and on disk within a second: a crashed node loses at most a second of units
                    lastSync = System.nanoTime();
                }
            }
            fos.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + AtomicFiles.describe(e), e);
        }
        return new Outcome(ran, done.size(), skipped, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The engine a worker evaluates units with: the plan's level and run seed, nothing archived (the merge shrinks and
     * archives), as in {@link #run}.
     */
    public static PropertyEngine workerEngine(Plan plan, PrintStream out) {
        return new PropertyEngine(EngineConfig.of(plan.level(), plan.runSeed(), Path.of(".")).withoutArchive(), s -> {}, out::println);
    }

    /**
     * The record line of one unit evaluated in this JVM: the evaluation and record a shard writes (never a skipped
     * record), for engines that schedule units themselves (the Spark module's executors). {@code engine} is a
     * {@link #workerEngine}.
     */
    public static String recordLine(Plan plan, Plan.Unit u, TheoryRegistry registry, PropertyEngine engine) {
        TryRecord t = evaluate(engine, registry.claim(u.claim()), u);
        return ShardRecords.LINE.toJson(ShardRecords.record(plan, u, t, Kernels.species(), host()));
    }

    /** A unit's evaluation: the archived point and seed for a replay, else random try i exactly as the engine draws it. */
    static TryRecord evaluate(PropertyEngine engine, Claim claim, Plan.Unit u) {
        if (u.replay()) return engine.evaluate(claim, u.index(), claim.space().parse(u.replayParams()), u.replaySeed());
        long claimSeed = engine.claimSeed(claim);
        return engine.evaluate(claim, u.index(), PropertyEngine.randomPoint(claim, claimSeed, u.index()), Seeds.mix(claimSeed, u.index()));
    }

    /** Position of a unit in the sequential engine's order: replays first (index -1, -2, ...), then tries 0, 1, ... */
    static int order(int index, int replays) {
        return index < 0 ? -1 - index : replays + index;
    }

    /** Cuts a partly written last line so the next record starts on a line of its own. */
    private static void truncate(Path file, ShardRecords.Contents c) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            if (!Files.exists(file)) return;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                if (ch.size() > c.validBytes()) ch.truncate(c.validBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + AtomicFiles.describe(e), e);
        }
    }

    /**
     * CPU time of this JVM so far (every thread, including the Monte Carlo workers and the collector), or -1 when the
     * platform does not report it. Units run one after another, so the difference around a unit is that unit's CPU
     * time: a cost that, unlike wall time, does not grow when other jobs share the machine.
     */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
            return os.getProcessCpuTime();
        return -1;
    }

    public static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
