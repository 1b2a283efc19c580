package dev.tollgate.impl.server.audit;

import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.server.store.PageRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The filters and page of {@code GET /api/admin/events}: every filter optional, all of them together (AND).
 *
 * @param type    events of this type only
 * @param subject events about this user id only (exact)
 * @param client  events about this client id only (exact)
 * @param from    events at or after this instant
 * @param to      events before this instant (exclusive, so that consecutive ranges do not overlap)
 */
public record AuditQuery(Optional<AuditEventType> type, Optional<String> subject, Optional<String> client,
                         Optional<Instant> from, Optional<Instant> to, PageRequest page) {

    /** The default {@code pageSize}: the console's page. */
    public static final int DEFAULT_PAGE_SIZE = 20;
    /** The longest {@code subject} or {@code client} value: the columns' width. */
    static final int MAX_ID_LENGTH = 320;

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

    public AuditQuery {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(page, "page");
    }

    /** Every event, first page. */
    public static AuditQuery all() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), new PageRequest(1, DEFAULT_PAGE_SIZE));
    }

    /**
     * Reads the query parameters, each raw value null when absent and an empty value as absent.
     *
     * @throws ProblemException a 400 {@code validation} problem whose {@code errors} names every bad parameter:
     *     {@code page} below 1, {@code pageSize} outside 1–100, an unknown {@code type}, an over-long
     *     {@code subject} or {@code client}, a {@code from} or {@code to} that is no ISO-8601 instant, or
     *     {@code from} after {@code to}
     */
    public static AuditQuery parse(String page, String pageSize, String type, String subject, String client,
                                   String from, String to) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        int pageNumber = number(page, 1);
        if (pageNumber < 1) {
            errors.put("page", List.of("must be a whole number of at least 1"));
        }
        int size = number(pageSize, DEFAULT_PAGE_SIZE);
        if (size < 1 || size > PageRequest.MAX_SIZE) {
            errors.put("pageSize", List.of("must be a whole number from 1 to " + PageRequest.MAX_SIZE));
        }
        Optional<AuditEventType> eventType = present(type).flatMap(AuditEventType::ofDotted);
        if (present(type).isPresent() && eventType.isEmpty()) {
            errors.put("type", List.of("must be one of the documented event types, e.g. user.disabled"));
        }
        Optional<String> subjectId = present(subject);
        if (subjectId.filter(s -> s.length() > MAX_ID_LENGTH).isPresent()) {
            errors.put("subject", List.of("must be at most " + MAX_ID_LENGTH + " characters"));
        }
        Optional<String> clientId = present(client);
        if (clientId.filter(c -> c.length() > MAX_ID_LENGTH).isPresent()) {
            errors.put("client", List.of("must be at most " + MAX_ID_LENGTH + " characters"));
        }
        Optional<Instant> fromInstant = instant("from", from, errors);
        Optional<Instant> toInstant = instant("to", to, errors);
        if (fromInstant.isPresent() && toInstant.isPresent() && fromInstant.get().isAfter(toInstant.get())) {
            errors.put("from", List.of("must not be after to"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The event query's parameters are invalid.", errors);
        }
        return new AuditQuery(eventType, subjectId, clientId, fromInstant, toInstant,
                new PageRequest(pageNumber, size));
    }

    private static Optional<String> present(String raw) {
        return Optional.ofNullable(raw).map(String::trim).filter(value -> !value.isEmpty());
    }

    /** The value, its default when absent, or -1 when it is not a plain number (the caller reports it). */
    private static int number(String raw, int defaultValue) {
        Optional<String> value = present(raw);
        if (value.isEmpty()) {
            return raw == null ? defaultValue : -1;
        }
        return NUMBER.matcher(value.get()).matches() ? Integer.parseInt(value.get()) : -1;
    }

    /** An ISO-8601 instant such as {@code 2026-12-06T12:00:00Z} (an offset other than Z is accepted too). */
    private static Optional<Instant> instant(String name, String raw, Map<String, List<String>> errors) {
        Optional<String> value = present(raw);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(value.get()).toInstant());
        } catch (DateTimeParseException e) {
            errors.put(name, List.of("must be an ISO-8601 instant, e.g. 2026-12-06T12:00:00Z"));
            return Optional.empty();
        }
    }
}
