package org.ftverify.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** power.json with two probes of one claim: the report shows both, each with its quantity. */
class PowerResultsTest {
    @Test
    void everyProbeOfAClaimIsShown(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("power.json");
        Files.writeString(f, """
                {"claims": [
                  {"claim": "t.a", "quantity": "tau", "detected": 0.02, "deltasTried": [0.02, -0.02]},
                  {"claim": "t.a", "quantity": "kappa", "detected": null, "deltasTried": [0.1, 0.2, 0.5]},
                  {"claim": "t.b", "quantity": "rate", "detected": 0.05, "deltasTried": [0.05]}
                ]}""");
        PowerResults p = PowerResults.read(f);
        assertEquals("2% in tau; not rejected up to 50% in kappa", p.shown("t.a"));
        assertEquals("5%", p.shown("t.b"));
        assertEquals("not measured", p.shown("t.c"));
    }
}
