package dev.tollgate.impl.cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The gate's caches of verified credentials, keyed by a string with a random end (a JWT, whose signature ends it; an
 * opaque token; an HMAC of plain-header credentials), so that a credential seen before costs a map lookup instead of
 * a signature check, an introspection call or a password hash. An entry holds a value and when it stops being valid
 * (a JWT's {@code exp} plus the clock skew, say); a hit past that point is the caller's to handle.
 *
 * <p>Bounded, with a real eviction policy instead of emptying itself when full:
 * <ul>
 *   <li><b>victim</b>: an expired entry if one is found, else the least recently used of {@value #SAMPLES} entries
 *       picked at random (sampled LRU, as Redis evicts);
 *   <li><b>admission</b> (TinyLFU, Einziger, Friedman and Manes, ACM TOS 2017): a new token replaces the victim only
 *       if it was seen more often, as a count-min sketch of recent use tells. A stream of distinct tokens larger than
 *       the cache then keeps a stable part of them cached (hit rate about size / tokens) instead of evicting each
 *       one just before its next use, as plain LRU does in rotation; a token used once does not push out one used
 *       often.
 * </ul>
 * Reads are lock-free (one map lookup, one sketch update); inserts, which follow a signature check, take a lock.
 */
public final class BoundedCache<V> {

    /** Entries compared per eviction. */
    static final int SAMPLES = 8;

    /** A cached value and until when it holds. */
    public static final class Entry<V> {
        private final V value;
        private final long validUntilMillis;
        private final Key key;
        /** Where the entry sits in {@link BoundedCache#slots}; written under the lock only. */
        private final int slot;
        /** When the entry was last read, in {@code nowMillis} of the caller; only a recency hint, so racy is fine. */
        private volatile long lastUsedMillis;

        Entry(V value, long validUntilMillis, Key key, int slot, long nowMillis) {
            this.value = value;
            this.validUntilMillis = validUntilMillis;
            this.key = key;
            this.slot = slot;
            this.lastUsedMillis = nowMillis;
        }

        public V value() {
            return value;
        }

        public long validUntilMillis() {
            return validUntilMillis;
        }
    }

    /**
     * The map key: equal only to the very same string, but hashed on its last 32 characters (the end of a
     * signature, random for every token we issue or accept) instead of all of them. Every request brings a new
     * String whose hash is not computed yet, and hashing 700 characters would be the largest cost of a cache hit.
     * Keys can be chosen by a client (an opaque token refused by introspection is cached too), so keys of one hash
     * are also comparable: the map then keeps a crowded bucket as a tree and a lookup stays O(log n).
     */
    record Key(String token, int hash) implements Comparable<Key> {
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

        @Override
        public int compareTo(Key other) {
            return token.compareTo(other.token);
        }
    }

    private final int maxEntries;
    private final ConcurrentHashMap<Key, Entry<V>> entries;
    private final FrequencySketch sketch;
    /**
     * Every cached entry by slot, so that victims can be sampled at random; guarded by {@code this}. The entries
     * themselves rather than their keys: a lookup in the map per sample (eight random reads of a large table, for
     * every token verified while the cache is full) cost a tenth of the cold path under load.
     */
    private final Entry<V>[] slots;
    /** Slots in use are {@code [0, used)}; a slot freed by {@link #remove} goes on {@link #free}. */
    private int used;
    private final int[] free;
    private int freeCount;

    /** @param maxEntries 0 disables the cache */
    @SuppressWarnings("unchecked")
    public BoundedCache(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative");
        }
        this.maxEntries = maxEntries;
        this.entries = new ConcurrentHashMap<>(maxEntries == 0 ? 1 : Math.min(maxEntries, 1024));
        this.sketch = maxEntries == 0 ? null : new FrequencySketch(maxEntries);
        this.slots = (Entry<V>[]) new Entry<?>[maxEntries];
        this.free = new int[maxEntries];
    }

    /** The entry for {@code key}, valid or not; null when there is none. */
    public Entry<V> get(String key, long nowMillis) {
        if (maxEntries == 0) {
            return null;
        }
        Key mapKey = Key.of(key);
        Entry<V> entry = entries.get(mapKey);
        if (entry != null) {
            sketch.record(mapKey.hash());
            if (entry.lastUsedMillis != nowMillis) {
                entry.lastUsedMillis = nowMillis;
            }
        }
        return entry;
    }

    /**
     * Caches a value until {@code validUntilMillis}, unless the cache is full and the key is not used more often
     * than the entry it would replace.
     */
    public void put(String token, V value, long validUntilMillis, long nowMillis) {
        if (maxEntries == 0 || validUntilMillis <= nowMillis) {
            return;
        }
        Key key = Key.of(token);
        // How often the token was seen before now: the misses that led here, and hits while it was cached.
        int frequency = sketch.frequency(key.hash());
        sketch.record(key.hash());
        synchronized (this) {
            Entry<V> present = entries.get(key);
            int slot;
            if (present != null) {
                slot = present.slot;
            } else if (freeCount > 0) {
                slot = free[--freeCount];
            } else if (used < maxEntries) {
                slot = used++;
            } else {
                Entry<V> victim = victim(nowMillis);
                if (victim == null
                        || victim.validUntilMillis > nowMillis && frequency <= sketch.frequency(victim.key.hash())) {
                    return;
                }
                entries.remove(victim.key, victim);
                slot = victim.slot;
            }
            Entry<V> entry = new Entry<>(value, validUntilMillis, key, slot, nowMillis);
            slots[slot] = entry;
            entries.put(key, entry);
        }
    }

    /**
     * Sampled LRU: an expired entry at once, else the least recently used of the samples. Every slot below
     * {@code used} holds the cached entry when the cache is full (freed slots are reused first; a slot is written
     * with its entry under the lock); null only if that ever failed to hold, and then nothing is evicted.
     */
    private Entry<V> victim(long nowMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Entry<V> oldest = null;
        for (int i = 0; i < SAMPLES; i++) {
            Entry<V> candidate = slots[random.nextInt(used)];
            if (candidate == null) {
                continue;
            }
            if (candidate.validUntilMillis <= nowMillis) {
                return candidate;
            }
            if (oldest == null || candidate.lastUsedMillis < oldest.lastUsedMillis) {
                oldest = candidate;
            }
        }
        return oldest;
    }

    /** Drops {@code entry} (an expired one), if it is still the one cached for its key. */
    public void remove(Entry<V> entry) {
        synchronized (this) {
            if (entries.remove(entry.key, entry)) {
                slots[entry.slot] = null;
                free[freeCount++] = entry.slot;
            }
        }
    }

    /** Drops the entry of {@code key}, if any. */
    public void remove(String key) {
        if (maxEntries == 0) {
            return;
        }
        Entry<V> entry = entries.get(Key.of(key));
        if (entry != null) {
            remove(entry);
        }
    }

    public int size() {
        return entries.size();
    }

    /**
     * How often keys were seen lately: a count-min sketch of four rows of counters that saturate at 15, all halved
     * after {@code 10 × size} records, so that the counts follow recent use (TinyLFU's reset). Updates are not
     * atomic: a lost increment only blurs a heuristic.
     */
    static final class FrequencySketch {

        private static final int ROWS = 4;
        private static final int MAX = 15;
        /** Rows are at most 2^22 counters: 16 MiB for the largest cache allowed (10 million entries). */
        private static final int MAX_WIDTH = 1 << 22;

        private final byte[] table;
        private final int mask;
        private final int resetAfter;
        private int records;

        FrequencySketch(int maxEntries) {
            int width = Math.min(MAX_WIDTH, Integer.highestOneBit(Math.max(16, maxEntries) * 2 - 1) << 1);
            this.table = new byte[ROWS * width];
            this.mask = width - 1;
            this.resetAfter = (int) Math.min(Integer.MAX_VALUE, 10L * maxEntries);
        }

        void record(int hash) {
            int width = mask + 1;
            for (int row = 0; row < ROWS; row++) {
                int index = row * width + (spread(hash, row) & mask);
                if (table[index] < MAX) {
                    table[index]++;
                }
            }
            if (++records >= resetAfter) {
                reset();
            }
        }

        int frequency(int hash) {
            int width = mask + 1;
            int least = MAX;
            for (int row = 0; row < ROWS; row++) {
                least = Math.min(least, table[row * width + (spread(hash, row) & mask)]);
            }
            return least;
        }

        private synchronized void reset() {
            if (records < resetAfter) {
                return;
            }
            for (int i = 0; i < table.length; i++) {
                table[i] >>= 1;
            }
            records = 0;
        }

        /** A different mix of the hash for each row. */
        private static int spread(int hash, int row) {
            int h = hash * 0x9E3779B9 + row * 0x85EBCA6B;
            h ^= h >>> 15;
            h *= 0x2C1B3C6D;
            return h ^ (h >>> 13);
        }
    }
}
