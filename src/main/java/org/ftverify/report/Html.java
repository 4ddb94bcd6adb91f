package org.ftverify.report;

/** HTML/XML text escaping, shared by the AsciiDoc passthroughs and the SVG writer. */
final class Html {
    private Html() {
    }

    /** Escapes the five XML special characters, so the text is safe in element content and attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
