package dev.tollgate.impl.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.impl.dpop.ReplayCache.Outcome;
import org.junit.jupiter.api.Test;

/** The per-node replay cache (RFC 9449 §11.1): bounded, and never forgets a live proof to make room. */
class ReplayCacheTest {

    @Test
    void proofIsFirstUsedOnceThenReplayedWithinTheWindow() {
        ReplayCache cache = new ReplayCache(10, 1000);

        assertEquals(Outcome.FIRST_USE, cache.firstUse("jkt", "jti-1", 0));
        assertEquals(Outcome.REPLAYED, cache.firstUse("jkt", "jti-1", 999));
    }

    @Test
    void sameJtiUnderAnotherKeyIsAnotherProof() {
        ReplayCache cache = new ReplayCache(10, 1000);

        assertEquals(Outcome.FIRST_USE, cache.firstUse("jkt-a", "jti-1", 0));
        assertEquals(Outcome.FIRST_USE, cache.firstUse("jkt-b", "jti-1", 0));
    }

    @Test
    void entryIsDroppedOnceItsWindowHasPassed() {
        ReplayCache cache = new ReplayCache(10, 1000);
        cache.firstUse("jkt", "jti-1", 0);

        assertEquals(Outcome.FIRST_USE, cache.firstUse("jkt", "jti-2", 1000));
        assertEquals(1, cache.size());
    }

    @Test
    void fullCacheRefusesNewProofsUntilEntriesExpire() {
        ReplayCache cache = new ReplayCache(2, 1000);
        cache.firstUse("jkt", "a", 0);
        cache.firstUse("jkt", "b", 10);

        assertEquals(Outcome.FULL, cache.firstUse("jkt", "c", 500));
        assertEquals(Outcome.REPLAYED, cache.firstUse("jkt", "a", 500), "a live entry was forgotten");
        assertEquals(Outcome.FIRST_USE, cache.firstUse("jkt", "c", 1000));
    }
}
