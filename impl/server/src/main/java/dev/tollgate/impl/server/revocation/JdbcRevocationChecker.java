package dev.tollgate.impl.server.revocation;

import dev.tollgate.api.Caller;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.server.store.RevokedAccessTokenStore;
import dev.tollgate.impl.server.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The gate's {@link RevocationChecker} over the authorization server's deny-list, for every node alike.
 *
 * <p><b>Bounded staleness.</b> Each node holds the whole deny-list in memory (only unexpired entries, so it stays as
 * small as the revocations of one access-token lifetime) and re-reads it when it is older than the configured
 * {@code tollgate.server.revocation-cache}. A revocation made on any node is thus seen everywhere within that time,
 * at the cost of one small query per node per period, whatever the traffic. The re-read happens lazily on the
 * request that finds the copy stale (one thread reads, the others wait for it), so no thread of its own is needed.
 *
 * <p><b>Failure.</b> When the copy is stale and the database cannot be read, the check fails (the gate answers 503)
 * rather than admit a token that may have been revoked; a failed read is retried at most once a second.
 */
public final class JdbcRevocationChecker implements RevocationChecker {

    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    private final RevokedAccessTokenStore store;
    private final Duration maxAge;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile Snapshot snapshot;
    private volatile Instant failedAt;

    public JdbcRevocationChecker(RevokedAccessTokenStore store, Duration maxAge, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean isRevoked(String tokenId, Caller caller) {
        if (tokenId == null) {
            return false;
        }
        return current().jtis().contains(tokenId);
    }

    /** Forgets the copy, so the next check reads the database (this node just revoked a token). */
    public void invalidate() {
        snapshot = null;
    }

    private Snapshot current() {
        Instant now = clock.instant();
        Snapshot cached = snapshot;
        if (cached != null && now.isBefore(cached.readAt().plus(maxAge))) {
            return cached;
        }
        synchronized (lock) {
            cached = snapshot;
            if (cached != null && now.isBefore(cached.readAt().plus(maxAge))) {
                return cached;
            }
            Instant failed = failedAt;
            if (failed != null && now.isBefore(failed.plus(RETRY_AFTER_FAILURE))) {
                throw new StoreException("read the access-token deny-list (failed moments ago)", null);
            }
            try {
                // The time is taken before the read: whatever was revoked before it is in the copy.
                Snapshot fresh = new Snapshot(store.unexpired(), now);
                snapshot = fresh;
                failedAt = null;
                return fresh;
            } catch (StoreException e) {
                failedAt = now;
                throw e;
            }
        }
    }

    private record Snapshot(Set<String> jtis, Instant readAt) {
    }
}
