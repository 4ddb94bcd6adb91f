package org.ftverify.report;

/**
 * Helpers to put untrusted text (titles, statements, derivations from results.json) into generated AsciiDoc
 * without AsciiDoc reinterpreting it: "m_SGD - m_ODE" or "O(d^-1/2)" must appear exactly as written, and a
 * "|" must not split a table cell. Everything literal goes through an inline pass macro holding escaped HTML.
 */
final class Adoc {
    private Adoc() {
    }

    /** Literal text, safe inline and inside table cells. Null becomes an em dash. */
    static String lit(String text) {
        if (text == null) {
            return "—";
        }
        if (text.isBlank()) {
            return "";
        }
        return html(Html.escape(text.replace('\n', ' ').replace('\r', ' ')));
    }

    /**
     * Raw HTML as an inline passthrough. "]" would end the macro, so it is written "\]" (which Asciidoctor turns
     * back into "]"); a literal backslash becomes a character reference so it cannot escape the closing bracket.
     * "|" would split a table cell before the passthrough is seen, so it too becomes a character reference.
     */
    static String html(String html) {
        if (html.isEmpty()) {
            return "";
        }
        return "pass:[" + html.replace("\\", "&#92;").replace("]", "\\]").replace("|", "&#124;")
                .replace("\n", " ") + "]";
    }

    /** A badge: an inline span the report's CSS colours by class. */
    static String badge(String cssClass, String text) {
        return html("<span class=\"badge " + cssClass + "\">" + Html.escape(text) + "</span>");
    }

    static String verdictBadge(String verdict) {
        String v = verdict == null ? "NOT_RUN" : verdict;
        return badge("verdict-" + v.toLowerCase(java.util.Locale.ROOT).replace('_', '-'), v);
    }

    /** The provenance tag, shown in brackets as in the theory specs; "paper" gets a quieter colour. */
    static String provenanceBadge(String provenance) {
        if (provenance == null || provenance.isBlank()) {
            return badge("prov-unknown", "[provenance not stated]");
        }
        String p = provenance.strip();
        boolean fromPaper = p.toLowerCase(java.util.Locale.ROOT).startsWith("paper");
        return badge(fromPaper ? "prov-paper" : "prov-derived", "[" + p + "]");
    }

    /** A block anchor line for a section; the [[id]] form, because in [#id] a '.' would start a role. */
    static String anchorLine(String prefix, String id) {
        return "[[" + anchor(prefix, id) + "]]\n";
    }

    /** A section or block anchor id from a claim or theory id (letters, digits, '.', '_' and '-' survive). */
    static String anchor(String prefix, String id) {
        return prefix + "-" + (id == null ? "unnamed" : id.replaceAll("[^A-Za-z0-9._-]", "-"));
    }

    /**
     * The anchor of a proof page's section, from its file ("proofs/lora.adoc" → "proof-proofs-lora"). The ".adoc"
     * is dropped: Asciidoctor reads a cross-reference target ending in ".adoc" as another document.
     */
    static String proofAnchor(String file) {
        String f = file == null ? null : file.endsWith(".adoc") ? file.substring(0, file.length() - 5) : file;
        return anchor("proof", f);
    }

    /** A delimited passthrough block of raw HTML (plots, cards). A line of four '+' inside would end it early. */
    static String passBlock(String html) {
        if (html.contains("\n++++\n")) {
            throw new IllegalArgumentException("HTML block must not contain a line of four '+': " + html);
        }
        return "++++\n" + html + "\n++++\n\n";
    }

    /** A listing block: the text is shown verbatim (commands, paths). */
    static String listing(String text) {
        String body = text == null ? "" : text.replace("\r", "");
        String fence = "----";
        while (body.contains(fence)) {
            fence += "-";
        }
        return fence + "\n" + body + "\n" + fence + "\n\n";
    }
}
