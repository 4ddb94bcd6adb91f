package org.ftverify.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Theory;
import org.ftverify.core.TheoryRegistry;

/** Small theories for the engine's fault tests: claims that take {@code millis} per try and always hold. */
public record ToyTheory(String id, List<Claim> claims) implements Theory {
    static final ParameterSpace SPACE = ParameterSpace.of(Parameter.real("a", 0, 10, 1, "toy amplitude"));
    /** Every check evaluation in this JVM, to prove a run stopped before any claim ran. */
    static final AtomicInteger EVALUATIONS = new AtomicInteger();

    public static ToyTheory of(String id, int claims, long millis) {
        List<Claim> cs = new ArrayList<>();
        for (int i = 1; i <= claims; i++) cs.add(sound(id + ".c" + i, millis));
        return new ToyTheory(id, cs);
    }

    public static Claim sound(String claimId, long millis) {
        return Claim.builder(claimId).title("toy " + claimId).statement("a*a = a^2").provenance("test").space(SPACE).tries(1, 1, 1)
                .check((p, ctx) -> {
                    EVALUATIONS.incrementAndGet();
                    sleep(millis);
                    return new Evidence().compare(Comparison.absolute("a^2", p.real("a") * p.real("a"), Math.pow(p.real("a"), 2), 1e-9, "round-off"));
                }).build();
    }

    /** A claim that only compares the model with itself (internal consistency). */
    public static Claim consistencyOnly(String claimId) {
        return Claim.builder(claimId).title("toy " + claimId).statement("a = a").provenance("test").space(SPACE).tries(1, 1, 1)
                .check((p, ctx) -> new Evidence().compare(Comparison.absolute("a", p.real("a"), p.real("a"), 1e-9, "identity").consistency())).build();
    }

    public static TheoryRegistry registry(Theory... ts) {
        return new TheoryRegistry(List.of(ts));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String title() {
        return "toy theory " + id;
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
        return "proofs/" + id + ".adoc";
    }
}
