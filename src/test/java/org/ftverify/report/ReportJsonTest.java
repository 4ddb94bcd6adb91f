package org.ftverify.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportJsonTest {
    @Test
    void missingFilesReadAsNull(@TempDir Path dir) {
        assertNull(ReportJson.readResults(dir.resolve("results.json")));
        assertNull(ReportJson.readProofs(dir.resolve("proofs.json")));
    }

    @Test
    void nullPlotValuesAreReadAsNaNAndInfinityIsKept() {
        ReportModel.Results r = ReportJson.readResults(Path.of("src/test/resources/report/results.json"));
        ReportModel.Claim falsified = r.theories().get(0).claims().get(1);
        assertEquals(Double.POSITIVE_INFINITY, falsified.normalisedGap());
        double[] y = falsified.worst().series().get(1).y();
        assertArrayEquals(new double[]{0.5, 0.41, Double.NaN, 0.31}, y);
        assertNull(falsified.worst().comparisons().get(1).observed());
    }

    @Test
    void emptyOrStructurallyWrongFilesAreRejectedNamingTheFile(@TempDir Path dir) throws IOException {
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReportJson.readResults(empty)).getMessage()
                .contains("empty.json"));
        Path noTheories = dir.resolve("no-theories.json");
        Files.writeString(noTheories, "{\"level\": \"quick\"}");
        assertEquals("malformed " + noTheories + ": no \"theories\" array",
                assertThrows(IllegalArgumentException.class, () -> ReportJson.readResults(noTheories)).getMessage());
        Path wrongType = dir.resolve("wrong-type.json");
        Files.writeString(wrongType, "{\"theories\": {}}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReportJson.readResults(wrongType)).getMessage()
                .startsWith("malformed " + wrongType + ": "));
        Path badProofs = dir.resolve("proofs.json");
        Files.writeString(badProofs, "{\"proofs\": 3}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReportJson.readProofs(badProofs)).getMessage()
                .contains("proofs.json"));
    }
}
