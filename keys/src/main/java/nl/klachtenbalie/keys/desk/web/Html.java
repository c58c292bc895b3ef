package nl.klachtenbalie.keys.desk.web;

/**
 * Builds the desk's HTML. Every piece of data goes through {@link #text}, which escapes it for
 * both element content and quoted attribute values; decrypted reports are hostile, so there is no
 * way to insert data unescaped except {@link #raw}, which takes only markup this package wrote.
 */
final class Html {

    private final StringBuilder sb = new StringBuilder(4096);

    /** Escapes {@code & < > " '} and replaces control characters (except tab and newline) and bidi overrides. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Bidi embedding/override/isolate controls could make a hostile report display
                    // text in a misleading order; control characters have no business in a page.
                    boolean bidi = (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
                    boolean control = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f;
                    out.append(bidi || control ? '\ufffd' : c);
                }
            }
        }
        return out.toString();
    }

    Html raw(String markup) {
        sb.append(markup);
        return this;
    }

    Html text(String s) {
        sb.append(escape(s));
        return this;
    }

    /** {@code <tag class="cls">text</tag>} with the text escaped. */
    Html el(String tag, String cls, String text) {
        sb.append('<').append(tag);
        if (cls != null) {
            sb.append(" class=\"").append(cls).append('"');
        }
        sb.append('>').append(escape(text)).append("</").append(tag).append('>');
        return this;
    }

    Html link(String href, String text) {
        sb.append("<a href=\"").append(escape(href)).append("\">").append(escape(text)).append("</a>");
        return this;
    }

    /** A POST form to {@code action} with the launch secret as a hidden field. */
    Html formStart(String action, String secret, String cls) {
        sb.append("<form method=\"post\" action=\"").append(escape(action)).append('"');
        if (cls != null) {
            sb.append(" class=\"").append(cls).append('"');
        }
        sb.append("><input type=\"hidden\" name=\"k\" value=\"").append(escape(secret)).append("\">");
        return this;
    }

    Html hidden(String name, String value) {
        sb.append("<input type=\"hidden\" name=\"").append(escape(name)).append("\" value=\"").append(escape(value)).append("\">");
        return this;
    }

    Html button(String text) {
        sb.append("<button type=\"submit\">").append(escape(text)).append("</button>");
        return this;
    }

    Html option(String value, String label, boolean selected) {
        sb.append("<option value=\"").append(escape(value)).append('"').append(selected ? " selected" : "").append('>')
                .append(escape(label)).append("</option>");
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
