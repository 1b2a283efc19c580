package dev.tollgate.impl.gate;

import dev.tollgate.api.Caller;
import dev.tollgate.impl.cache.BoundedCache;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plain-header credentials checked recently, so that a repeat request does not pay for a slow password hash again.
 * Entries are keyed by HMAC-SHA256 of email and password under a random key made for this process: the password is
 * never stored, and the keys are of no use to anyone who reads the heap of another process. Bounded with the
 * verified-token cache's eviction ({@link BoundedCache}): more callers than it holds keep a stable part of them
 * cached instead of emptying it.
 */
final class CredentialCache {

    private final SecretKeySpec macKey;
    private final long ttlMillis;
    private final int maxEntries;
    private final BoundedCache<Caller> entries;

    /** @param ttlMillis 0, or {@code maxEntries} 0, disables the cache */
    CredentialCache(long ttlMillis, int maxEntries) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.macKey = new SecretKeySpec(key, "HmacSHA256");
        this.ttlMillis = ttlMillis;
        this.maxEntries = ttlMillis > 0 ? maxEntries : 0;
        this.entries = new BoundedCache<>(this.maxEntries);
    }

    boolean enabled() {
        return maxEntries > 0;
    }

    /** The cache key for these credentials. */
    String key(String email, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            mac.update(email.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The caller for a key checked within the TTL; null otherwise. */
    Caller get(String key, long nowMillis) {
        BoundedCache.Entry<Caller> entry = entries.get(key, nowMillis);
        if (entry == null) {
            return null;
        }
        if (nowMillis >= entry.validUntilMillis()) {
            entries.remove(entry);
            return null;
        }
        return entry.value();
    }

    void remove(String key) {
        entries.remove(key);
    }

    void put(String key, Caller caller, long nowMillis) {
        entries.put(key, caller, nowMillis + ttlMillis, nowMillis);
    }
}
