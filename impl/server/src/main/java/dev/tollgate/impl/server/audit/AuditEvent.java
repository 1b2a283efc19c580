package dev.tollgate.impl.server.audit;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One security event of the audit trail, as stored, listed by {@code GET /api/admin/events} and written as a log
 * line. It never holds a secret, a token, a password or what a failed sign-in typed as the name: the recording code
 * leaves them out, and {@link #detail} holds only small descriptive values (a grant type, a scope, a key id).
 *
 * @param actor   who acted: a user id or a client id; null when unknown (an anonymous request, a scheduled task)
 * @param subject the user id the event is about; null when none
 * @param client  the client id the event is about; null when none
 * @param address the client address of the request (the servlet's remote address); null outside a request
 * @param detail  small descriptive values (strings, numbers, booleans, lists of strings)
 */
public record AuditEvent(UUID id, Instant time, AuditEventType type, Outcome outcome, String actor, String subject,
                         String client, String address, Map<String, Object> detail) {

    /** The most characters of {@link #detail} as JSON; a larger detail is stored as {@code {"truncated":true}}. */
    public static final int MAX_DETAIL_CHARS = 2000;

    /** Whether what the event describes succeeded; a refusal or a detected attack is a failure. */
    public enum Outcome {
        SUCCESS("success"),
        FAILURE("failure");

        private final String json;

        Outcome(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }

        static Outcome ofJson(String value) {
            return SUCCESS.json.equals(value) ? SUCCESS : FAILURE;
        }
    }

    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }

    /** {@link #detail} as a JSON object, at most {@value #MAX_DETAIL_CHARS} characters. */
    public String detailJson() {
        String json = JSONObjectUtils.toJSONString(detail);
        return json.length() <= MAX_DETAIL_CHARS ? json : "{\"truncated\":true}";
    }

    /**
     * The event as the API's item and the log line: {@code id, time, type, outcome, actor, subject, client, address,
     * detail}, absent values as null. The time is ISO-8601 UTC at the precision stored (microseconds at most).
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id.toString());
        json.put("time", time.toString());
        json.put("type", type.dotted());
        json.put("outcome", outcome.json());
        json.put("actor", actor);
        json.put("subject", subject);
        json.put("client", client);
        json.put("address", address);
        json.put("detail", detail);
        return json;
    }

    /** One line of JSON, for the {@value AuditTrail#LOGGER} logger. */
    public String toJsonLine() {
        // Nimbus leaves out null members; a SIEM line keeps every field, so nulls are written explicitly.
        StringBuilder line = new StringBuilder("{");
        toJson().forEach((name, value) -> {
            if (line.length() > 1) {
                line.append(',');
            }
            line.append('"').append(name).append("\":");
            if (value == null) {
                line.append("null");
            } else if (value instanceof Map<?, ?>) {
                line.append(detailJson());
            } else {
                quote(line, value.toString());
            }
        });
        return line.append('}').toString();
    }

    /** A JSON string (RFC 8259 §7): quotes, backslashes and control characters escaped. */
    private static void quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
