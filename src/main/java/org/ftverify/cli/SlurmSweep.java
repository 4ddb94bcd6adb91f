package org.ftverify.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ftverify.core.AtomicFiles;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.engine.Plan;
import org.ftverify.engine.ResultStore;

/**
 * {@code ftverify sweep --engine slurm}: writes the plan and two batch scripts into a sweep directory on the shared
 * file system, submits the shards as one {@code sbatch --array} job (at most {@code --array-limit} running at once),
 * the targeted search as a second array job after every shard succeeded ({@code --dependency=afterok}), and the merge
 * after the search, and prints the job ids and how to follow them. A shard that fails or is pre-empted can be resubmitted alone; it resumes from its file.
 */
final class SlurmSweep {
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private SlurmSweep() {}

    static int submit(ClusterCommands.Args a, Path root, ResultStore store, TheoryRegistry reg, PrintStream out) {
        String engine = a.require("--engine", "slurm|spark");
        if (engine.equals("spark")) return SparkSubmit.print(a, root, store, reg, out);
        if (!engine.equals("slurm")) throw new IllegalArgumentException("engine: '" + engine + "' is not supported; allowed: slurm, spark");
        if (a.get("--master") != null) throw new IllegalArgumentException("master: applies to --engine spark only");
        int shards = a.integer("--shards", 1, 100_000, null);
        int limit = a.integer("--array-limit", 1, 100_000, shards);
        Path dir = (a.get("--dir") != null ? Path.of(a.get("--dir")) : store.dir().resolve("sweeps").resolve(STAMP.format(java.time.Instant.now())))
                .toAbsolutePath().normalize();
        Path launcher = (a.get("--launcher") != null ? Path.of(a.get("--launcher")) : root.resolve("ftverify")).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir.resolve("logs"));
            Files.createDirectories(dir.resolve("shards"));
            Files.createDirectories(dir.resolve("search"));
        } catch (IOException e) {
            throw new IllegalArgumentException("dir: cannot create " + dir + " (" + AtomicFiles.describe(e) + ")");
        }
        Path planFile = dir.resolve("plan.json");
        Plan plan = ClusterCommands.makePlan(a, root, store, reg, planFile, out);
        Path shardScript = script(dir.resolve("shard.sbatch"), "ftverify-shard", dir.resolve("logs/shard-%a.out"), root,
                q(launcher) + " shard --plan " + q(planFile) + " --index \"$SLURM_ARRAY_TASK_ID\" -o " + q(dir.resolve("shards")) + "/\"$SLURM_ARRAY_TASK_ID\".jsonl");
        Path searchScript = script(dir.resolve("search.sbatch"), "ftverify-search", dir.resolve("logs/search-%a.out"), root,
                q(launcher) + " search --plan " + q(planFile) + " --index \"$SLURM_ARRAY_TASK_ID\" -o " + q(dir.resolve("search")) + "/\"$SLURM_ARRAY_TASK_ID\".jsonl "
                        + q(dir.resolve("shards")) + "/*.jsonl");
        Path mergeScript = script(dir.resolve("merge.sbatch"), "ftverify-merge", dir.resolve("logs/merge.out"), root,
                q(launcher) + " merge --plan " + q(planFile) + (a.noReport() ? " --no-report" : "")
                        + (a.get("--results") != null ? " --results " + q(store.dir()) : "") + " " + q(dir.resolve("shards")) + "/*.jsonl"
                        + " $(ls " + q(dir.resolve("search")) + "/*.jsonl 2>/dev/null)");

        List<String> common = new ArrayList<>();
        if (a.get("--partition") != null) common.add("--partition=" + a.get("--partition"));
        common.addAll(a.sbatchOptions());
        List<String> shardCmd = new ArrayList<>(List.of("sbatch", "--parsable", "--array=0-" + (plan.shards() - 1) + (limit < shards ? "%" + limit : "")));
        shardCmd.addAll(common);
        shardCmd.add(shardScript.toString());
        String shardJob = sbatch(shardCmd, dir);
        List<String> searchCmd = new ArrayList<>(List.of("sbatch", "--parsable", "--dependency=afterok:" + shardJob,
                "--array=0-" + (plan.shards() - 1) + (limit < shards ? "%" + limit : "")));
        searchCmd.addAll(common);
        searchCmd.add(searchScript.toString());
        String searchJob = sbatch(searchCmd, dir);
        List<String> mergeCmd = new ArrayList<>(List.of("sbatch", "--parsable", "--dependency=afterok:" + searchJob));
        mergeCmd.addAll(common);
        mergeCmd.add(mergeScript.toString());
        String mergeJob = sbatch(mergeCmd, dir);
        out.println("[ftverify] submitted shards as array job " + shardJob + " (" + plan.shards() + " tasks" + (limit < shards ? ", at most " + limit + " at once" : "")
                + "), the targeted search as array job " + searchJob + " (after every shard succeeded) and the merge as job " + mergeJob + " (after the search)");
        out.println("[ftverify] follow: squeue -j " + shardJob + "," + searchJob + "," + mergeJob + "   logs: " + dir.resolve("logs") + "   records: " + dir.resolve("shards"));
        out.println("[ftverify] a failed shard K: sbatch --array=K " + String.join(" ", common) + (common.isEmpty() ? "" : " ") + shardScript
                + " (it resumes), then: sbatch " + searchScript + "; sbatch " + mergeScript);
        out.println("shard-job " + shardJob);
        out.println("search-job " + searchJob);
        out.println("merge-job " + mergeJob);
        return Main.OK;
    }

    /** A batch script that runs one command from the repository root (workers rebuild claims from ids there). */
    private static Path script(Path file, String name, Path log, Path root, String command) {
        String text = "#!/bin/bash\n"
                + "#SBATCH --job-name=" + name + "\n"
                + "#SBATCH --output=" + log + "\n"
                + "# written by ./ftverify sweep; resubmitting a shard task resumes it from its records file\n"
                + "set -euo pipefail\n"
                + "cd " + q(root) + "\n"
                + "exec " + command + "\n";
        AtomicFiles.writeString(file, text);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | UnsupportedOperationException e) {
            // sbatch reads the script; the mode is a convenience for running it by hand
        }
        return file;
    }

    private static String sbatch(List<String> cmd, Path dir) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalArgumentException("sbatch did not answer within 60 s: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0 || output.isEmpty())
                throw new IllegalArgumentException("sbatch failed (exit " + p.exitValue() + "): " + output.replace('\n', ' ') + " [" + String.join(" ", cmd) + "]");
            String last = output.lines().reduce((x, y) -> y).orElse(output);
            return last.split(";")[0].trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("sbatch: cannot run it (" + e.getMessage() + "); is slurm-client installed and on PATH?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted while submitting");
        }
    }

    /** Single-quoted for the shell. */
    static String q(Object p) {
        return "'" + p.toString().replace("'", "'\\''") + "'";
    }
}
