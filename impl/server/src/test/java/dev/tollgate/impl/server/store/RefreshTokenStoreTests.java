package dev.tollgate.impl.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.store.RefreshTokenStore.AccessToken;
import dev.tollgate.impl.server.store.RefreshTokenStore.Exchange;
import dev.tollgate.impl.server.store.RefreshTokenStore.Gone;
import dev.tollgate.impl.server.store.RefreshTokenStore.Issued;
import dev.tollgate.impl.server.store.RefreshTokenStore.Reused;
import dev.tollgate.impl.server.store.RefreshTokenStore.Rotated;
import dev.tollgate.impl.server.store.RefreshTokenStore.Stored;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The atomic exchange and the revocations of {@link RefreshTokenStore} on a real database (H2 and PostgreSQL): at
 * most one live successor per token, also under concurrency (RFC 9700 §4.14.2), and a family's access tokens
 * deny-listed with it (RFC 7009 §2.1). Which checks come first is the refresh token grant's, tested with it.
 */
abstract class RefreshTokenStoreTests extends DatabaseTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
    private RefreshTokenStore refreshTokens;
    private RevokedAccessTokenStore denyList;
    private ClientId client;

    @BeforeEach
    void createStore() {
        client = new ClientStore(dataSource(), clock).upsert(ClientDefinition.builder(new ClientId("app"))
                .name("App").grantTypes(GrantType.PASSWORD, GrantType.REFRESH_TOKEN).scopes(List.of("read", "write"))
                .build()).id();
        refreshTokens = new RefreshTokenStore(dataSource(), new SecretGenerator(), clock);
        denyList = new RevokedAccessTokenStore(dataSource(), clock);
    }

    private Issued issued() {
        return refreshTokens.issue(Optional.empty(), client, "alice@example.com", Set.of("read", "write"), DAY,
                accessToken());
    }

    private AccessToken accessToken() {
        return new AccessToken(UUID.randomUUID().toString(), clock.instant().plus(Duration.ofMinutes(15)));
    }

    private Exchange exchange(Stored presented, AccessToken accessToken) {
        return refreshTokens.exchange(presented, presented.scope(), clock.instant(), DAY, GRACE, accessToken);
    }

    private Issued rotated(Stored presented) {
        return assertInstanceOf(Rotated.class, exchange(presented, accessToken())).successor();
    }

    private Stored current(Issued issued) {
        return refreshTokens.find(issued.token()).orElseThrow();
    }

    private int liveTokensOfFamily(String familyId) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM refresh_tokens"
                     + " WHERE family_id = ? AND used_at IS NULL AND revoked_at IS NULL")) {
            select.setString(1, familyId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Test
    void purgeExpiredBeforeWhenMoreThanOneBatchThenEveryExpiredRowGoesAndNoLiveOne() throws Exception {
        int expired = RefreshTokenStore.PURGE_BATCH * 2 + 7;
        try (java.sql.Connection connection = dataSource().getConnection();
             java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO refresh_tokens"
                     + " (token_hash, family_id, client_id, subject, scope, issued_at, expires_at)"
                     + " VALUES (?, 'f', 'app', 'alice@example.com', 'read', ?, ?)")) {
            for (int i = 0; i < expired; i++) {
                insert.setString(1, String.format("%064x", i));
                Sql.setInstant(insert, 2, clock.instant().minus(DAY));
                Sql.setInstant(insert, 3, clock.instant().minusSeconds(1 + i % 3_000)); // ties, and distinct ones
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Issued live = issued();

        assertEquals(expired, refreshTokens.purgeExpiredBefore(clock.instant()));

        assertTrue(refreshTokens.find(live.token()).isPresent());
        assertEquals(0, refreshTokens.purgeExpiredBefore(clock.instant()));
    }

    @Test
    void exchangeWhenUnusedThenMarksItUsedAndStoresTheSuccessorInItsFamily() throws SQLException {
        Issued first = issued();
        clock.advance(Duration.ofMinutes(1));
        Instant now = clock.instant();

        Issued successor = assertInstanceOf(Rotated.class, refreshTokens.exchange(first.stored(), Set.of("read"),
                now, DAY, GRACE, accessToken())).successor();

        assertEquals(Optional.of(now), current(first).usedAt());
        Stored next = current(successor);
        assertEquals(first.stored().familyId(), next.familyId());
        assertEquals(Set.of("read"), next.scope());
        assertEquals(now.plus(DAY), next.expiresAt());
        assertTrue(next.activeAt(now));
        assertEquals(1, liveTokensOfFamily(next.familyId()));
    }

    @Test
    void exchangeWhenUsedWithinGracePeriodThenEarlierSuccessorRevokedWithItsAccessToken() throws SQLException {
        Issued first = issued();
        AccessToken earlierAccess = accessToken();
        Issued earlier = assertInstanceOf(Rotated.class, exchange(first.stored(), earlierAccess)).successor();
        clock.advance(Duration.ofSeconds(9));

        Issued later = rotated(first.stored());

        assertTrue(current(earlier).revokedAt().isPresent(), "the earlier branch died");
        assertTrue(current(later).activeAt(clock.instant()));
        assertEquals(1, liveTokensOfFamily(first.stored().familyId()));
        assertTrue(denyList.isRevoked(earlierAccess.jti()), "with the access token issued with it");
    }

    @Test
    void exchangeFiveTimesWithinGracePeriodThenOneLiveSuccessorAndDeadBranchesReused() throws SQLException {
        Issued first = issued();
        List<Issued> successors = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            successors.add(rotated(first.stored()));
            clock.advance(Duration.ofSeconds(1));
        }

        assertEquals(1, liveTokensOfFamily(first.stored().familyId()));
        assertTrue(current(successors.get(4)).activeAt(clock.instant()));
        for (Issued dead : successors.subList(0, 4)) {
            assertInstanceOf(Reused.class, exchange(current(dead), accessToken()));
        }
    }

    @Test
    void exchangeWhenUsedAfterGracePeriodThenReusedAndNothingChanged() throws SQLException {
        Issued first = issued();
        Issued successor = rotated(first.stored());
        clock.advance(GRACE);

        assertInstanceOf(Reused.class, exchange(first.stored(), accessToken()));

        assertTrue(current(successor).activeAt(clock.instant()), "the caller, not the store, revokes the family");
        assertEquals(1, liveTokensOfFamily(first.stored().familyId()));
    }

    @Test
    void exchangeWithinGracePeriodWhenSuccessorAlreadyUsedThenReused() throws SQLException {
        Issued first = issued();
        Issued successor = rotated(first.stored());
        Issued grandchild = rotated(successor.stored());

        assertInstanceOf(Reused.class, exchange(first.stored(), accessToken()));

        assertTrue(current(grandchild).activeAt(clock.instant()));
        assertEquals(1, liveTokensOfFamily(first.stored().familyId()));
    }

    @Test
    void exchangeWhenRevokedOrExpiredThenReusedOrGoneWhateverTheCallersCopySays() {
        Issued revoked = issued();
        refreshTokens.revokeFamily(revoked.stored().familyId());
        Issued expiring = issued();

        // The callers' copies were read before the change: the locked row, not the copy, decides.
        assertInstanceOf(Reused.class, exchange(revoked.stored(), accessToken()));
        clock.advance(DAY);
        assertInstanceOf(Gone.class, exchange(expiring.stored(), accessToken()));
        assertEquals(0, refreshTokens.revokeFamily(revoked.stored().familyId()), "no successor was stored");
    }

    @Test
    void exchangeWhenRunInParallelWithoutGracePeriodThenExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            Stored presented = issued().stored();
            List<Exchange> results = inParallel(4, () -> refreshTokens.exchange(presented, presented.scope(),
                    clock.instant(), DAY, Duration.ZERO, accessToken()));

            assertEquals(1, results.stream().filter(Rotated.class::isInstance).count(), "round " + round);
            assertEquals(1, liveTokensOfFamily(presented.familyId()), "round " + round);
        }
    }

    @Test
    void exchangeWhenRunInParallelWithinGracePeriodThenOneLiveSuccessor() throws Exception {
        for (int round = 0; round < 5; round++) {
            Stored presented = issued().stored();
            List<Exchange> results = inParallel(2, () -> exchange(presented, accessToken()));

            // Both may be answered (the second within the grace period), but only one successor stays alive.
            List<Issued> answered = results.stream().filter(Rotated.class::isInstance)
                    .map(result -> ((Rotated) result).successor()).toList();
            assertFalse(answered.isEmpty(), "round " + round);
            assertEquals(1, answered.stream().filter(issued -> current(issued).activeAt(clock.instant())).count(),
                    "round " + round);
            assertEquals(1, liveTokensOfFamily(presented.familyId()), "round " + round);
        }
    }

    @Test
    void revokeFamilyThenUnexpiredAccessTokensOfTheFamilyDenyListed() {
        AccessToken firstAccess = accessToken();
        Issued first = refreshTokens.issue(Optional.empty(), client, "alice@example.com", Set.of("read"), DAY,
                firstAccess);
        clock.advance(Duration.ofMinutes(10));
        AccessToken secondAccess = accessToken();
        Issued second = assertInstanceOf(Rotated.class, exchange(first.stored(), secondAccess)).successor();
        Issued otherFamily = issued();
        clock.advance(Duration.ofMinutes(6)); // the first access token has expired, the second has not

        assertEquals(2, refreshTokens.revokeFamily(first.stored().familyId()));

        assertTrue(current(second).revokedAt().isPresent());
        assertTrue(denyList.isRevoked(secondAccess.jti()));
        assertFalse(denyList.isRevoked(firstAccess.jti()), "an expired token needs no entry");
        assertTrue(current(otherFamily).revokedAt().isEmpty());
        assertEquals(0, refreshTokens.revokeFamily(first.stored().familyId()), "idempotent");
    }

    @Test
    void liveFamiliesWhenUserAndClientThenOnlyTheirUnrevokedUnexpiredFamilies() {
        Issued live = issued();
        Issued revoked = issued();
        refreshTokens.revokeFamily(revoked.stored().familyId());
        Issued expired = refreshTokens.issue(Optional.empty(), client, "alice@example.com", Set.of("read"),
                Duration.ofMinutes(1), accessToken());
        refreshTokens.issue(Optional.empty(), client, "bob@example.com", Set.of("read"), DAY, accessToken());
        clock.advance(Duration.ofMinutes(2));

        assertEquals(List.of(live.stored().familyId()), refreshTokens.liveFamilies("alice@example.com", client));
        assertEquals(List.of(), refreshTokens.liveFamilies("alice@example.com", new ClientId("other")));
        assertTrue(current(expired).revokedAt().isEmpty(), "an expired token is not live, revoked or not");
    }

    @Test
    void issueWithFamilyIdThenTokenInThatFamily() {
        Issued issued = refreshTokens.issue(Optional.of("family-of-a-code"), client, "alice@example.com", Set.of(),
                DAY, accessToken());

        assertEquals("family-of-a-code", current(issued).familyId());
    }

    private <T> List<T> inParallel(int threads, Callable<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
