package dev.tollgate.war.http;

import jakarta.ws.rs.core.MediaType;
import java.util.Enumeration;
import java.util.Optional;
import java.util.StringTokenizer;
import java.util.function.Function;

/**
 * The request headers the JAX-RS runtime parses before it dispatches a request: {@code Accept} and
 * {@code Accept-Language} (RFC 9110 §12.5.1, §12.5.4), each a comma-separated list, and {@code Content-Type} (§8.3).
 * Parsed here the way RESTEasy parses them (each list item alone, through {@link MediaType#valueOf}; a {@code q}
 * weight as a float, §12.4.2), so that what it would refuse is found first.
 */
final class NegotiationHeaders {

    private NegotiationHeaders() {
    }

    /**
     * The name of the first header that does not parse, if any.
     *
     * @param headers a header's values by its name, as the servlet request gives them
     */
    static Optional<String> malformed(Function<String, Enumeration<String>> headers) {
        if (!each(headers.apply("Accept"), NegotiationHeaders::isMediaRange)) {
            return Optional.of("Accept");
        }
        if (!each(headers.apply("Accept-Language"), NegotiationHeaders::isLanguageRange)) {
            return Optional.of("Accept-Language");
        }
        Enumeration<String> contentType = headers.apply("Content-Type");
        if (contentType != null && contentType.hasMoreElements() && !isMediaType(contentType.nextElement())) {
            return Optional.of("Content-Type");
        }
        return Optional.empty();
    }

    private interface ItemCheck {
        boolean valid(String item);
    }

    private static boolean each(Enumeration<String> values, ItemCheck check) {
        while (values != null && values.hasMoreElements()) {
            StringTokenizer items = new StringTokenizer(values.nextElement(), ",");
            while (items.hasMoreTokens()) {
                if (!check.valid(items.nextToken().trim())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A media range with an optional weight, e.g. {@code text/html;q=0.8}. */
    private static boolean isMediaRange(String item) {
        if (!isMediaType(item)) {
            return false;
        }
        String q = MediaType.valueOf(item).getParameters().get("q");
        return q == null || isWeight(q);
    }

    private static boolean isMediaType(String value) {
        try {
            MediaType.valueOf(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A language range with an optional weight, e.g. {@code en-GB;q=0.8}: only the weight can be malformed. */
    private static boolean isLanguageRange(String item) {
        int semicolon = item.indexOf(';');
        if (semicolon < 0) {
            return true;
        }
        for (String parameter : item.substring(semicolon + 1).split(";")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("q")
                    && !isWeight(parameter.substring(equals + 1).trim())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWeight(String q) {
        try {
            Float.parseFloat(q);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
