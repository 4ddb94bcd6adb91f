package org.ftverify.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The source commit a run was made from, and whether tracked files had uncommitted changes. */
public record GitState(String commit, Boolean dirty) {
    static final GitState UNKNOWN = new GitState("unknown", null);

    /** Asks git in {@code root}; "unknown" (and dirty null) when git or the repository is missing. */
    public static GitState of(Path root) {
        String head = git(root, "rev-parse", "HEAD");
        if (head == null || head.isBlank()) return UNKNOWN;
        String status = git(root, "status", "--porcelain", "--untracked-files=no");
        return new GitState(head.strip(), status == null ? null : !status.isBlank());
    }

    private static String git(Path root, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
