package org.ftverify.spark;

import java.util.List;
import org.ftverify.core.CheckAbort;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Theory;

/**
 * A toy theory registered only on this module's test class path (so executors find it as they find real theories):
 * a claim that fails at some tries, one left undecided at some, and one that holds with a noisy gap, so the Spark run
 * is compared with the sequential engine on every way a claim can be decided (lowest falsifying try, undecided,
 * targeted search). The same claims as the root's ShardedRunTest.
 */
public final class SparkToyTheory implements Theory {
    static final ParameterSpace SPACE = ParameterSpace.of(Parameter.real("a", 0, 10, 1, "toy amplitude"));

    @Override
    public String id() {
        return "sparktoy";
    }

    @Override
    public String title() {
        return "toy theory for the Spark engine's tests";
    }

    @Override
    public String citation() {
        return "none";
    }

    @Override
    public List<String> provenance() {
        return List.of("test");
    }

    @Override
    public String proofPage() {
        return "proofs/sparktoy.adoc";
    }

    @Override
    public List<Claim> claims() {
        return List.of(
                // fails where a > 8: the lowest failing try index must win, whichever task ran it
                Claim.builder("sparktoy.edge").title("edge").statement("a <= 8").provenance("test").space(SPACE).tries(16, 16, 16)
                        .check((p, ctx) -> new Evidence().compare(Comparison.absolute("a clipped", Math.min(p.real("a"), 8), p.real("a"), 1e-9, "exact")))
                        .build(),
                // undecided where 2 < a < 3, a noisy gap elsewhere
                Claim.builder("sparktoy.domain").title("domain").statement("noise").provenance("test").space(SPACE).tries(12, 12, 12)
                        .check((p, ctx) -> {
                            double a = p.real("a");
                            if (a > 2 && a < 3) throw CheckAbort.outsideDomain("a in (2, 3)");
                            double noise = new java.util.SplittableRandom(ctx.seed()).nextGaussian();
                            return new Evidence().compare(Comparison.absolute("noise", 0, 0.1 * noise * a / 10, 1, "unit tolerance"));
                        }).build(),
                // always holds with a seed-dependent gap: its targeted search runs as a Spark task
                Claim.builder("sparktoy.noisy").title("noisy").statement("noise").provenance("test").space(SPACE).tries(9, 9, 9)
                        .check((p, ctx) -> {
                            double noise = new java.util.SplittableRandom(ctx.seed()).nextGaussian();
                            return new Evidence().compare(Comparison.absolute("noise", 0, 0.2 * noise * p.real("a") / 10, 1, "unit tolerance"));
                        }).build());
    }
}
