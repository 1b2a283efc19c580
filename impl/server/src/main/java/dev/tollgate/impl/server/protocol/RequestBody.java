package dev.tollgate.impl.server.protocol;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of a protocol request as parameters, {@code Map<String, List<String>>}, so that one parser serves every
 * encoding:
 * <ul>
 *   <li>{@code application/x-www-form-urlencoded} (RFC 6749 Appendix B), the standard;</li>
 *   <li>{@code application/json} with one flat object of strings (the RIPS seed's
 *       {@code {"grant_type", "client_id", "username", "password"}}). Numbers and booleans are taken as their text;
 *       arrays of strings are repeated parameters; nested objects, {@code null} and duplicate keys are malformed.</li>
 * </ul>
 * Parameters sent without a value are dropped, as if omitted (RFC 6749 §3.1).
 */
public final class RequestBody {

    /** Far more than any protocol request needs; a longer body is refused before it is parsed. */
    public static final int MAX_LENGTH = 64 * 1024;

    private RequestBody() {
    }

    /**
     * @param contentType the Content-Type header, or null
     * @throws RequestParseException invalid_request: unsupported content type, or a malformed body
     */
    public static Map<String, List<String>> parse(String contentType, String body) throws RequestParseException {
        String type = mediaType(contentType);
        String text = body == null ? "" : body;
        if (text.length() > MAX_LENGTH) {
            throw RequestParseException.invalidRequest("the request body is too large");
        }
        return switch (type) {
            case "application/x-www-form-urlencoded" -> form(text);
            case "application/json" -> json(text);
            default -> throw RequestParseException.invalidRequest(
                    "the body must be application/x-www-form-urlencoded or application/json");
        };
    }

    /** {@code a=1&b=2}, percent-decoded as UTF-8 with {@code +} as space. */
    public static Map<String, List<String>> form(String body) throws RequestParseException {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (body.isBlank()) {
            return parameters;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (name.isEmpty()) {
                throw RequestParseException.invalidRequest("a form parameter has no name");
            }
            add(parameters, name, value);
        }
        return parameters;
    }

    /** One flat JSON object. */
    public static Map<String, List<String>> json(String body) throws RequestParseException {
        Map<String, Object> object;
        try {
            object = JSONObjectUtils.parse(body);
        } catch (ParseException | RuntimeException e) {
            throw RequestParseException.invalidRequest("the body is not a JSON object");
        }
        if (object == null) {
            // JSONObjectUtils.parse answers the JSON literal null (also with trailing text) with null
            throw RequestParseException.invalidRequest("the body is not a JSON object");
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof List<?> list) {
                for (Object item : list) {
                    add(parameters, entry.getKey(), scalar(entry.getKey(), item));
                }
            } else {
                add(parameters, entry.getKey(), scalar(entry.getKey(), value));
            }
        }
        return parameters;
    }

    private static String scalar(String name, Object value) throws RequestParseException {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : number.toString();
        }
        if (value instanceof Boolean bool) {
            return bool.toString();
        }
        throw RequestParseException.invalidRequest("the JSON member " + printable(name) + " must be a string");
    }

    private static void add(Map<String, List<String>> parameters, String name, String value) {
        List<String> values = parameters.computeIfAbsent(name, n -> new ArrayList<>());
        if (!value.isEmpty()) {
            values.add(value);
        }
    }

    /** Drops the parameters whose every value was empty. */
    static Map<String, List<String>> withoutEmpty(Map<String, List<String>> parameters) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            List<String> nonEmpty = values == null ? List.of()
                    : values.stream().filter(v -> v != null && !v.isEmpty()).toList();
            if (!nonEmpty.isEmpty()) {
                copy.put(name, nonEmpty);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Percent-decoding with {@code +} as space; the bytes must be valid UTF-8 (a malformed sequence is refused). */
    private static String decode(String text) throws RequestParseException {
        if (needsNoDecoding(text)) {
            // The common case (a token, a grant type, an id): nothing to decode, and nothing to allocate.
            return text;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80 && c != '+' && c != '%') {
                bytes.write(c);
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw RequestParseException.invalidRequest("the form body has a malformed percent-encoding");
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw RequestParseException.invalidRequest("the form body has a malformed percent-encoding");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(encoded);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw RequestParseException.invalidRequest("the form body is not UTF-8");
        }
    }

    /**
     * Whether {@link #decode} would return {@code text} unchanged: no {@code +}, no {@code %} and no surrogate (a lone
     * one would become {@code ?} on the way through UTF-8). A 700-character access token decoded character by
     * character cost introspection an eighth of its CPU.
     */
    private static boolean needsNoDecoding(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+' || c == '%' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** A parameter name for an error description: short, visible ASCII only. */
    static String printable(String name) {
        String cleaned = name.chars().filter(c -> c >= 0x21 && c <= 0x7E).limit(40)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.isEmpty() ? "(unnamed)" : cleaned;
    }
}
