package dev.tollgate.impl.server.housekeeping;

import dev.tollgate.impl.server.authorize.AuthorizationCodeStore;
import dev.tollgate.impl.server.authorize.UsedAuthorizationRequests;
import dev.tollgate.impl.server.lockout.DatabaseAccountLockout;
import dev.tollgate.impl.server.registration.RegistrationLimiter;
import dev.tollgate.impl.server.replay.UsedJtis;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.RevokedAccessTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes rows that expired more than a retention ago: refresh tokens, authorization codes, answered authorization
 * requests, used JWT ids, deny-list entries and idle registration-limit rows after {@code tollgate.server.purge-retention}; the
 * lockout's counts as soon as they expired (hashed counters: nothing to investigate); soft-deleted clients (with what still refers to them) after
 * {@code tollgate.server.purge-deleted-clients}. Without it those tables only grow. Each purge is an idempotent
 * {@code DELETE ... WHERE <time> < ?} on an indexed column, so two nodes at once only find less to delete; with a
 * {@link HousekeepingLease} ({@link #oncePerCluster}) the scheduled run does its work on one node per interval.
 *
 * <p>One failing purge (the database is briefly down) is logged and does not stop the others or later runs.
 */
public final class ExpiredRowPurge implements Runnable {

    private static final Logger LOG = Logger.getLogger(ExpiredRowPurge.class.getName());

    /** The name of the scheduled purge in {@code housekeeping_leases}. */
    public static final String LEASE = "expired-row-purge";

    private final Map<String, Purge> purges;
    private final Clock clock;
    private final Optional<Lease> lease;

    /** The lease a scheduled run must win, and the schedule's interval. */
    private record Lease(HousekeepingLease lease, Duration interval) {
    }

    /**
     * One table's purge.
     *
     * @param deleteBefore deletes what expired (or was deleted) before the instant and returns how many rows
     * @param retention    how long before now that instant is
     */
    public record Purge(ToIntFunction<Instant> deleteBefore, Duration retention) {

        public Purge {
            Objects.requireNonNull(deleteBefore, "deleteBefore");
            Objects.requireNonNull(retention, "retention");
        }
    }

    /** @param purges by table name, in the order they run */
    public ExpiredRowPurge(Map<String, Purge> purges, Clock clock) {
        this(purges, clock, Optional.empty());
    }

    private ExpiredRowPurge(Map<String, Purge> purges, Clock clock, Optional<Lease> lease) {
        this.purges = new LinkedHashMap<>(purges);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = lease;
    }

    /** @param purges by table name, all with the same retention */
    public ExpiredRowPurge(Map<String, ToIntFunction<Instant>> purges, Duration retention, Clock clock) {
        this(sameRetention(purges, retention), clock);
    }

    /**
     * The authorization server's purge: refresh tokens, authorization codes, answered authorization requests, used
     * JWT ids, the
     * access-token deny-list and idle
     * registration limits after {@code retention}; the lockout's expired counts at once; then soft-deleted clients
     * after {@code deletedClientRetention}.
     */
    public static ExpiredRowPurge ofServerTables(RefreshTokenStore refreshTokens, AuthorizationCodeStore codes,
                                                 UsedAuthorizationRequests usedRequests, UsedJtis usedJtis,
                                                 RevokedAccessTokenStore denyList, RegistrationLimiter limits,
                                                 DatabaseAccountLockout lockout, ClientStore clients,
                                                 HousekeepingSettings settings, Clock clock) {
        Map<String, Purge> purges = new LinkedHashMap<>();
        purges.put("refresh_tokens", new Purge(refreshTokens::purgeExpiredBefore, settings.retention()));
        purges.put("authorization_codes", new Purge(codes::purgeExpiredBefore, settings.retention()));
        // Only after its sealed request expired: a purged id could be answered again (see V9).
        purges.put("used_authorization_requests", new Purge(usedRequests::purgeExpiredBefore,
                settings.retention()));
        // Only after the proof or assertion expired: a purged jti could be accepted again (see V10).
        purges.put("used_jtis", new Purge(usedJtis::purgeExpiredBefore, settings.retention()));
        purges.put("revoked_access_tokens", new Purge(denyList::purgeExpiredBefore, settings.retention()));
        purges.put("registration_limits", new Purge(limits::purgeIdleBefore, settings.retention()));
        purges.put("login_lockouts", new Purge(lockout::purgeExpiredBefore, Duration.ZERO));
        purges.put("clients", new Purge(clients::purgeDeletedBefore, settings.deletedClientRetention()));
        return new ExpiredRowPurge(purges, clock);
    }

    /** @return rows deleted per table; a table whose purge failed is absent */
    public Map<String, Integer> purge() {
        Instant now = clock.instant();
        Map<String, Integer> deleted = new LinkedHashMap<>();
        purges.forEach((table, purge) -> {
            try {
                deleted.put(table, purge.deleteBefore().applyAsInt(now.minus(purge.retention())));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not purge expired rows of " + table + "; the next run tries again", e);
            }
        });
        LOG.fine(() -> "Purged expired rows at " + now + ": " + deleted);
        return deleted;
    }

    private static Map<String, Purge> sameRetention(Map<String, ToIntFunction<Instant>> purges, Duration retention) {
        Map<String, Purge> same = new LinkedHashMap<>();
        purges.forEach((table, deleteBefore) -> same.put(table, new Purge(deleteBefore, retention)));
        return same;
    }

    /**
     * The same purge with one more table's, run after the others (a part of the server that keeps its own table adds
     * its purge here, without changing {@link #ofServerTables}).
     */
    public ExpiredRowPurge with(String table, Purge purge) {
        Map<String, Purge> more = new LinkedHashMap<>(purges);
        more.put(Objects.requireNonNull(table, "table"), Objects.requireNonNull(purge, "purge"));
        return new ExpiredRowPurge(more, clock, lease);
    }

    /**
     * The same purge, whose scheduled {@link #run()} does its work only when this node wins {@code lease} for the
     * interval (every node schedules it; one of them purges per interval).
     */
    public ExpiredRowPurge oncePerCluster(HousekeepingLease lease, Duration interval) {
        return new ExpiredRowPurge(purges, clock, Optional.of(new Lease(Objects.requireNonNull(lease, "lease"),
                Objects.requireNonNull(interval, "interval"))));
    }

    /**
     * The scheduled run: {@link #purge()}, if this node wins the lease (when it has one). Never throws, since an
     * exception would end the schedule: a failure is logged and the next run tries again.
     *
     * @return whether this node purged
     */
    public boolean runOnce() {
        try {
            if (lease.isPresent() && !lease.get().lease().tryAcquire(LEASE, lease.get().interval())) {
                LOG.fine("Expired-row purge: another node has this interval's run");
                return false;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not take the housekeeping lease; the next run tries again", e);
            return false;
        }
        purge();
        return true;
    }

    @Override
    public void run() {
        runOnce();
    }
}
