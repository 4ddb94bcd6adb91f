package org.ftverify.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Scaling;
import org.ftverify.core.Series;
import org.ftverify.core.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finite-size verdicts on test-only toy claims: a prediction x checked against an "observation" x + offset + C/sqrt(d)
 * with a fixed tolerance 0.05, so small d fails. With offset 0 the gap is a pure d^-1/2 effect (the theory holds in
 * the limit): INCONCLUSIVE with the fitted order 1/2. With offset 0.2 the theory is wrong: the gap levels off at 0.2
 * and the verdict stays FALSIFIED with the fitted order as evidence.
 */
class ScalingVerdictTest {
    static final ParameterSpace SPACE = ParameterSpace.of(
            Parameter.integer("d", 16, 65536, 16, true, "toy dimension"),
            Parameter.real("x", 0, 1, 0.5, "toy prediction"));

    static Claim toy(String id, double offset, double c) {
        return Claim.builder(id).title("toy").statement("observation = x in the limit d -> infinity").provenance("test")
                .space(SPACE).tries(3, 3, 3).scaling(Scaling.dimension("d"))
                .check((p, ctx) -> new Evidence().compare(Comparison.absolute("observation", p.real("x"),
                        p.real("x") + offset + c / Math.sqrt(p.integer("d")), 0.05, "toy tolerance"))).build();
    }

    @Test
    void pureDimensionEffectIsInconclusiveWithFittedOrderOneHalf(@TempDir Path dir) {
        ClaimResult r = engine(dir).run(toy("toy.finite-size", 0, 1), "toy");
        assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.note());
        assertTrue(r.note().contains("finite-size effect, consistent with the theory in the limit"), r.note());
        ScalingVerdict.Fit f = r.analysis().scaling().fits().get(0);
        assertEquals(0.5, f.order(), 1e-9, "gap ~ d^-1/2 exactly");
        assertEquals(0, f.orderSe(), 1e-9);
        assertTrue(f.finiteSize());
        assertEquals(16, r.worst().params().integer("d"), "shrunk to the smallest d, then refined 16 -> 64 -> 256");
        assertArrayEquals(new double[] {16, 64, 256}, f.rungs().stream().mapToDouble(ScalingVerdict.Rung::value).toArray());
        assertTrue(r.note().contains("gap ~ d^-0.5 ± 0"), r.note());
        // the scaling plot goes with the failing evidence into the report
        assertTrue(r.worst().evidence().series().stream().map(Series::plot).anyMatch(s -> s.equals("finite-size ladder: gap vs d")));
        assertEquals(2, r.tries().stream().filter(t -> t.phase().equals("ladder")).count());
    }

    @Test
    void wrongTheoryStaysFalsifiedWithTheFittedOrderAsEvidence(@TempDir Path dir) {
        ClaimResult r = engine(dir).run(toy("toy.wrong-limit", 0.2, 1), "toy");
        assertEquals(Verdict.FALSIFIED, r.verdict(), r.note());
        ScalingVerdict.Fit f = r.analysis().scaling().fits().get(0);
        assertFalse(f.finiteSize());
        assertTrue(f.order() < 0.2, "the gap levels off: fitted order " + f.order());
        assertTrue(r.note().contains("the gap is not a finite-size effect") && r.note().contains("falls more slowly") || r.note().contains("does not fall"), r.note());
    }

    @Test
    void constantGapDoesNotFall(@TempDir Path dir) {
        ClaimResult r = engine(dir).run(toy("toy.constant", 0.3, 0), "toy");
        assertEquals(Verdict.FALSIFIED, r.verdict());
        ScalingVerdict.Fit f = r.analysis().scaling().fits().get(0);
        assertEquals(0, f.order(), 1e-9);
        assertTrue(f.text().contains("does not fall"), f.text());
    }

    @Test
    void stepSizeEffectRefinesDownward(@TempDir Path dir) {
        ParameterSpace space = ParameterSpace.of(Parameter.real("eta", 0.001, 0.5, 0.2, "toy step size"));
        Claim c = Claim.builder("toy.step").title("toy").statement("O(eta) bias").provenance("test").space(space).tries(1, 1, 1)
                .scaling(Scaling.stepSize("eta"))
                .check((p, ctx) -> new Evidence().compare(Comparison.absolute("y", 1, 1 + 2 * p.real("eta"), 0.05, "toy"))).build();
        ClaimResult r = engine(dir).run(c, "toy");
        assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.note());
        ScalingVerdict.Fit f = r.analysis().scaling().fits().get(0);
        assertEquals(1, f.order(), 1e-9);
        double top = f.rungs().get(0).value();
        assertEquals(top / 16, f.rungs().get(2).value(), 1e-12);
    }

    @Test
    void noisyFiniteSizeGapIsNotExcusedOnThreeNoisyRungs(@TempDir Path dir) {
        // Monte Carlo noise of relative size ~50% at the finest rung: three points cannot establish the law (t = 12.7),
        // so the failure is not excused; the verdict errs on the side of FALSIFIED.
        Claim c = Claim.builder("toy.noisy").title("toy").statement("s").provenance("test").space(SPACE).tries(1, 1, 1)
                .scaling(Scaling.dimension("d"))
                .check((p, ctx) -> {
                    double noise = 0.4 * new SplittableRandom(ctx.seed() ^ p.integer("d")).nextGaussian() / Math.sqrt(p.integer("d"));
                    return new Evidence().compare(Comparison.absolute("o", 0, 1 / Math.sqrt(p.integer("d")) + noise, 0.05, "toy"));
                }).build();
        ClaimResult r = engine(dir).run(c, "toy");
        assertNotNull(r.analysis().scaling());
        ScalingVerdict.Fit f = r.analysis().scaling().fits().get(0);
        assertEquals(12.706, f.t(), 1e-3);
        assertEquals(f.finiteSize() ? Verdict.INCONCLUSIVE : Verdict.FALSIFIED, r.verdict());
    }

    @Test
    void ladderStaysInRangeOrSaysWhyItCannot() {
        Parameter d = Parameter.integer("d", 16, 1024, 16, true, "d");
        Scaling s = Scaling.dimension("d");
        assertArrayEquals(new double[] {16, 64, 256}, ScalingVerdict.rungValues(d, s, 16));
        assertArrayEquals(new double[] {64, 256, 1024}, ScalingVerdict.rungValues(d, s, 256), "steps back from the range's end");
        assertNull(ScalingVerdict.rungValues(Parameter.integer("d", 16, 128, 16, true, "d"), s, 16));
        assertArrayEquals(new double[] {16, 64, 256}, ScalingVerdict.rungValues(Parameter.integer("d", 16, 128, 16, true, "d"),
                s.extendedTo(256, "test extension"), 16));
    }

    @Test
    void scalingMustNameANumericParameter() {
        var e = assertThrows(IllegalArgumentException.class, () -> Claim.builder("toy.bad").title("t").statement("s").provenance("p")
                .space(SPACE).scaling(Scaling.dimension("n")).check((p, ctx) -> new Evidence()).build());
        assertTrue(e.getMessage().contains("scaling names parameter 'n'"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Claim.builder("toy.bad").title("t").statement("s").provenance("p")
                .space(SPACE).scaling(Scaling.stepSize("d")).check((p, ctx) -> new Evidence()).build());
        assertTrue(e2.getMessage().contains("needs a positive real parameter"), e2.getMessage());
    }

    private static PropertyEngine engine(Path dir) {
        return new PropertyEngine(new EngineConfig(EvidenceLevel.QUICK, 3, dir, 40, true, null), s -> {});
    }
}
