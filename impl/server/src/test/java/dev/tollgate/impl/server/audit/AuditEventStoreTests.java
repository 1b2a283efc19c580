package dev.tollgate.impl.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tollgate.impl.server.audit.AuditEvent.Outcome;
import dev.tollgate.impl.server.store.Page;
import dev.tollgate.impl.server.testing.DatabaseTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit_events table: insert, filters, paging newest first, purge (H2 and PostgreSQL subclasses). */
abstract class AuditEventStoreTests extends DatabaseTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final String ALICE = "0b6f3c1e-8a57-4c43-9b2f-3f1f0d6c2a11";
    private static final String BOB = "5d0a0c55-7e0c-4d1e-8d55-8d8b1b5e3f22";

    private AuditEventStore store;

    @BeforeEach
    void createStore() {
        store = new AuditEventStore(dataSource());
    }

    private AuditEvent event(int minute, AuditEventType type, String subject, String client) {
        return new AuditEvent(UUID.randomUUID(), T0.plusSeconds(60L * minute), type, Outcome.SUCCESS, "admin-id",
                subject, client, "192.0.2.7", Map.of("via", "test"));
    }

    private List<String> ids(Page<AuditEvent> page) {
        return page.items().stream().map(e -> e.id().toString()).toList();
    }

    private AuditQuery query(String type, String subject, String client, String from, String to) {
        return AuditQuery.parse(null, null, type, subject, client, from, to);
    }

    @Test
    void findWhenInsertedThenEveryFieldReadBack() {
        AuditEvent written = new AuditEvent(UUID.randomUUID(), Instant.parse("2030-01-01T00:00:00.123456Z"),
                AuditEventType.USER_ROLES_CHANGED, Outcome.FAILURE, "actor-1", ALICE, "client-1", "2001:db8::1",
                Map.of("roles", List.of("a", "b"), "count", 2L, "flag", true));
        store.insert(written);

        AuditEvent read = store.find(AuditQuery.all()).items().get(0);

        assertEquals(written, read);
    }

    @Test
    void findWhenAbsentValuesThenNull() {
        store.insert(new AuditEvent(UUID.randomUUID(), T0, AuditEventType.LOGIN_FAILED, Outcome.FAILURE, null, null,
                null, null, Map.of()));

        AuditEvent read = store.find(AuditQuery.all()).items().get(0);

        assertNull(read.actor());
        assertNull(read.subject());
        assertNull(read.client());
        assertNull(read.address());
        assertEquals(Map.of(), read.detail());
    }

    @Test
    void findWhenManyThenNewestFirstPagedWithTotal() {
        for (int minute = 0; minute < 5; minute++) {
            store.insert(event(minute, AuditEventType.USER_CREATED, ALICE, null));
        }

        Page<AuditEvent> first = store.find(AuditQuery.parse("1", "2", null, null, null, null, null));
        Page<AuditEvent> last = store.find(AuditQuery.parse("3", "2", null, null, null, null, null));

        assertEquals(5, first.total());
        assertEquals(3, first.totalPages());
        assertEquals(List.of(T0.plusSeconds(240), T0.plusSeconds(180)),
                first.items().stream().map(AuditEvent::time).toList());
        assertEquals(List.of(T0), last.items().stream().map(AuditEvent::time).toList());
    }

    @Test
    void findWhenFilteredThenOnlyMatchingEventsAndTheirTotal() {
        AuditEvent aliceCreated = event(0, AuditEventType.USER_CREATED, ALICE, null);
        AuditEvent aliceDisabled = event(1, AuditEventType.USER_DISABLED, ALICE, null);
        AuditEvent bobDisabled = event(2, AuditEventType.USER_DISABLED, BOB, null);
        AuditEvent clientCreated = event(3, AuditEventType.CLIENT_CREATED, null, "svc-1");
        List.of(aliceCreated, aliceDisabled, bobDisabled, clientCreated).forEach(store::insert);

        assertEquals(List.of(bobDisabled.id().toString(), aliceDisabled.id().toString()),
                ids(store.find(query("user.disabled", null, null, null, null))));
        assertEquals(List.of(aliceDisabled.id().toString(), aliceCreated.id().toString()),
                ids(store.find(query(null, ALICE, null, null, null))));
        assertEquals(List.of(clientCreated.id().toString()), ids(store.find(query(null, null, "svc-1", null, null))));
        assertEquals(List.of(aliceDisabled.id().toString()),
                ids(store.find(query("user.disabled", ALICE, null, null, null))));
        assertEquals(0, store.find(query("user.enabled", null, null, null, null)).total());
    }

    @Test
    void findWhenTimeRangeThenFromInclusiveToExclusive() {
        for (int minute = 0; minute < 4; minute++) {
            store.insert(event(minute, AuditEventType.USER_CREATED, ALICE, null));
        }

        Page<AuditEvent> range = store.find(query(null, null, null, "2030-01-01T00:01:00Z", "2030-01-01T00:03:00Z"));

        assertEquals(List.of(T0.plusSeconds(120), T0.plusSeconds(60)),
                range.items().stream().map(AuditEvent::time).toList());
        assertEquals(2, range.total());
    }

    @Test
    void purgeWhenOlderThanTheCutoffThenDeletedElseKept() {
        store.insert(event(0, AuditEventType.USER_CREATED, ALICE, null));
        store.insert(event(10, AuditEventType.USER_CREATED, ALICE, null));

        assertEquals(1, store.purgeBefore(T0.plusSeconds(300)));

        assertEquals(List.of(T0.plusSeconds(600)),
                store.find(AuditQuery.all()).items().stream().map(AuditEvent::time).toList());
    }

    @Test
    void insertWhenDetailTooLargeThenStoredAsTruncated() {
        store.insert(new AuditEvent(UUID.randomUUID(), T0, AuditEventType.CLIENT_UPDATED, Outcome.SUCCESS, null,
                null, "c", null, Map.of("big", "x".repeat(5000))));

        assertEquals(Map.of("truncated", true), store.find(AuditQuery.all()).items().get(0).detail());
    }
}
