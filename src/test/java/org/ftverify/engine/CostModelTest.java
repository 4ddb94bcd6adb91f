package org.ftverify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ftverify.core.Claim;
import org.ftverify.core.Evidence;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.LevelSize;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declared level budgets scale a measured cost to another level; a cost measured at the level wins. */
class CostModelTest {
    @TempDir
    Path dir;

    private static Claim claim(String id, LevelSize... sizes) {
        return Claim.builder(id).title("t").statement("s").provenance("test").space(ParameterSpace.of(Parameter.real("a", 0, 1, 0.5, "a")))
                .tries(2, 4, 8).levels(sizes).check((p, ctx) -> new Evidence()).build();
    }

    @Test
    void declaredWorkScalesACostBetweenLevels() {
        Claim sgd = claim("toy.sgd", LevelSize.sgdDimension("d", 1000, 2000, 4000), LevelSize.seeds("seeds", 2, 4, 8));
        assertEquals(16 * 4, sgd.costRatio(EvidenceLevel.QUICK, EvidenceLevel.DEEP), 1e-9, "d^2 x seeds");
        assertEquals(1.0 / 64, sgd.costRatio(EvidenceLevel.DEEP, EvidenceLevel.QUICK), 1e-12);
        assertEquals("8 tries; d = 4000, seeds = 8", sgd.settings(EvidenceLevel.DEEP));
        Claim parts = claim("toy.parts", LevelSize.seeds("runs", 1, 2, 10).part("sgd"), LevelSize.samples("n", 1, 2, 3).part("mc"));
        assertEquals(10, parts.costRatio(EvidenceLevel.QUICK, EvidenceLevel.DEEP), 1e-12, "separate parts: the one that grows most");
        assertEquals(1, claim("toy.none").costRatio(EvidenceLevel.QUICK, EvidenceLevel.DEEP));
        assertEquals(4000, LevelSize.dimension("d", 1000, 2000, 4000).at(EvidenceLevel.DEEP));
        assertThrows(IllegalArgumentException.class, () -> claim("toy.twice", LevelSize.seeds("s", 1, 2, 3), LevelSize.seeds("s", 1, 2, 3)));
        assertThrows(IllegalArgumentException.class, () -> LevelSize.seeds("s", 0, 2, 3));
    }

    @Test
    void measuredAtTheLevelWinsElseTheNearestLevelIsScaled() {
        Claim a = claim("toy.a", LevelSize.dimension("d", 10, 20, 40)), b = claim("toy.b", LevelSize.dimension("d", 10, 20, 40)), c = claim("toy.c");
        CostModel m = new CostModel(List.of(
                new CostModel.Sample("toy.a", EvidenceLevel.QUICK, 1.0, "x"),
                new CostModel.Sample("toy.a", EvidenceLevel.DEEP, 3.0, "x"),
                new CostModel.Sample("toy.b", EvidenceLevel.QUICK, 1.0, "x"),
                new CostModel.Sample("toy.b", EvidenceLevel.STANDARD, 1.5, "x")));
        Map<String, CostModel.Cost> deep = m.costs(List.of(a, b, c), EvidenceLevel.DEEP);
        assertEquals(new CostModel.Cost(3.0, CostModel.Basis.MEASURED, "measured at deep"), deep.get("toy.a"));
        assertEquals(3.0, deep.get("toy.b").seconds(), 1e-12, "standard 1.5 s x 2, the nearest level");
        assertEquals(CostModel.Basis.SCALED, deep.get("toy.b").basis());
        assertEquals(CostModel.Basis.GUESSED, deep.get("toy.c").basis());
        assertEquals(3.0, deep.get("toy.c").seconds(), 1e-12, "median of the others");
        double[] v = m.validation(List.of(a, b), EvidenceLevel.QUICK, EvidenceLevel.DEEP).get("toy.a");
        assertEquals(3.0, v[0], 1e-12);
        assertEquals(4.0, v[1], 1e-12);
    }

    @Test
    void theCostFileKeepsTheLatestSampleOfEachClaimAndLevel() {
        Path f = dir.resolve("costs.json");
        CostModel.record(f, List.of(new CostModel.Sample("toy.a", EvidenceLevel.QUICK, 1.0, "first"),
                new CostModel.Sample("toy.a", EvidenceLevel.DEEP, 9.0, "deep")));
        CostModel.record(f, List.of(new CostModel.Sample("toy.a", EvidenceLevel.QUICK, 2.0, "second")));
        List<CostModel.Sample> s = CostModel.read(f);
        assertEquals(2, s.size());
        assertEquals(new CostModel.Sample("toy.a", EvidenceLevel.QUICK, 2.0, "second"), s.get(0));
        assertTrue(CostModel.read(dir.resolve("absent.json")).isEmpty());
    }
}
