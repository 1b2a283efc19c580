package dev.tollgate.impl.dpop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The proofs seen in the replay window (RFC 9449 §11.1), on this node: a bounded map from a 128-bit hash of
 * (key thumbprint, {@code jti}) to the time until which it is kept.
 *
 * <p>Every entry is kept for the same {@code window} from its insertion, so the map's insertion order is also its
 * expiry order and expired entries are dropped from its head in O(1) each. When the map is full of unexpired
 * entries, a new proof is <b>not</b> admitted ({@link #FULL}): dropping a live entry would let that proof be replayed.
 * The lock is held for a few map operations only, after the proof's signature was checked.
 */
public final class ReplayCache {

    /** The outcome of {@link #firstUse}. */
    public enum Outcome { FIRST_USE, REPLAYED, FULL }

    /** A hash of (jkt, jti): two longs, so that an entry costs the same whatever the proof's jti. */
    private record Key(long high, long low) {
    }

    private final int maxEntries;
    private final long windowMillis;
    private final LinkedHashMap<Key, Long> seen = new LinkedHashMap<>();

    public ReplayCache(int maxEntries, long windowMillis) {
        this.maxEntries = maxEntries;
        this.windowMillis = windowMillis;
    }

    /** Records the proof, unless it was seen within the window or the cache is full of live entries. */
    public Outcome firstUse(String thumbprint, String jti, long nowMillis) {
        Key key = key(thumbprint, jti);
        synchronized (seen) {
            Iterator<Map.Entry<Key, Long>> oldest = seen.entrySet().iterator();
            while (oldest.hasNext() && oldest.next().getValue() <= nowMillis) {
                oldest.remove();
            }
            if (seen.containsKey(key)) {
                return Outcome.REPLAYED;
            }
            if (seen.size() >= maxEntries) {
                return Outcome.FULL;
            }
            seen.put(key, nowMillis + windowMillis);
            return Outcome.FIRST_USE;
        }
    }

    public int size() {
        synchronized (seen) {
            return seen.size();
        }
    }

    private static Key key(String thumbprint, String jti) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        sha256.update(thumbprint.getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) 0);
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest(jti.getBytes(StandardCharsets.UTF_8)));
        return new Key(digest.getLong(), digest.getLong());
    }
}
