package org.ftverify.report;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the cross-references between the repository's pages into links inside the one-file report. Theory pages
 * link proof steps as {@code xref:../../proofs/lora.adoc#step[...]}, proof pages link theory anchors as
 * {@code xref:../docs/theory/lora.adoc#lora-p3[P3]}; in the report both pages are sections of the same document, so
 * the target becomes the anchor there (a proof step's anchor is "proof-&lt;page&gt;-&lt;step&gt;", as the proof
 * annotator writes it). A reference to something the report does not contain becomes its plain label: the report
 * never shows a file path or links out of itself.
 */
final class Xrefs {
    private static final Pattern MACRO = Pattern.compile("xref:([^\\s\\[]+)\\[([^\\]]*)\\]");
    private static final Pattern SHORTHAND = Pattern.compile("<<([^,>\\s]+\\.adoc(?:#[^,>\\s]*)?)(?:,([^>]*))?>>");

    /** The anchors the report defines, and how to name a proof step's anchor. */
    interface Targets {
        /** True when the report defines this anchor id. */
        boolean has(String anchor);

        /** The report anchor of step {@code step} of the proof page named {@code proofName} (e.g. "lora"). */
        String proofStep(String proofName, String step);

        /** The report anchor of the whole proof page / theory page named {@code name}, or null. */
        String proofPage(String name);

        String theoryPage(String name);

        /** The report anchor of the user-guide page named {@code name} (docs/name.adoc), or null. */
        default String guidePage(String name) {
            String a = Adoc.anchor("guide", name);
            return has(a) ? a : null;
        }
    }

    private Xrefs() {
    }

    static String rewrite(String adoc, Targets targets) {
        if (adoc == null) {
            return null;
        }
        Matcher m = MACRO.matcher(adoc);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(link(m.group(1), m.group(2), targets)));
        }
        m.appendTail(sb);
        m = SHORTHAND.matcher(sb.toString());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(link(m.group(1), m.group(2) == null ? "" : m.group(2),
                    targets)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The replacement for one reference to {@code target} with label {@code label} (may be empty). */
    static String link(String target, String label, Targets targets) {
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? "" : target.substring(hash + 1);
        String anchor = resolve(path, fragment, targets);
        if (anchor == null) {
            String text = label.isBlank() ? (fragment.isEmpty() ? pageName(path) : fragment) : label;
            return text.isBlank() ? "" : "pass:[" + Html.escape(text).replace("]", "\\]") + "]";
        }
        return "xref:" + anchor + "[" + label + "]";
    }

    private static String resolve(String path, String fragment, Targets targets) {
        if (path.isEmpty()) {
            return targets.has(fragment) ? fragment : null;
        }
        if (!path.endsWith(".adoc")) {
            // "xref:lora-p3[...]" names an anchor of this document
            return fragment.isEmpty() && targets.has(path) ? path : null;
        }
        String name = pageName(path);
        String normal = "/" + path.replace('\\', '/');
        if (normal.contains("/proofs/")) {
            if (fragment.isEmpty()) {
                return targets.proofPage(name);
            }
            String step = targets.proofStep(name, fragment);
            return targets.has(step) ? step : targets.has(fragment) ? fragment : null;
        }
        if (normal.contains("/theory/")) {
            return fragment.isEmpty() ? targets.theoryPage(name) : targets.has(fragment) ? fragment : null;
        }
        if (fragment.isEmpty()) {
            return targets.guidePage(name);
        }
        return targets.has(fragment) ? fragment : null;
    }

    /** "../docs/theory/lora.adoc" → "lora". */
    static String pageName(String path) {
        String p = path.replace('\\', '/');
        p = p.substring(p.lastIndexOf('/') + 1);
        return p.endsWith(".adoc") ? p.substring(0, p.length() - 5) : p;
    }

    /** Targets backed by a set of known anchors. */
    record Known(Set<String> anchors) implements Targets {
        @Override
        public boolean has(String anchor) {
            return anchor != null && anchors.contains(anchor);
        }

        @Override
        public String proofStep(String proofName, String step) {
            return "proof-" + proofName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + step;
        }

        @Override
        public String proofPage(String name) {
            String a = Adoc.proofAnchor("proofs/" + name + ".adoc");
            return has(a) ? a : null;
        }

        @Override
        public String theoryPage(String name) {
            String a = TheoryPages.anchor(name);
            return has(a) ? a : null;
        }
    }
}
