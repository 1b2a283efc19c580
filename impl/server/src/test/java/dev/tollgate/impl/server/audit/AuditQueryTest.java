package dev.tollgate.impl.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The query parameters of GET /api/admin/events: defaults, and one validation problem naming every bad one. */
class AuditQueryTest {

    private static Set<String> errorsOf(String page, String pageSize, String type, String subject, String client,
                                        String from, String to) {
        ProblemException problem = assertThrows(ProblemException.class,
                () -> AuditQuery.parse(page, pageSize, type, subject, client, from, to));
        assertEquals(ProblemType.VALIDATION, problem.problemType());
        return problem.errors().keySet();
    }

    @Test
    void parseWhenNothingThenFirstPageOfTwentyUnfiltered() {
        AuditQuery query = AuditQuery.parse(null, null, null, null, null, null, null);

        assertEquals(1, query.page().page());
        assertEquals(20, query.page().size());
        assertEquals(Optional.empty(), query.type());
        assertEquals(Optional.empty(), query.subject());
        assertEquals(Optional.empty(), query.from());
    }

    @Test
    void parseWhenEveryFilterThenEachRead() {
        AuditQuery query = AuditQuery.parse("3", "100", "user.disabled", " u-1 ", "c-1", "2026-12-06T12:00:00Z",
                "2026-12-06T13:00:00+01:00");

        assertEquals(3, query.page().page());
        assertEquals(100, query.page().size());
        assertEquals(Optional.of(AuditEventType.USER_DISABLED), query.type());
        assertEquals(Optional.of("u-1"), query.subject());
        assertEquals(Optional.of("c-1"), query.client());
        assertEquals(Optional.of(Instant.parse("2026-12-06T12:00:00Z")), query.from());
        assertEquals(Optional.of(Instant.parse("2026-12-06T12:00:00Z")), query.to());
    }

    @Test
    void parseWhenEmptyFilterThenAbsent() {
        assertEquals(Optional.empty(), AuditQuery.parse(null, null, "", "", " ", "", "").type());
    }

    @Test
    void parseWhenPagingOutOfRangeThenErrorsNamePageAndPageSize() {
        assertEquals(Set.of("page", "pageSize"), errorsOf("0", "101", null, null, null, null, null));
        assertEquals(Set.of("page", "pageSize"), errorsOf("x", "-1", null, null, null, null, null));
        assertEquals(Set.of("pageSize"), errorsOf(null, "", null, null, null, null, null));
    }

    @Test
    void parseWhenUnknownTypeThenErrorNamesType() {
        assertEquals(Set.of("type"), errorsOf(null, null, "user.exploded", null, null, null, null));
        assertEquals(Set.of("type"), errorsOf(null, null, "USER_DISABLED", null, null, null, null));
    }

    @Test
    void parseWhenNotAnInstantThenErrorNamesFromOrTo() {
        assertEquals(Set.of("from", "to"), errorsOf(null, null, null, null, null, "yesterday", "2026-12-06"));
    }

    @Test
    void parseWhenFromAfterToThenErrorNamesFrom() {
        assertEquals(Set.of("from"), errorsOf(null, null, null, null, null, "2026-12-06T13:00:00Z",
                "2026-12-06T12:00:00Z"));
    }

    @Test
    void parseWhenIdTooLongThenErrorNamesIt() {
        assertEquals(Set.of("subject", "client"), errorsOf(null, null, null, "s".repeat(321), "c".repeat(321), null,
                null));
    }
}
