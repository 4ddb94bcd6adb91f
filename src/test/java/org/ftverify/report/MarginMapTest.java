package org.ftverify.report;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The margin map and the explore section, from a small hand-written explore file. */
class MarginMapTest {
    static final String EXPLORE = """
            {"claim":"toy.c","theory":"toy","title":"t","statement":"s","mutant":null,"level":"quick","runSeed":5,"budget":3,
             "command":"./ftverify explore --claim toy.c --budget 3 --seed 5 --level quick","startedAt":"2026-12-02T00:00:00Z",
             "seconds":1.5,"verdict":"FALSIFIED",
             "parameters":[{"name":"a","kind":"real","lo":0,"hi":1,"logScale":false,"choices":[]},
                           {"name":"d","kind":"int","lo":16,"hi":4096,"logScale":true,"choices":[]},
                           {"name":"k","kind":"choice","lo":0,"hi":1,"logScale":false,"choices":["x","y"]}],
             "random":{"tries":1,"bestNormalisedGap":0.4,"firstFailure":null},
             "search":{"moves":2,"confirmations":1,"unconfirmed":0,
                       "best":{"n":3,"index":2001,"phase":"search","seed":1,"params":{"a":0.9,"d":64,"k":"y"},"verdict":"FALSIFIED","normalisedGap":1.3,"seconds":0.1,"reason":null},
                       "firstConfirmedFailure":{"n":3,"index":2001,"phase":"search","seed":1,"params":{"a":0.9,"d":64,"k":"y"},"verdict":"FALSIFIED","normalisedGap":1.3,"seconds":0.1,"reason":null},
                       "confirmation":{"n":4,"index":3001,"phase":"confirm","seed":9,"params":{"a":0.9,"d":64,"k":"y"},"verdict":"FALSIFIED","normalisedGap":1.2,"seconds":0.1,"reason":null}},
             "sensitivity":[{"parameter":"a","eta2":0.9},{"parameter":"k","eta2":0.3},{"parameter":"d","eta2":0.1}],
             "closestApproach":{"n":2,"index":2000,"phase":"search","seed":1,"params":{"a":0.7,"d":32,"k":"x"},"verdict":"VERIFIED","normalisedGap":0.8,"seconds":0.1,"reason":null},
             "result":null,
             "evaluations":[
               {"n":1,"index":0,"phase":"random","seed":1,"params":{"a":0.5,"d":16,"k":"x"},"verdict":"VERIFIED","normalisedGap":0.4,"seconds":0.1,"reason":null},
               {"n":2,"index":2000,"phase":"search","seed":1,"params":{"a":0.7,"d":32,"k":"x"},"verdict":"VERIFIED","normalisedGap":0.8,"seconds":0.1,"reason":null},
               {"n":3,"index":2001,"phase":"search","seed":1,"params":{"a":0.9,"d":64,"k":"y"},"verdict":"FALSIFIED","normalisedGap":1.3,"seconds":0.1,"reason":null},
               {"n":4,"index":3001,"phase":"confirm","seed":9,"params":{"a":0.9,"d":64,"k":"y"},"verdict":"FALSIFIED","normalisedGap":1.2,"seconds":0.1,"reason":null},
               {"n":5,"index":5000,"phase":"restart","seed":3,"params":{"a":0.1,"d":4096,"k":"x"},"verdict":"INCONCLUSIVE","normalisedGap":null,"seconds":0.1,"reason":"diverged"}]}
            """;

    @Test
    void mapsTheTwoMostSensitiveParametersAndMarksFailures() {
        String svg = MarginMap.render(JsonParser.parseString(EXPLORE).getAsJsonObject());
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assertTrue(svg.contains(">a</text>") && svg.contains(">k</text>"), "axes: a (eta2 0.9) and k (0.3), not d");
        assertFalse(svg.contains(">d (log scale)</text>"));
        assertEquals(2, count(svg, "FALSIFIED, gap/tol"), "both failing evaluations drawn as crosses");
        assertTrue(svg.contains("#5 INCONCLUSIVE"));
        assertTrue(svg.contains("stroke=\"#1e7e34\" stroke-width=\"2.5\""), "closest approach ringed");
        assertFalse(svg.contains("<script"));
    }

    @Test
    void oneParameterGivesAStripChart() {
        JsonObject o = JsonParser.parseString(EXPLORE).getAsJsonObject();
        o.getAsJsonArray("parameters").remove(2);
        o.getAsJsonArray("parameters").remove(1);
        String svg = MarginMap.render(o);
        assertTrue(svg.contains(">tolerance</text>") && svg.contains(">gap / tolerance</text>"));
    }

    @Test
    void colourScaleIsBlueBelowAndRedAboveTheTolerance() {
        assertEquals("#313695", MarginMap.color(0, 1.5));
        assertTrue(MarginMap.color(1.4, 1.5).startsWith("#a") || MarginMap.color(1.4, 1.5).startsWith("#9") || MarginMap.color(1.4, 1.5).startsWith("#8"),
                MarginMap.color(1.4, 1.5));
    }

    @Test
    void exploreSectionListsEveryFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("toy.c.json"), EXPLORE);
        String adoc = ExploreSection.render(dir);
        assertTrue(adoc.startsWith("[[explored-claims]]\n== Explored claims"));
        assertTrue(adoc.contains("first confirmed failure"));
        assertTrue(adoc.contains("<svg"));
        assertTrue(adoc.contains("./ftverify explore --claim toy.c"));
        assertEquals("", ExploreSection.render(dir.resolve("missing")));
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) n++;
        return n;
    }
}
