package dev.tollgate.impl.server.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.server.replay.UsedJtis.Purpose;
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

/** A jti is accepted once per purpose and sender, on a real database (H2 and PostgreSQL subclasses). */
abstract class UsedJtisTests extends DatabaseTest {

    private static final Instant EXPIRES = Instant.parse("2030-01-01T00:01:00Z");

    private UsedJtis used;

    @BeforeEach
    void createStore() {
        used = new UsedJtis(dataSource());
    }

    @Test
    void markUsedWhenFirstThenTrueAndAgainThenFalse() {
        assertTrue(used.markUsed(Purpose.DPOP_PROOF, "key-1", "jti-1", EXPIRES));
        assertFalse(used.markUsed(Purpose.DPOP_PROOF, "key-1", "jti-1", EXPIRES));
    }

    @Test
    void markUsedWhenOtherPurposeOrSenderThenIndependent() {
        assertTrue(used.markUsed(Purpose.DPOP_PROOF, "client-a", "jti-1", EXPIRES));
        assertTrue(used.markUsed(Purpose.CLIENT_ASSERTION, "client-a", "jti-1", EXPIRES), "another purpose");
        assertTrue(used.markUsed(Purpose.DPOP_PROOF, "client-b", "jti-1", EXPIRES), "another sender");
        assertTrue(used.markUsed(Purpose.DPOP_PROOF, "client-a", "jti-2", EXPIRES), "another jti");
    }

    @Test
    void markUsedWhenScopeAndJtiSplitDifferentlyThenIndependent() {
        assertTrue(used.markUsed(Purpose.CLIENT_ASSERTION, "a", "bc", EXPIRES));
        assertTrue(used.markUsed(Purpose.CLIENT_ASSERTION, "ab", "c", EXPIRES));
    }

    @Test
    void markUsedWhenJtiIsLongThenStoredAsItsHash() {
        String longJti = "x".repeat(10_000);
        assertTrue(used.markUsed(Purpose.DPOP_PROOF, "key-1", longJti, EXPIRES));
        assertFalse(used.markUsed(Purpose.DPOP_PROOF, "key-1", longJti, EXPIRES));
    }

    @Test
    void markUsedWhenConcurrentThenExactlyOneWins() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Boolean> use = () -> {
                    start.await();
                    return used.markUsed(Purpose.DPOP_PROOF, "key-1", "raced", EXPIRES);
                };
                results.add(pool.submit(use));
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
        used.markUsed(Purpose.DPOP_PROOF, "key-1", "old", EXPIRES.minusSeconds(60));
        used.markUsed(Purpose.DPOP_PROOF, "key-1", "live", EXPIRES);
        assertEquals(1, used.purgeExpiredBefore(EXPIRES.minusSeconds(1)));
        assertTrue(used.markUsed(Purpose.DPOP_PROOF, "key-1", "old", EXPIRES), "purged: its JWT has expired");
        assertFalse(used.markUsed(Purpose.DPOP_PROOF, "key-1", "live", EXPIRES));
    }
}
