package org.ftverify.core;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a prefix: the bytes go
 * to a temporary file in the same directory, are forced to disk, and the temporary file is renamed over the target
 * (an atomic rename on POSIX file systems). A failure part-way (disk full, killed process) leaves the previous file
 * untouched and no temporary file behind (a kill -9 can leave a {@code .name.*.tmp}, which is never read).
 *
 * <p>Every artefact ftverify writes goes through here: results.json and the per-claim results, counterexample files,
 * the catalogue and the report.
 */
public final class AtomicFiles {
    /**
     * Test hook: wraps the stream the bytes are written to (e.g. one that fails after N bytes, like a full disk).
     * Identity in production.
     */
    private static volatile UnaryOperator<OutputStream> streamWrapper = UnaryOperator.identity();

    private AtomicFiles() {}

    /**
     * Fault injection for tests: every write goes through {@code wrapper} (e.g. a stream that throws "No space left
     * on device" after N bytes) until the returned handle is closed.
     */
    public static AutoCloseable injectFault(UnaryOperator<OutputStream> wrapper) {
        streamWrapper = wrapper;
        return () -> streamWrapper = UnaryOperator.identity();
    }

    /** Writes {@code text} as UTF-8. Throws UncheckedIOException with a one-line message naming the file. */
    public static void writeString(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes}, creating the parent directories. */
    public static void write(Path file, byte[] bytes) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = streamWrapper.apply(java.nio.channels.Channels.newOutputStream(ch))) {
                out.write(bytes);
                out.flush();
                ch.force(true);
            }
            copyPermissions(target, tmp);
            move(tmp, target);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + describe(e), e);
        } finally {
            if (tmp != null) deleteQuietly(tmp);
        }
    }

    /** createTempFile makes the file owner-only (0600); the result should look like any other file written here. */
    private static void copyPermissions(Path target, Path tmp) {
        try {
            if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) return;
            Set<PosixFilePermission> perms = Files.exists(target) ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(tmp, perms);
        } catch (IOException | UnsupportedOperationException e) {
            // permissions are cosmetic here; the content is what matters
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this happens only on exotic file systems; a plain replace is still better than
            // writing in place.
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A one-line reason: the exception's own message, or its class when it has none ("No space left on device"). */
    public static String describe(IOException e) {
        String m = e.getMessage();
        String kind = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way"
                : null;
        if (kind != null) return kind;
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the temporary name starts with a dot and ends in .tmp; nothing reads it
        }
    }
}
