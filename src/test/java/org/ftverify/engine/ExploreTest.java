package org.ftverify.engine;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.ftverify.core.EvidenceLevel;
import org.ftverify.core.Verdict;
import org.ftverify.report.MarginMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'explore' on the toy claim of TargetedSearchTest that fails only in a corner. */
class ExploreTest {
    @Test
    void exploreFindsWhatTheRandomTriesMissAndRecordsEveryEvaluation(@TempDir Path dir) {
        PropertyEngine engine = new PropertyEngine(new EngineConfig(EvidenceLevel.QUICK, 11, dir, 40, true, null), s -> {});
        StringBuilder progress = new StringBuilder();
        Explore.Result r = Explore.run(TargetedSearchTest.narrow(), "toy", engine, 40, s -> progress.append(s).append('\n'));
        // the random tries are those of 'verify' at the same run seed, and they pass
        ClaimResult verify = new PropertyEngine(new EngineConfig(EvidenceLevel.QUICK, 11, dir.resolve("v"), 40, true, null).withSearchBudget(0), s -> {})
                .run(TargetedSearchTest.narrow(), "toy");
        assertEquals(Verdict.VERIFIED, verify.verdict());
        for (int i = 0; i < r.randomTries(); i++) assertEquals(verify.tries().get(i).params(), r.evaluations().get(i).params());
        assertNull(r.randomFailure());
        assertNotNull(r.searchFailure(), "the search finds the corner");
        assertEquals(Verdict.FALSIFIED, r.search().confirmation().verdict());
        assertEquals(Verdict.FALSIFIED, r.verdict());
        assertEquals(40, r.search().moves(), "explore keeps mapping after the first failure");
        assertEquals("a", r.sensitivity().get(0).parameter(), "a moves gap/tol most");
        assertTrue(r.closestApproach().normalisedGap() <= 1);
        assertTrue(progress.toString().contains("move 40/40"), progress.toString());

        JsonObject json = Explore.toJson(r, "./ftverify explore --claim toy.narrow");
        assertEquals(r.evaluations().size(), json.getAsJsonArray("evaluations").size());
        JsonObject first = json.getAsJsonArray("evaluations").get(0).getAsJsonObject();
        for (String k : new String[] {"n", "phase", "params", "seed", "normalisedGap", "verdict", "seconds"}) assertTrue(first.has(k), k);
        assertFalse(json.getAsJsonObject("search").get("firstConfirmedFailure").isJsonNull());
        assertTrue(MarginMap.render(json).contains("FALSIFIED, gap/tol"));
        assertTrue(Explore.file(Path.of("/r"), "toy.narrow").endsWith("target/ftverify/explore/toy.narrow.json"));

        // round trip through the file as written (Gson leaves null members out): the report section reads it cleanly
        Path file = Explore.file(dir, "toy.narrow");
        ResultsWriter.write(file, json);
        String adoc = org.ftverify.report.ExploreSection.render(file.getParent());
        assertFalse(adoc.contains("WARNING"), adoc);
        assertTrue(adoc.contains("first confirmed failure") && adoc.contains("<svg"), adoc);
        Explore.Result quiet = Explore.run(TargetedSearchTest.narrow(), "toy",
                new PropertyEngine(new EngineConfig(EvidenceLevel.QUICK, 11, dir, 40, true, null), s -> {}), 0, s -> {});
        ResultsWriter.write(file, Explore.toJson(quiet, "cmd"));
        String none = org.ftverify.report.ExploreSection.render(file.getParent());
        assertFalse(none.contains("WARNING"), none);
        assertTrue(none.contains("no confirmed failure"), none);
    }
}
