package org.ftverify.engine;

import com.google.gson.JsonObject;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Theory;
import org.ftverify.evidence.Tolerance;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fields results.json carries for the report: evidence kind, resolution, one-sidedness, blueprint links. */
class JsonCodecReportFieldsTest {
    private static final Tolerance TOL = Tolerance.derived(0.1, "test");

    @Test
    void comparisonCarriesKindResolutionAndRelation() {
        JsonObject o = JsonCodec.comparison(TOL.compare("x", 2.0, 2.05));
        assertEquals("INDEPENDENT", o.get("kind").getAsString());
        assertEquals(0.05, o.get("resolution").getAsDouble(), 1e-15);
        assertEquals("equal", o.get("relation").getAsString());
        assertEquals("CONSISTENCY", JsonCodec.comparison(TOL.compare("x", 2.0, 2.05).consistency()).get("kind").getAsString());
    }

    @Test
    void oneSidedChecksAreRecognisedWhetherTheyPassOrFail() {
        assertTrue(JsonCodec.oneSided(TOL.atLeast("x", 3.0, 2.0)), "passing at-least");
        assertTrue(JsonCodec.oneSided(TOL.atLeast("x", 1.0, 2.0)), "failing at-least");
        assertTrue(JsonCodec.oneSided(TOL.atMost("x", 1.0, 2.0)), "passing at-most");
        assertTrue(JsonCodec.oneSided(TOL.atMost("x", 3.0, 2.0)), "failing at-most");
        assertTrue(JsonCodec.oneSided(Comparison.atLeast("x", 5, 1, 0.5, "direct")));
        assertFalse(JsonCodec.oneSided(TOL.compare("x", 2.0, 2.05)));
        assertFalse(JsonCodec.oneSided(TOL.compare("x", 2.0, 1.5)), "a failing two-sided comparison");
        assertFalse(JsonCodec.oneSided(TOL.compare("x", 2.0, 2.0)), "an exact two-sided match");
    }

    @Test
    void claimCarriesItsBlueprintLinks() {
        Claim c = Claim.builder("t.c").title("P1 — x").statement("s").provenance("derived")
                .space(org.ftverify.core.ParameterSpace.of()).check((p, ctx) -> new org.ftverify.core.Evidence())
                .cites("t-p1").uses("step-a", "step-b").reads("tau").build();
        JsonObject o = new JsonObject();
        ResultsWriter.blueprintLinks(o, c, new Theory() {
            public String id() { return "t"; }
            public String title() { return "T"; }
            public String citation() { return "c"; }
            public List<String> provenance() { return List.of(); }
            public String proofPage() { return "proofs/t.adoc"; }
            public List<Claim> claims() { return List.of(c); }
        });
        assertEquals("t-p1", o.get("cites").getAsString());
        assertEquals(2, o.getAsJsonArray("uses").size());
        assertEquals("tau", o.getAsJsonArray("reads").get(0).getAsString());
        assertEquals("docs/theory/t.adoc", o.get("theoryPage").getAsString());
    }
}
