package dev.tollgate.impl.gate;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Verified JWTs, keyed by the token string, so that a token seen before costs a map lookup instead of a signature
 * check. An entry holds the outcome and when it stops being valid ({@code exp} plus the clock skew); a hit past
 * that point is an expired token. Bounded: when full, expired entries go, and if that is not enough, all of them.
 */
final class VerifiedTokenCache {

    record Entry(VerificationResult.Success success, long validUntilMillis) {
    }

    private final int maxEntries;
    private final ConcurrentHashMap<String, Entry> entries;

    /** @param maxEntries 0 disables the cache */
    VerifiedTokenCache(int maxEntries) {
        this.maxEntries = maxEntries;
        this.entries = new ConcurrentHashMap<>(maxEntries == 0 ? 1 : Math.min(maxEntries, 1024));
    }

    /** The entry for {@code token}, valid or not; null when there is none. */
    Entry get(String token) {
        return maxEntries == 0 ? null : entries.get(token);
    }

    void put(String token, VerificationResult.Success success, long validUntilMillis, long nowMillis) {
        if (maxEntries == 0 || validUntilMillis <= nowMillis) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(entry -> entry.validUntilMillis() <= nowMillis);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(token, new Entry(success, validUntilMillis));
    }

    void remove(String token, Entry entry) {
        entries.remove(token, entry);
    }

    int size() {
        return entries.size();
    }
}
