package dev.tollgate.impl.protocol;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed reads of the members of one JSON object. Absent, {@code null} and empty-string members count as omitted;
 * members nobody asks for are ignored; a member of the wrong type is a {@link MessageParseException} that names it.
 */
final class JsonMembers {

    private final String message;
    private final Map<String, Object> json;

    private JsonMembers(String message, Map<String, Object> json) {
        this.message = message;
        this.json = json;
    }

    /** @param message what is read, for the exception messages (e.g. {@code token response}) */
    static JsonMembers of(String message, Map<String, Object> json) {
        return new JsonMembers(message, Objects.requireNonNull(json, "json"));
    }

    static JsonMembers parse(String message, String text) throws MessageParseException {
        try {
            return of(message, JSONObjectUtils.parse(text == null ? "" : text));
        } catch (ParseException | RuntimeException e) {
            throw new MessageParseException("the " + message + " is not a JSON object");
        }
    }

    static String toJson(Map<String, Object> object) {
        return JSONObjectUtils.toJSONString(object);
    }

    Optional<String> string(String member) throws MessageParseException {
        Object value = json.get(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw wrongType(member, "a string");
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    String requiredString(String member) throws MessageParseException {
        return string(member).orElseThrow(() -> new MessageParseException("the " + message + " has no " + member));
    }

    /**
     * The longest lifetime read: 12 digits of seconds (some 31,000 years). A longer one could not be added to a clock
     * reading or counted in milliseconds, as the token client does with it.
     */
    static final long MAX_SECONDS = 999_999_999_999L;

    /** A whole number of seconds, not negative, at most {@link #MAX_SECONDS}; also as a string of digits. */
    Optional<Duration> seconds(String member) throws MessageParseException {
        Object value = json.get(member);
        if (value == null) {
            return Optional.empty();
        }
        long seconds;
        if (value instanceof Number number) {
            seconds = number.longValue();
        } else if (value instanceof String text && text.trim().matches("\\d{1,12}")) {
            seconds = Long.parseLong(text.trim());
        } else {
            throw wrongType(member, "a number");
        }
        if (seconds < 0) {
            throw new MessageParseException(member + " of the " + message + " is negative");
        }
        if (seconds > MAX_SECONDS) {
            throw new MessageParseException(member + " of the " + message + " is out of range");
        }
        return Optional.of(Duration.ofSeconds(seconds));
    }

    Optional<URI> uri(String member) throws MessageParseException {
        Optional<String> text = string(member);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(text.get()));
        } catch (URISyntaxException e) {
            throw wrongType(member, "a URI");
        }
    }

    /** A JSON array of strings; empty when absent. */
    List<String> strings(String member) throws MessageParseException {
        Object value = json.get(member);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(member, "an array of strings");
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String text)) {
                throw wrongType(member, "an array of strings");
            }
            strings.add(text);
        }
        return List.copyOf(strings);
    }

    /** A JSON boolean; false when absent. */
    boolean flag(String member) throws MessageParseException {
        Object value = json.get(member);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            throw wrongType(member, "a boolean");
        }
        return flag;
    }

    private MessageParseException wrongType(String member, String expected) {
        return new MessageParseException(member + " of the " + message + " is not " + expected);
    }
}
