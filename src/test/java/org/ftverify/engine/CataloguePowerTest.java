package org.ftverify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue's measured-resolution line, and power.json read back exactly as PowerSweep wrote it. */
class CataloguePowerTest {
    @Test
    void measuredLineShowsBothDirectionsAndMisses() {
        var both = new PowerSweep.Measurement("t.c", "rate", 0.02, 0.05, 0.05, List.of(0.02, -0.02, -0.05), "quick", 7, 1.0);
        assertEquals("5% (+2% / −5%) in rate, quick level, seed 7", Catalogue.measured(both));
        var oneSided = new PowerSweep.Measurement("t.c", "rate", 0.1, null, null, List.of(0.1), "quick", 7, 1.0);
        assertEquals("*not rejected in both directions up to 50%* (+10% / −none up to 50%) in rate, quick level, seed 7",
                Catalogue.measured(oneSided));
        assertEquals("not measured (`./ftverify power`)", Catalogue.measured(null));
    }

    @Test
    void writtenMeasurementsReadBack(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("power.json");
        assertTrue(PowerSweep.read(json).isEmpty(), "absent file: nothing measured");
        var m = new PowerSweep.Measurement("t.c", "rate", 0.02, 0.02, 0.02, List.of(0.02, -0.02), "quick", 7, 1.5);
        var other = new PowerSweep.Measurement("t.c", "slope", 0.1, 0.2, 0.2, List.of(0.1, -0.2), "quick", 7, 1.5);
        PowerSweep.write(json, List.of(m));
        PowerSweep.write(json, List.of(other));
        assertEquals(Map.of("t.c", List.of(m, other)), PowerSweep.read(json), "two probes of one claim both kept");
        Files.writeString(json, "{ not json");
        assertThrows(IllegalArgumentException.class, () -> PowerSweep.read(json));
    }
}
