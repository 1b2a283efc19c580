package dev.tollgate.impl.gate;

import dev.tollgate.impl.verification.VerificationResult;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verified JWTs, keyed by the token string, so that a token seen before costs a map lookup instead of a signature
 * check. An entry holds the outcome and when it stops being valid ({@code exp} plus the clock skew); a hit past
 * that point is an expired token. Bounded: when full, expired entries go, and if that is not enough, all of them.
 */
final class VerifiedTokenCache {

    record Entry(VerificationResult.Success success, long validUntilMillis) {
    }

    /**
     * The token as a map key: equal only to the very same token, but hashed on its last 32
     * characters (the end of the signature, random for every token we issue or accept) instead of all of them.
     * Every request brings a new String whose hash is not computed yet, and hashing 700 characters would be the
     * largest cost of a cache hit. Only verified tokens are stored, so nobody can crowd a bucket on purpose.
     */
    private record Key(String token, int hash) {
        static final int HASHED_CHARS = 32;

        static Key of(String token) {
            int length = token.length();
            int hash = length;
            for (int i = Math.max(0, length - HASHED_CHARS); i < length; i++) {
                hash = 31 * hash + token.charAt(i);
            }
            return new Key(token, hash);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && token.equals(that.token);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final int maxEntries;
    private final ConcurrentHashMap<Key, Entry> entries;

    /** @param maxEntries 0 disables the cache */
    VerifiedTokenCache(int maxEntries) {
        this.maxEntries = maxEntries;
        this.entries = new ConcurrentHashMap<>(maxEntries == 0 ? 1 : Math.min(maxEntries, 1024));
    }

    /** The entry for {@code token}, valid or not; null when there is none. */
    Entry get(String token) {
        return maxEntries == 0 ? null : entries.get(Key.of(token));
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
        entries.put(Key.of(token), new Entry(success, validUntilMillis));
    }

    void remove(String token, Entry entry) {
        entries.remove(Key.of(token), entry);
    }

    int size() {
        return entries.size();
    }
}
