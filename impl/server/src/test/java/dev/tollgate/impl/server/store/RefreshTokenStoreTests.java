package dev.tollgate.impl.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.store.RefreshTokenStore.Issued;
import dev.tollgate.impl.server.store.RefreshTokenStore.Stored;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compare-and-set updates of {@link RefreshTokenStore} on a real database (H2 and PostgreSQL); the rules of when
 * a token may be exchanged are the refresh token grant's, tested with it.
 */
abstract class RefreshTokenStoreTests extends DatabaseTest {

    private static final Duration DAY = Duration.ofDays(1);

    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
    private RefreshTokenStore refreshTokens;
    private ClientId client;

    @BeforeEach
    void createStore() {
        client = new ClientStore(dataSource(), clock).upsert(ClientDefinition.builder(new ClientId("app"))
                .name("App").grantTypes(GrantType.PASSWORD, GrantType.REFRESH_TOKEN).scopes(List.of("read", "write"))
                .build()).id();
        refreshTokens = new RefreshTokenStore(dataSource(), new SecretGenerator(), clock);
    }

    private Stored issued() {
        return refreshTokens.issue(client, "alice@example.com", Set.of("read", "write"), DAY).stored();
    }

    @Test
    void rotateWhenUnusedThenMarksItUsedAndStoresTheSuccessorInItsFamily() {
        Issued first = refreshTokens.issue(client, "alice@example.com", Set.of("read", "write"), DAY);
        Instant now = clock.instant().plusSeconds(60);

        Issued successor = refreshTokens.rotate(first.stored(), Set.of("read"), now, DAY).orElseThrow();

        assertEquals(Optional.of(now), refreshTokens.find(first.token()).orElseThrow().usedAt());
        Stored next = refreshTokens.find(successor.token()).orElseThrow();
        assertEquals(first.stored().familyId(), next.familyId());
        assertEquals(Set.of("read"), next.scope());
        assertEquals(now.plus(DAY), next.expiresAt());
        assertTrue(next.activeAt(now));
    }

    @Test
    void rotateWhenUsedOrRevokedMeanwhileThenEmptyAndNothingStored() {
        Stored used = issued();
        refreshTokens.rotate(used, used.scope(), clock.instant(), DAY).orElseThrow();
        Stored revoked = issued();
        refreshTokens.revokeFamily(revoked.familyId());

        // Both as read before the change: the update's condition, not the caller's copy, decides.
        assertEquals(Optional.empty(), refreshTokens.rotate(used, used.scope(), clock.instant(), DAY));
        assertEquals(Optional.empty(), refreshTokens.rotate(revoked, revoked.scope(), clock.instant(), DAY));
        assertEquals(0, refreshTokens.revokeFamily(revoked.familyId()), "no successor was stored in the family");
    }

    @Test
    void rotateWhenRunInParallelThenExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            Stored presented = issued();
            int threads = 4;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Optional<Issued>>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return refreshTokens.rotate(presented, presented.scope(), clock.instant(), DAY);
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Optional<Issued>> result : results) {
                    winners += result.get().isPresent() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void issueSuccessorWhenUsedThenAnotherLiveTokenInTheFamily() {
        Stored used = issued();
        Issued rotated = refreshTokens.rotate(used, used.scope(), clock.instant(), DAY).orElseThrow();

        Issued another = refreshTokens.issueSuccessor(used, used.scope(), clock.instant(), DAY);

        assertNotEquals(rotated.token(), another.token());
        assertEquals(used.familyId(), refreshTokens.find(another.token()).orElseThrow().familyId());
        assertTrue(refreshTokens.find(another.token()).orElseThrow().activeAt(clock.instant()));
    }
}
