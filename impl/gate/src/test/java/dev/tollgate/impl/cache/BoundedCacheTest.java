package dev.tollgate.impl.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.impl.verification.VerificationResult.Success;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gate caches' bound and eviction: what stays when more keys come than it holds. */
class BoundedCacheTest {

    static final long NOW = 1_000_000L;
    static final long VALID_UNTIL = NOW + 3_600_000L;

    static String token(int i) {
        // Distinct tails: the key is hashed on the last 32 characters, as a signature's end would be.
        return "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl" + (1_000_000_000L + i);
    }

    static Success success(int i) {
        return Success.of(Caller.of("user-" + i, null, Set.of(), Set.of(), CredentialKind.JWT, null));
    }

    /** What a gate does for a request: a hit, or a (pretended) verification and an insert. */
    static boolean request(BoundedCache<Success> cache, int i, long now) {
        if (cache.get(token(i), now) != null) {
            return true;
        }
        cache.put(token(i), success(i), VALID_UNTIL, now);
        return false;
    }

    @Test
    void neverHoldsMoreThanItsSize() {
        BoundedCache<Success> cache = new BoundedCache<>(100);

        for (int i = 0; i < 10_000; i++) {
            request(cache, i, NOW + i);
            assertTrue(cache.size() <= 100);
        }
        assertEquals(100, cache.size(), "full, not emptied");
    }

    @Test
    void tokenSeenBeforeIsServedFromTheCache() {
        BoundedCache<Success> cache = new BoundedCache<>(10);
        cache.put(token(1), success(1), VALID_UNTIL, NOW);

        BoundedCache.Entry<Success> entry = cache.get(new String(token(1).toCharArray()), NOW);

        assertNotNull(entry);
        assertEquals("user-1", entry.value().caller().subject());
        assertEquals(VALID_UNTIL, entry.validUntilMillis());
    }

    @Test
    void keysThatShareTheirHashedEndAreStillEachTheirOwn() {
        // An opaque token refused by introspection is cached under a key its sender chose: one tail for all.
        BoundedCache<String> cache = new BoundedCache<>(1_000);
        String tail = "x".repeat(BoundedCache.Key.HASHED_CHARS);
        for (int i = 0; i < 1_000; i++) {
            cache.put(i + tail, "value-" + i, VALID_UNTIL, NOW);
        }

        assertEquals(1_000, cache.size());
        for (int i = 0; i < 1_000; i++) {
            assertEquals("value-" + i, cache.get(i + tail, NOW).value());
        }
        assertNull(cache.get("other" + tail, NOW));
    }

    @Test
    void removeByKeyFreesItsSlot() {
        BoundedCache<String> cache = new BoundedCache<>(1);
        cache.put("first", "1", VALID_UNTIL, NOW);
        cache.remove("first");
        cache.remove("never-cached");
        cache.put("second", "2", VALID_UNTIL, NOW);

        assertNull(cache.get("first", NOW));
        assertEquals("2", cache.get("second", NOW).value());
    }

    @Test
    void tokenUsedAgainAndAgainSurvivesAFloodOfTokensUsedOnce() {
        BoundedCache<Success> cache = new BoundedCache<>(100);
        long now = NOW;
        int hotHits = 0;
        for (int i = 1; i <= 20_000; i++) {
            if (i % 200 == 0) {
                // Two cache sizes of one-off tokens between two uses: plain LRU would have dropped it each time.
                hotHits += request(cache, 0, now++) ? 1 : 0;
            } else {
                request(cache, i, now++);
            }
        }

        assertTrue(hotHits >= 90, "the hot token hit " + hotHits + " of 100 times");
    }

    @Test
    void rotationOverTwiceTheSizeStillHitsAboutHalfTheTime() {
        int size = 1_000;
        BoundedCache<Success> cache = new BoundedCache<>(size);
        int distinct = 2 * size;
        long now = NOW;
        for (int i = 0; i < 20 * distinct; i++) {
            request(cache, i % distinct, now++);
        }

        int hits = 0;
        int requests = 10 * distinct;
        for (int i = 0; i < requests; i++) {
            hits += request(cache, i % distinct, now++) ? 1 : 0;
        }

        // Emptying when full, or plain LRU, would hit 0% here; the ideal is size / distinct = 50%.
        double rate = (double) hits / requests;
        assertTrue(rate > 0.40, "hit rate " + rate);
    }

