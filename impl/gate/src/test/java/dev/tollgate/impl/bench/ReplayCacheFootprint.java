package dev.tollgate.impl.bench;

import dev.tollgate.impl.dpop.ReplayCache;
import java.util.UUID;

/**
 * The heap one DPoP replay-cache entry costs: fills a cache with {@code N} proofs (random UUID {@code jti}s, as
 * clients send) and compares the heap in use, after full collections, before and after.
 * Run: {@code java -cp impl/gate/target/classes:impl/gate/target/test-classes
 * dev.tollgate.impl.bench.ReplayCacheFootprint 1000000}
 */
public final class ReplayCacheFootprint {

    private ReplayCacheFootprint() {
    }

    public static void main(String[] args) throws InterruptedException {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String thumbprint = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
        long before = usedAfterGc();
        ReplayCache cache = new ReplayCache(entries, 3_600_000);
        long now = System.currentTimeMillis();
        for (int i = 0; i < entries; i++) {
            if (cache.firstUse(thumbprint, UUID.randomUUID().toString(), now) != ReplayCache.Outcome.FIRST_USE) {
                throw new IllegalStateException("entry " + i + " was not recorded");
            }
        }
        long after = usedAfterGc();
        System.out.printf("%d entries: %.1f MB, %.1f bytes per entry (cache size %d)%n", entries,
                (after - before) / 1e6, (double) (after - before) / entries, cache.size());
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
