package dev.tollgate.impl.server.housekeeping;

import dev.tollgate.impl.server.authorize.AuthorizationCodeStore;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.RevokedAccessTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes rows that expired more than {@code retention} ago: refresh tokens, authorization codes, deny-list entries.
 * Without it those tables only grow. Every node may run it: each purge is one idempotent
 * {@code DELETE ... WHERE expires_at < ?} on an indexed column, so two nodes at once only find less to delete.
 *
 * <p>One failing purge (the database is briefly down) is logged and does not stop the others or later runs.
 */
public final class ExpiredRowPurge implements Runnable {

    private static final Logger LOG = Logger.getLogger(ExpiredRowPurge.class.getName());

    private final Map<String, ToIntFunction<Instant>> purges;
    private final Duration retention;
    private final Clock clock;

    /** @param purges by table name: deletes what expired before the instant and returns how many rows */
    public ExpiredRowPurge(Map<String, ToIntFunction<Instant>> purges, Duration retention, Clock clock) {
        this.purges = new LinkedHashMap<>(purges);
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The authorization server's purge: refresh tokens, authorization codes and the access-token deny-list. */
    public static ExpiredRowPurge ofServerTables(RefreshTokenStore refreshTokens, AuthorizationCodeStore codes,
                                                 RevokedAccessTokenStore denyList, Duration retention, Clock clock) {
        Map<String, ToIntFunction<Instant>> purges = new LinkedHashMap<>();
        purges.put("refresh_tokens", refreshTokens::purgeExpiredBefore);
        purges.put("authorization_codes", codes::purgeExpiredBefore);
        purges.put("revoked_access_tokens", denyList::purgeExpiredBefore);
        return new ExpiredRowPurge(purges, retention, clock);
    }

    /** @return rows deleted per table; a table whose purge failed is absent */
    public Map<String, Integer> purge() {
        Instant cutoff = clock.instant().minus(retention);
        Map<String, Integer> deleted = new LinkedHashMap<>();
        purges.forEach((table, purge) -> {
            try {
                deleted.put(table, purge.applyAsInt(cutoff));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not purge expired rows of " + table + "; the next run tries again", e);
            }
        });
        LOG.fine(() -> "Purged rows that expired before " + cutoff + ": " + deleted);
        return deleted;
    }

    @Override
    public void run() {
        purge();
    }
}
