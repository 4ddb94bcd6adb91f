package org.ftverify.symbolic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A proof page: an AsciiDoc document with executable Symja blocks (format: proofs/README.adoc).
 *
 * <pre>
 * .Optional step title
 * [symja,id=he2-a,check,timeout=30]
 * ----
 * a2(mu_) := ...
 * Expand(a2(mu) - 3/2*mu*(1-mu^2)) == 0
 * ----
 * </pre>
 */
final class ProofPage {
    /** Per-block time budget when the block gives none; generous next to the seconds a proof step takes. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(600);
    private static final Pattern ATTRIBUTES = Pattern.compile("^\\[symja(?:,(.*))?]\\s*$");
    private static final Pattern DELIMITER = Pattern.compile("^-{4,}\\s*$");
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final Pattern BLOCK_TITLE = Pattern.compile("^\\.([^.\\s].*)$");

    final String file;
    final String title;
    final List<String> lines;
    final List<ProofBlock> blocks;

    private ProofPage(String file, String title, List<String> lines, List<ProofBlock> blocks) {
        this.file = file;
        this.title = title;
        this.lines = lines;
        this.blocks = blocks;
    }

    /**
     * @param file name used in error messages and results, e.g. "proofs/lora.adoc"
     * @throws IllegalArgumentException naming file and line for a malformed block
     */
    static ProofPage parse(String file, String text) {
        List<String> lines = List.of(text.replace("\r\n", "\n").split("\n", -1));
        String title = null;
        List<ProofBlock> blocks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (title == null && line.startsWith("= ")) {
                title = line.substring(2).strip();
            }
            Matcher m = ATTRIBUTES.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int attributeLine = i;
            int titleLine = -1;
            String blockTitle = null;
            if (i > 0 && BLOCK_TITLE.matcher(lines.get(i - 1)).matches()) {
                titleLine = i - 1;
                blockTitle = lines.get(i - 1).substring(1).strip();
            }
            int open = i + 1;
            if (open < lines.size() && BLOCK_TITLE.matcher(lines.get(open)).matches() && blockTitle == null) {
                titleLine = open;
                blockTitle = lines.get(open).substring(1).strip();
                open++;
            }
            if (open >= lines.size() || !DELIMITER.matcher(lines.get(open)).matches()) {
                throw error(file, attributeLine, "a [symja] line must be followed by a ---- delimiter line");
            }
            String delimiter = lines.get(open).strip();
            int close = open + 1;
            while (close < lines.size() && !lines.get(close).strip().equals(delimiter)) {
                close++;
            }
            if (close >= lines.size()) {
                throw error(file, open, "the Symja block opened here is never closed with " + delimiter);
            }
            Attributes a = attributes(file, attributeLine, m.group(1), blocks.size() + 1);
            if (!ids.add(a.id.toLowerCase(Locale.ROOT))) {
                throw error(file, attributeLine, "duplicate step id '" + a.id + "'");
            }
            String body = String.join("\n", lines.subList(open + 1, close));
            List<String> statements = StatementSplitter.split(body);
            if (statements.isEmpty()) {
                throw error(file, open, "the Symja block '" + a.id + "' has no statements");
            }
            blocks.add(new ProofBlock(a.id, a.title != null ? a.title : blockTitle, a.kind, a.timeout, statements,
                    attributeLine, titleLine, open, close));
            i = close;
        }
        return new ProofPage(file, title, lines, blocks);
    }

    private record Attributes(String id, String title, ProofBlock.Kind kind, Duration timeout) {
    }

    private static Attributes attributes(String file, int line, String list, int ordinal) {
        String id = "step-" + ordinal;
        String title = null;
        ProofBlock.Kind kind = ProofBlock.Kind.DERIVE;
        Duration timeout = DEFAULT_TIMEOUT;
        for (String raw : splitAttributes(list)) {
            String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            String key = eq < 0 ? item : item.substring(0, eq).strip();
            String value = eq < 0 ? null : unquote(item.substring(eq + 1).strip());
            switch (key) {
                case "check" -> kind = ProofBlock.Kind.CHECK;
                case "derive" -> kind = ProofBlock.Kind.DERIVE;
                case "id" -> {
                    if (value == null || !ID.matcher(value).matches()) {
                        throw error(file, line, "id must start with a letter and use letters, digits, _ . -; got '"
                                + value + "'");
                    }
                    id = value;
                }
                case "title" -> title = value;
                case "timeout" -> timeout = timeout(file, line, value);
                default -> throw error(file, line, "unknown Symja block attribute '" + key
                        + "' (allowed: id=..., check, derive, timeout=SECONDS, title=\"...\")");
            }
        }
        return new Attributes(id, title, kind, timeout);
    }

    private static Duration timeout(String file, int line, String value) {
        try {
            double s = Double.parseDouble(value);
            if (s > 0 && s <= MAX_TIMEOUT.getSeconds()) {
                return Duration.ofMillis(Math.round(s * 1000));
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw error(file, line, "timeout must be a number of seconds in (0, " + MAX_TIMEOUT.getSeconds() + "], got '"
                + value + "'");
    }

    /** Splits on commas outside double quotes. */
    private static List<String> splitAttributes(String list) {
        List<String> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (char c : list.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        out.add(b.toString());
        return out;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static IllegalArgumentException error(String file, int line, String message) {
        return new IllegalArgumentException(file + ":" + (line + 1) + ": " + message);
    }
}
