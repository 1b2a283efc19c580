package dev.tollgate.impl.server.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.server.testing.DatabaseTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each pending authorization request is answered once, on a real database (H2 and PostgreSQL subclasses). */
abstract class UsedAuthorizationRequestsTests extends DatabaseTest {

    private static final Instant EXPIRES = Instant.parse("2030-01-01T00:15:00Z");

    private UsedAuthorizationRequests used;

    @BeforeEach
    void createStore() {
        used = new UsedAuthorizationRequests(dataSource());
    }

    @Test
    void markUsedWhenFirstThenTrueAndAgainThenFalse() {
        assertTrue(used.markUsed("AAAAAAAAAAAAAAAAAAAAAA", EXPIRES));
        assertFalse(used.markUsed("AAAAAAAAAAAAAAAAAAAAAA", EXPIRES));
        assertTrue(used.markUsed("BBBBBBBBBBBBBBBBBBBBBB", EXPIRES), "another request is independent");
    }

    @Test
    void markUsedWhenConcurrentThenExactlyOneWins() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Boolean> answer = () -> {
                    start.await();
                    return used.markUsed("CCCCCCCCCCCCCCCCCCCCCC", EXPIRES);
                };
                results.add(pool.submit(answer));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purgeWhenExpiredBeforeTheCutoffThenDeletedElseKept() {
        used.markUsed("old", EXPIRES.minusSeconds(60));
        used.markUsed("live", EXPIRES);
        assertEquals(1, used.purgeExpiredBefore(EXPIRES.minusSeconds(1)));
        assertTrue(used.markUsed("old", EXPIRES), "purged: the id is free again (its sealed request has expired)");
        assertFalse(used.markUsed("live", EXPIRES));
    }
}
