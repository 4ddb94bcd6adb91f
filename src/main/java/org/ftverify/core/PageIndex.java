package org.ftverify.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids an AsciiDoc page defines: proof steps ({@code [symja,id=...]} blocks) and anchors ({@code [[id]]},
 * {@code [#id]}, {@code [[id,label]]}). Used to check, like a link checker, that what claims cite exists.
 */
public final class PageIndex {
    private static final Pattern STEP = Pattern.compile("^\\[symja,\\s*id=([A-Za-z0-9_.-]+)", Pattern.MULTILINE);
    private static final Pattern ANCHOR = Pattern.compile("\\[\\[([A-Za-z0-9_.:-]+)(?:,[^\\]]*)?\\]\\]|^\\[#([A-Za-z0-9_.:-]+)[\\].]",
            Pattern.MULTILINE);

    private final Path page;
    private final Set<String> steps = new LinkedHashSet<>();
    private final Set<String> anchors = new LinkedHashSet<>();

    private PageIndex(Path page, String text) {
        this.page = page;
        Matcher m = STEP.matcher(text);
        while (m.find()) steps.add(m.group(1));
        m = ANCHOR.matcher(text);
        while (m.find()) anchors.add(m.group(1) != null ? m.group(1) : m.group(2));
    }

    public static PageIndex of(Path page) {
        try {
            return new PageIndex(page, Files.readString(page, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + page, e);
        }
    }

    public static PageIndex ofText(String name, String text) {
        return new PageIndex(Path.of(name), text);
    }

    public Path page() {
        return page;
    }

    public Set<String> steps() {
        return steps;
    }

    public Set<String> anchors() {
        return anchors;
    }
}
