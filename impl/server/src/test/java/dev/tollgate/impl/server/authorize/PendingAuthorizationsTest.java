package dev.tollgate.impl.server.authorize;

import static dev.tollgate.impl.server.authorize.AuthorizeFixtures.ISSUER;
import static dev.tollgate.impl.server.authorize.AuthorizeFixtures.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.server.authorize.PendingAuthorizations.Admission;
import dev.tollgate.impl.server.authorize.PendingAuthorizations.Bound;
import dev.tollgate.impl.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PendingAuthorizationsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final AtomicInteger ids = new AtomicInteger();
    private final AuthorizationRequest request = ((AuthorizationValidation.Valid) new AuthorizationRequests(
            id -> Optional.of(AuthorizeFixtures.webApp())).validate(params().build(), ISSUER)).request();

    private PendingAuthorizations pending(int perAddress, int total) {
        return new PendingAuthorizations(perAddress, total, Duration.ofMinutes(15), clock,
                () -> "id-" + ids.incrementAndGet());
    }

    @Test
    void addThenFindReturnsTheValidatedRequestAddressAndTime() {
        PendingAuthorizations pending = pending(3, 10);
        String id = assertInstanceOf(Admission.Admitted.class, pending.add(request, "192.0.2.1")).id();
        PendingAuthorization found = pending.find(id).orElseThrow();
        assertEquals(request, found.request());
        assertEquals("192.0.2.1", found.clientAddress());
        assertEquals(clock.instant(), found.createdAt());
    }

    @Test
    void addWhenAddressAtItsBoundThenRefusedAndNothingEvicted() {
        PendingAuthorizations pending = pending(3, 10);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            kept.add(assertInstanceOf(Admission.Admitted.class, pending.add(request, "192.0.2.1")).id());
        }
        assertEquals(new Admission.Refused(Bound.ADDRESS), pending.add(request, "192.0.2.1"));
        kept.forEach(id -> assertTrue(pending.find(id).isPresent(), id));
        assertInstanceOf(Admission.Admitted.class, pending.add(request, "192.0.2.2"), "another address is admitted");
        assertEquals(4, pending.size());
    }

    @Test
    void addWhenNodeAtItsBoundThenRefusedForEveryAddressAndNothingEvicted() {
        PendingAuthorizations pending = pending(2, 4);
        List<String> kept = new ArrayList<>();
        for (String address : List.of("192.0.2.1", "192.0.2.1", "192.0.2.2", "192.0.2.3")) {
            kept.add(assertInstanceOf(Admission.Admitted.class, pending.add(request, address)).id());
        }
        assertEquals(new Admission.Refused(Bound.NODE), pending.add(request, "192.0.2.9"));
        kept.forEach(id -> assertTrue(pending.find(id).isPresent(), id));
    }

    @Test
    void removeThenTheAddressMayAddAgain() {
        PendingAuthorizations pending = pending(1, 10);
        String id = assertInstanceOf(Admission.Admitted.class, pending.add(request, "192.0.2.1")).id();
        assertInstanceOf(Admission.Refused.class, pending.add(request, "192.0.2.1"));
        pending.remove(id);
        assertTrue(pending.find(id).isEmpty());
        assertEquals(0, pending.count("192.0.2.1"));
        assertInstanceOf(Admission.Admitted.class, pending.add(request, "192.0.2.1"));
    }

    @Test
    void findWhenLifetimeOverThenGoneAndItsSlotFree() {
        PendingAuthorizations pending = pending(1, 10);
        String id = assertInstanceOf(Admission.Admitted.class, pending.add(request, "192.0.2.1")).id();
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertTrue(pending.find(id).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(pending.find(id).isEmpty());
        assertInstanceOf(Admission.Admitted.class, pending.add(request, "192.0.2.1"));
    }

    @Test
    void addWhenOthersExpiredThenTheyAreRemovedFirst() {
        PendingAuthorizations pending = pending(5, 5);
        for (int i = 0; i < 5; i++) {
            pending.add(request, "192.0.2." + i);
        }
        clock.advance(Duration.ofMinutes(16));
        assertInstanceOf(Admission.Admitted.class, pending.add(request, "192.0.2.9"));
        assertEquals(1, pending.size());
    }

    @Test
    void findWhenUnknownOrNullThenEmpty() {
        PendingAuthorizations pending = pending(1, 1);
        assertTrue(pending.find("made-up").isEmpty());
        assertTrue(pending.find(null).isEmpty());
        pending.remove(null);
        pending.remove("made-up");
    }

    @Test
    void idsAreRandomAndDistinctByDefault() {
        PendingAuthorizations pending = new PendingAuthorizations(5, 5, clock);
        String first = ((Admission.Admitted) pending.add(request, "192.0.2.1")).id();
        String second = ((Admission.Admitted) pending.add(request, "192.0.2.1")).id();
        assertNotEquals(first, second);
        assertEquals(43, first.length());
    }

    @Test
    void boundsWhenInconsistentThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PendingAuthorizations(0, 10, clock));
        assertThrows(IllegalArgumentException.class, () -> new PendingAuthorizations(11, 10, clock));
    }

    @ParameterizedTest
    @CsvSource({
            "192.0.2.1, 192.0.2.1",
            "2001:db8:1:2:3:4:5:6, 2001:db8:1:2::/64",
            "2001:db8:1:2:ffff::1, 2001:db8:1:2::/64",
            "[2001:db8:1:2::9], 2001:db8:1:2::/64",
            "fe80::1%eth0, fe80:0:0:0::/64",
            "0:0:0:0:0:0:0:1, 0:0:0:0::/64",
            "::ffff:192.0.2.1, 192.0.2.1",
            "not-an-address, not-an-address",
            "x:y, x:y"})
    void addressKeyWhenIpv6ThenItsSlash64(String address, String key) {
        assertEquals(key, PendingAuthorizations.addressKey(address));
    }

    @Test
    void addWhenSameIpv6Slash64ThenOneBound() {
        PendingAuthorizations pending = pending(2, 10);
        pending.add(request, "2001:db8:1:2::1");
        pending.add(request, "2001:db8:1:2::2");
        assertEquals(new Admission.Refused(Bound.ADDRESS), pending.add(request, "2001:db8:1:2:abcd::3"));
        assertInstanceOf(Admission.Admitted.class, pending.add(request, "2001:db8:1:3::1"));
    }
}
