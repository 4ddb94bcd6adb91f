package org.ftverify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.PowerProbe;
import org.ftverify.core.Theory;
import org.junit.jupiter.api.Test;

/** The sweep finds the smallest rejected delta per sign, and a claim blind to the largest delta costs one run per sign. */
class PowerSweepTest {
    /** A claim comparing a*(1 + delta) with a under a relative tolerance {@code tol}; counts its runs. */
    private static Claim scaled(String id, double delta, double tol, AtomicInteger runs) {
        return Claim.builder(id).title("toy " + id).statement("a*(1+delta) = a").provenance("test").space(ToyTheory.SPACE).tries(1, 1, 1)
                .check((p, ctx) -> {
                    runs.incrementAndGet();
                    double a = p.real("a");
                    return new Evidence().compare(Comparison.absolute("a", a * (1 + delta), a, tol * Math.abs(a), "toy"));
                }).build();
    }

    private record Probed(String id, double tol, AtomicInteger runs) implements Theory {
        public String title() { return "probed toy"; }
        public String citation() { return "none"; }
        public List<String> provenance() { return List.of("test"); }
        public String proofPage() { return "proofs/" + id + ".adoc"; }
        public List<Claim> claims() { return List.of(scaled(id + ".c", 0, tol, runs)); }
        public List<PowerProbe> powerProbes() { return List.of(new PowerProbe(id + ".c", "a", d -> List.of(scaled(id + ".c", d, tol, runs)))); }
    }

    @Test
    void smallestRejectedDeltaPerSign() {
        Probed t = new Probed("sharp", 0.07, new AtomicInteger());
        PowerSweep.Measurement m = PowerSweep.run(List.of(t), null, 1, s -> {}).get(0);
        assertEquals(0.1, m.detectedUp());
        assertEquals(0.1, m.detectedDown());
        assertEquals(0.1, m.detected());
        assertEquals(List.of(0.5, 0.02, 0.05, 0.1, -0.5, -0.02, -0.05, -0.1), m.deltasTried());
    }

    @Test
    void blindClaimCostsOneRunPerSign() {
        Probed t = new Probed("blind", 0.9, new AtomicInteger());
        PowerSweep.Measurement m = PowerSweep.run(List.of(t), null, 1, s -> {}).get(0);
        assertNull(m.detected());
        assertEquals(List.of(0.5, -0.5), m.deltasTried());
        assertEquals(2, t.runs().get());
    }
}