    @Test
    void randomAccessOverFiveTimesTheSizeHitsAboutOneInFive() {
        int size = 1_000;
        BoundedCache<Success> cache = new BoundedCache<>(size);
        Random random = new Random(42);
        long now = NOW;
        for (int i = 0; i < 50 * size; i++) {
            request(cache, random.nextInt(5 * size), now++);
        }

        int hits = 0;
        int requests = 100 * size;
        for (int i = 0; i < requests; i++) {
            hits += request(cache, random.nextInt(5 * size), now++) ? 1 : 0;
        }

        double rate = (double) hits / requests;
        assertTrue(rate > 0.17 && rate < 0.23, "hit rate " + rate);
    }

    @Test
    void expiredEntriesMakeRoomFirst() {
        BoundedCache<Success> cache = new BoundedCache<>(BoundedCache.SAMPLES);
        for (int i = 0; i < BoundedCache.SAMPLES; i++) {
            // Used often, but all expired by NOW + 10.
            cache.put(token(i), success(i), NOW + 10, NOW);
            for (int round = 0; round < 5; round++) {
                cache.get(token(i), NOW);
            }
        }

        cache.put(token(99), success(99), VALID_UNTIL, NOW + 20);

        assertNotNull(cache.get(token(99), NOW + 20), "a new token replaces an expired one, however popular");
        assertEquals(BoundedCache.SAMPLES, cache.size());
    }

    @Test
    void removedEntryFreesItsPlace() {
        BoundedCache<Success> cache = new BoundedCache<>(2);
        cache.put(token(1), success(1), VALID_UNTIL, NOW);
        cache.put(token(2), success(2), VALID_UNTIL, NOW);

        cache.remove(cache.get(token(1), NOW));
        cache.put(token(3), success(3), VALID_UNTIL, NOW);

        assertNull(cache.get(token(1), NOW));
        assertNotNull(cache.get(token(2), NOW));
        assertNotNull(cache.get(token(3), NOW));
        assertEquals(2, cache.size());
    }

    @Test
    void removeLeavesAnEntryThatReplacedTheGivenOne() {
        BoundedCache<Success> cache = new BoundedCache<>(2);
        cache.put(token(1), success(1), VALID_UNTIL, NOW);
        BoundedCache.Entry<Success> old = cache.get(token(1), NOW);
        cache.put(token(1), success(1), VALID_UNTIL + 1, NOW);

        cache.remove(old);

        assertEquals(VALID_UNTIL + 1, cache.get(token(1), NOW).validUntilMillis());
    }

    @Test
    void alreadyExpiredTokenIsNotCached() {
        BoundedCache<Success> cache = new BoundedCache<>(2);

        cache.put(token(1), success(1), NOW, NOW);

        assertNull(cache.get(token(1), NOW));
    }

    @Test
    void sizeZeroCachesNothing() {
        BoundedCache<Success> cache = new BoundedCache<>(0);

        cache.put(token(1), success(1), VALID_UNTIL, NOW);

        assertNull(cache.get(token(1), NOW));
        assertEquals(0, cache.size());
    }

    @Test
    void sketchCountsUseAndForgetsItByHalves() {
        BoundedCache.FrequencySketch sketch = new BoundedCache.FrequencySketch(16);
        int hash = token(7).hashCode();
        int other = token(8).hashCode();

        for (int i = 0; i < 4; i++) {
            sketch.record(hash);
        }
        int counted = sketch.frequency(hash);
        for (int i = 0; i < 16 * 10 - 4; i++) {
            sketch.record(other);
        }

        assertEquals(4, counted);
        assertEquals(2, sketch.frequency(hash), "halved after 10 records per entry");
        assertEquals(7, sketch.frequency(other), "saturated at 15, then halved");
    }
}
