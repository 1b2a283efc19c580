package dev.tollgate.war.authorize;

/** Escaping for text and attribute values in the server-rendered pages (OWASP XSS Prevention, rule #1 and #2). */
public final class Html {

    private Html() {
    }

    /** Escapes {@code & < > " '} so the value is inert both as element text and inside a quoted attribute. */
    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
