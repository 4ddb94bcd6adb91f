package org.ftverify.core;

import static org.junit.jupiter.api.Assertions.*;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failure part-way through a write leaves the previous file whole and no temporary file behind. */
public class AtomicFilesTest {

    /** Like a full disk: accepts {@code capacity} bytes, then fails as the kernel does (ENOSPC). */
    public static OutputStream fullDisk(OutputStream out, int capacity) {
        return new FilterOutputStream(out) {
            int written;

            @Override
            public void write(int b) throws IOException {
                if (written++ >= capacity) throw new IOException("No space left on device");
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) write(b[off + i]);
            }
        };
    }

    @Test
    void fullDiskLeavesThePreviousFileIntact(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.json");
        AtomicFiles.writeString(f, "{\"old\": true}\n");
        String big = "{\"new\": \"" + "x".repeat(100_000) + "\"}\n";
        UncheckedIOException e;
        try (AutoCloseable fault = AtomicFiles.injectFault(out -> fullDisk(out, 16_384))) {
            e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeString(f, big));
        }
        assertEquals("cannot write " + f + ": No space left on device", e.getMessage());
        assertEquals("{\"old\": true}\n", Files.readString(f), "the old content survives, not a 16 KiB prefix");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
        AtomicFiles.writeString(f, big);
        assertEquals(big, Files.readString(f));
    }

    @Test
    void newFilesAreReadableByOthersAndParentsAreCreated(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a/b/c.json");
        AtomicFiles.writeString(f, "x");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aFileInTheWayIsOneLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("target"), "not a directory");
        var e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeString(dir.resolve("target/ftverify/results.json"), "{}"));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot write " + dir.resolve("target/ftverify/results.json")), e.getMessage());
    }
}
