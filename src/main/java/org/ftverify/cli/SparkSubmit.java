package org.ftverify.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ftverify.core.AtomicFiles;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.engine.Plan;
import org.ftverify.engine.ResultStore;

/**
 * {@code ftverify sweep --engine spark}: writes the plan into a sweep directory and prints the {@code spark-submit}
 * command that runs it with the Spark module's driver (spark/, built by its own pom so this artifact stays free of
 * Spark), and the Maven command that runs the same driver on this machine in local mode. It submits nothing itself: a
 * researcher submits to their cluster from their gateway, with their site's master URL and resources.
 */
public final class SparkSubmit {
    /**
     * JVM flags of the driver and the executors on Java 17: the module opens of Spark's own launcher
     * (JavaModuleOptions; spark-submit adds them too, listed so the command works with any launcher) and the verifier's
     * flags (the incubating Vector API, deep Symja stacks). The Spark module's pom passes the same list to its tests.
     */
    public static final String JVM_FLAGS = "--add-modules jdk.incubator.vector -Xss8m -XX:+IgnoreUnrecognizedVMOptions"
            + " --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED"
            + " --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED"
            + " --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED"
            + " --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED"
            + " --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED"
            + " --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED"
            + " --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED"
            + " -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true";

    /** The driver class in the Spark module's jar. */
    static final String DRIVER = "org.ftverify.spark.SparkSweep";

    private SparkSubmit() {}

    static int print(ClusterCommands.Args a, Path root, ResultStore store, TheoryRegistry reg, PrintStream out) {
        for (String slurmOnly : new String[] {"--array-limit", "--partition", "--launcher", "--sbatch-option"})
            if (a.get(slurmOnly) != null || (slurmOnly.equals("--sbatch-option") && !a.sbatchOptions().isEmpty()))
                throw new IllegalArgumentException(slurmOnly.substring(2) + ": applies to --engine slurm only");
        Path dir = (a.get("--dir") != null ? Path.of(a.get("--dir")) : store.dir().resolve("sweeps").resolve(SlurmSweep.STAMP.format(java.time.Instant.now())))
                .toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("dir: cannot create " + dir + " (" + AtomicFiles.describe(e) + ")");
        }
        Path planFile = dir.resolve("plan.json");
        Plan plan = ClusterCommands.makePlan(a, root, store, reg, planFile, out, 1); // Spark deals units itself; shards only matter to 'shard'
        Path jar = root.resolve("spark/target/ftverify-spark.jar");
        String driverArgs = " --plan " + SlurmSweep.q(planFile) + (a.get("--results") != null ? " --results " + SlurmSweep.q(store.dir().toAbsolutePath()) : "")
                + (a.noReport() ? " --no-report" : "");
        String master = a.get("--master") != null ? SlurmSweep.q(a.get("--master")) : "<master-url>";
        out.println("[ftverify] run the plan's " + plan.units().size() + " units on Spark (3.5, Scala 2.12, Java 17+) from a machine that has this checkout"
                + " at " + root + ":");
        out.println("spark-submit --master " + master + " --deploy-mode client --class " + DRIVER + " \\\n"
                + "  --driver-memory 6g --executor-memory 7g \\\n"
                + "  --driver-java-options " + SlurmSweep.q("-Dftverify.root=" + root + " " + JVM_FLAGS) + " \\\n"
                + "  --conf " + SlurmSweep.q("spark.executor.extraJavaOptions=" + JVM_FLAGS) + " \\\n"
                + "  " + SlurmSweep.q(jar) + driverArgs);
        if (a.get("--master") == null)
            out.println("[ftverify] <master-url>: your cluster's (spark://host:7077, yarn, k8s://...), or 'local[2]' on this machine");
        out.println("[ftverify] without a Spark installation, in local mode on this machine:");
        out.println("mvn -q -B -f " + SlurmSweep.q(root.resolve("spark/pom.xml")) + " exec:exec -Dspark.args=" + SlurmSweep.q("--master local[2]" + driverArgs));
        if (!Files.isRegularFile(jar))
            out.println("[ftverify] note: " + jar + " is not built yet: mvn -B -DskipTests install && mvn -B -f spark/pom.xml -DskipTests package"
                    + " (docs/scale-out.adoc, Spark)");
        out.println("[ftverify] records go to " + dir.resolve("shards/spark.jsonl") + " and " + dir.resolve("search/spark.jsonl")
                + "; started again the driver evaluates only what they lack, then merges (results.json" + (a.noReport() ? "" : ", report") + ")");
        return Main.OK;
    }
}
