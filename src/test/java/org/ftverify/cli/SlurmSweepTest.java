package org.ftverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ftverify.core.Claim;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.engine.ClaimResult;
import org.ftverify.engine.EngineConfig;
import org.ftverify.engine.PropertyEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sharded sweep on a single-node SLURM cluster brought up on localhost for the test (Debian's slurmctld,
 * slurmd, slurm-client and munge; no systemd, proctrack/linuxproc, task/none, no accounting, munge socket in the run
 * directory, free ports): 'sweep --engine slurm' submits an array of shards, an array of search units after them and
 * a merge after those, and the merged
 * verdicts and gaps equal a sequential run's. The daemons are stopped by their PIDs. Skipped when SLURM is absent.
 */
class SlurmSweepTest {
    static final List<String> CLAIMS = List.of("dln.gd-conservation", "lora.reference-tau");
    static final long SEED = 20261202L;

    @TempDir
    Path tmp;
    private final List<Process> daemons = new ArrayList<>();
    private Path conf;

    @AfterEach
    void stopDaemons() throws InterruptedException {
        if (conf != null) {
            // jobs of this private cluster first (a failed test may leave some), so no slurmstepd outlives its slurmd
            Map<String, String> env = Map.of("SLURM_CONF", conf.toString());
            try {
                exec(env, 20, "scancel", "-p", "ftvtest");
                waitFor(() -> exec(env, 10, "squeue", "-h").isBlank(), 20, "cancelled jobs to end");
            } catch (Exception | AssertionError e) {
                System.err.println("[SlurmSweepTest] cleanup: " + e.getMessage());
            }
        }
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process p = daemons.get(i);
            p.destroy(); // SIGTERM to the PID this test started
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    static boolean installed(String binary) {
        for (String d : new String[] {"/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/"}) if (Files.isExecutable(Path.of(d + binary))) return true;
        return false;
    }

    @Test
    void slurmSweepGivesTheSequentialVerdicts() throws Exception {
        for (String b : List.of("slurmctld", "slurmd", "sbatch", "squeue", "munged", "mungekey"))
            assumeTrue(installed(b), "SLURM test skipped: " + b + " is not installed (apt-get install slurmctld slurmd slurm-client munge)");
        assumeTrue("root".equals(System.getProperty("user.name")), "SLURM test skipped: slurmd starts jobs as their user, which needs root (CI runs as root)");
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx--x--x"));
        conf = startCluster(run);
        Map<String, String> env = Map.of("SLURM_CONF", conf.toString());

        Path root = Path.of(System.getProperty("ftverify.root", ".")).toAbsolutePath();
        Path launcher = run.resolve("ftverify-test");
        Files.writeString(launcher, "#!/bin/sh\nexec " + SlurmSweep.q(Path.of(System.getProperty("java.home"), "bin", "java"))
                + " --add-modules jdk.incubator.vector -Xss8m -Xmx1g -Dftverify.root=" + SlurmSweep.q(root)
                + " -cp " + SlurmSweep.q(System.getProperty("java.class.path")) + " org.ftverify.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path sweep = tmp.resolve("sweep"), results = tmp.resolve("results");
        long submitted = System.nanoTime();
        String out = exec(env, 120, launcher.toString(), "sweep", "--engine", "slurm", "--shards", "3", "--array-limit", "2", "--claim", String.join(",", CLAIMS),
                "--level", "quick", "--seed", Long.toString(SEED), "--dir", sweep.toString(), "--results", results.toString(), "--no-report",
                "--launcher", launcher.toString());
        String mergeJob = out.lines().filter(l -> l.startsWith("merge-job ")).findFirst().orElseThrow(() -> new AssertionError("no merge job in:\n" + out)).substring(10);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (!exec(env, 20, "squeue", "-h", "-j", mergeJob).isBlank()) {
            assertTrue(System.nanoTime() < deadline, "merge job " + mergeJob + " still queued or running after 150 s");
            Thread.sleep(1000);
        }
        System.out.printf(java.util.Locale.ROOT, "[SlurmSweepTest] sweep of %d claims in 3 shards: submission to merge finished in %.1f s%n",
                CLAIMS.size(), (System.nanoTime() - submitted) / 1e9);
        Path merged = results.resolve("results.json");
        assertTrue(Files.exists(merged), "no results.json after the merge job; its log:\n" + read(sweep.resolve("logs/merge.out")));

        StringBuilder searchRecords = new StringBuilder();
        try (var files = Files.list(sweep.resolve("search"))) {
            for (Path f : files.toList()) searchRecords.append(Files.readString(f));
        }
        assertTrue(searchRecords.toString().contains("\"unit\":\"dln.gd-conservation#search\""),
                "the targeted search of dln.gd-conservation ran as a search unit: " + searchRecords);
        TheoryRegistry reg = TheoryRegistry.load(root);
        Map<String, String> sequential = new LinkedHashMap<>(), sharded = new LinkedHashMap<>();
        PropertyEngine engine = new PropertyEngine(new EngineConfig(EvidenceLevel.QUICK, SEED, tmp.resolve("archive"), 12, true, null), s -> {}, s -> {});
        for (String id : CLAIMS) {
            Claim c = reg.claim(id);
            ClaimResult r = engine.run(c, reg.theoryOf(c).id());
            sequential.put(c.id(), r.verdict() + " " + r.normalisedGap());
        }
        JsonObject json = JsonParser.parseString(Files.readString(merged)).getAsJsonObject();
        for (JsonElement t : json.getAsJsonArray("theories"))
            for (JsonElement ce : t.getAsJsonObject().getAsJsonArray("claims")) {
                JsonObject c = ce.getAsJsonObject();
                if (!sequential.containsKey(c.get("id").getAsString())) continue;
                double gap = c.get("normalisedGap").isJsonNull() ? Double.NaN : c.get("normalisedGap").getAsDouble();
                sharded.put(c.get("id").getAsString(), c.get("verdict").getAsString() + " " + gap);
            }
        assertEquals(sequential, sharded, "SLURM sweep vs sequential run at seed " + SEED);
    }

    /** munged, slurmctld and slurmd in the foreground as children of this JVM; returns slurm.conf once the node is idle. */
    private Path startCluster(Path run) throws Exception {
        Path munge = Files.createDirectories(run.resolve("munge"));
        Files.setPosixFilePermissions(munge, PosixFilePermissions.fromString("rwx--x--x"));
        Path key = munge.resolve("munge.key"), socket = munge.resolve("munge.sock");
        exec(Map.of(), 20, "mungekey", "-c", "-k", key.toString(), "-b", "1024");
        daemons.add(start(run.resolve("munged.out"), Map.of(), "munged", "-F", "--force", "--socket=" + socket, "--key-file=" + key,
                "--pid-file=" + munge.resolve("munged.pid"), "--log-file=" + munge.resolve("munged.log"), "--seed-file=" + munge.resolve("munged.seed")));
        waitFor(() -> Files.exists(socket), 10, "munged socket " + socket);

        String host = exec(Map.of(), 10, "hostname", "-s").strip();
        int cpus = Math.max(1, Runtime.getRuntime().availableProcessors());
        Path conf = run.resolve("slurm.conf");
        Files.createDirectories(run.resolve("state"));
        Files.createDirectories(run.resolve("spool"));
        Files.writeString(conf, String.join("\n",
                "ClusterName=ftvtest",
                "SlurmctldHost=" + host + "(127.0.0.1)",
                "SlurmctldPort=" + freePort(),
                "SlurmdPort=" + freePort(),
                "SlurmUser=" + System.getProperty("user.name"),
                "AuthType=auth/munge",
                "CredType=cred/munge",
                "AuthInfo=socket=" + socket,
                "StateSaveLocation=" + run.resolve("state"),
                "SlurmdSpoolDir=" + run.resolve("spool"),
                "SlurmctldPidFile=" + run.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + run.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + run.resolve("slurmctld.log"),
                "SlurmdLogFile=" + run.resolve("slurmd.log"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "JobCompType=jobcomp/none",
                "SchedulerType=sched/builtin",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_CPU",
                "ReturnToService=2",
                "MpiDefault=none",
                "NodeName=" + host + " NodeAddr=127.0.0.1 CPUs=" + cpus + " State=UNKNOWN",
                "PartitionName=ftvtest Nodes=ALL Default=YES MaxTime=INFINITE State=UP", ""));
        Map<String, String> env = Map.of("SLURM_CONF", conf.toString());
        daemons.add(start(run.resolve("slurmctld.out"), env, "slurmctld", "-D", "-c", "-f", conf.toString()));
        daemons.add(start(run.resolve("slurmd.out"), env, "slurmd", "-D", "-f", conf.toString()));
        waitFor(() -> {
            try {
                return exec(env, 10, "sinfo", "-h", "-o", "%t").strip().equals("idle");
            } catch (AssertionError notYet) {
                return false; // slurmctld not listening yet
            }
        }, 30,
                "an idle node (logs: " + run.resolve("slurmctld.log") + ", " + run.resolve("slurmd.log") + ")");
        return conf;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Process start(Path log, Map<String, String> env, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, int seconds, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            Thread.sleep(200);
        }
    }

    /** Runs a command to completion and returns its output (stdout and stderr); fails on a non-zero exit. */
    static String exec(Map<String, String> env, int seconds, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish in " + seconds + " s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new AssertionError(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "):\n" + text);
        return text;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return "(cannot read " + f + ")";
        }
    }
}
