package dev.tollgate.impl.server.registration;

import dev.tollgate.impl.server.store.Sql;
import dev.tollgate.impl.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link RegistrationLimits}, kept in the database so that they hold on every node and against concurrency
 * (DESIGN: "A lockout or throttle decision and its count are atomic and shared by every node").
 *
 * <p>Each registration runs in one transaction that first locks the registrar's row of {@code registration_limits}
 * ({@code SELECT ... FOR UPDATE}, on H2 and PostgreSQL alike), then:
 * <ol>
 *   <li><b>rate</b>: the generic cell rate algorithm (GCRA, ITU-T I.371: a token bucket in one timestamp). The row
 *       holds the "theoretical arrival time" {@code tat}; a registration moves it {@code window / limit} ahead of
 *       {@code max(tat, now)}, and is refused when that would put it more than one window ahead of now. So a
 *       registrar may make {@code limit} registrations at once, then one every {@code window / limit}; a refusal
 *       says when the next one is allowed;</li>
 *   <li><b>quota</b>: for a registrar who owns what they register, the live clients they own are counted;</li>
 *   <li>the client is created on the same connection, and the transaction commits.</li>
 * </ol>
 * Two parallel registrations of one registrar are thus serialised on its row: they cannot both take the last free
 * slot. A request refused by the quota still spends its place in the rate, so hammering a full quota is throttled
 * too.
 *
 * <p>An administrator ({@link Registrar#limited()} false) is not limited, and locks nothing.
 */
public final class RegistrationLimiter {

    /** Attempts to find (or make) the registrar's row: another node or the purge may race with its insert. */
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final RegistrationLimits limits;
    private final Clock clock;

    public RegistrationLimiter(DataSource dataSource, RegistrationLimits limits, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What the limiter decided. */
    public sealed interface Admission<T> {

        /** Within both limits: {@code value} is what the creation made, committed. */
        record Admitted<T>(T value) implements Admission<T> {
        }

        /** Over the rate: nothing was created; the next registration is allowed after {@code retryAfter}. */
        record RateLimited<T>(Duration retryAfter) implements Admission<T> {

            /** For {@code Retry-After} (RFC 9110 §10.2.3): whole seconds, at least 1. */
            public long retryAfterSeconds() {
                return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            }
        }

        /** The owner already has {@code maxClients} live clients: nothing was created. */
        record QuotaFull<T>(int maxClients) implements Admission<T> {
        }
    }

    /** The creation of a client, on the limiter's connection, inside its transaction. */
    @FunctionalInterface
    public interface Creation<T> {
        T create(Connection connection) throws SQLException;
    }

    /**
     * Creates with {@code creation} if the registrar is within its rate and its owner within the quota.
     *
     * @throws StoreException when the database fails
     */
    public <T> Admission<T> admit(Registrar registrar, Creation<T> creation) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    Optional<Admission<T>> admission = admit(connection, registrar, creation);
                    if (admission.isPresent()) {
                        if (admission.get() instanceof Admission.RateLimited<T>) {
                            connection.rollback();
                        } else {
                            connection.commit();
                        }
                        return admission.get();
                    }
                    connection.rollback();
                } catch (SQLException | RuntimeException e) {
                    Sql.rollbackQuietly(connection, e);
                    throw e;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                throw new StoreException("register a client within the registration limits", e);
            }
            if (attempt == ATTEMPTS) {
                throw new StoreException("find the registrar's registration_limits row", null);
            }
            insertRow(registrar.key());
        }
    }

    /** @return empty when the registrar has no row yet */
    private <T> Optional<Admission<T>> admit(Connection connection, Registrar registrar, Creation<T> creation)
            throws SQLException {
        if (!registrar.limited()) {
            return Optional.of(new Admission.Admitted<>(creation.create(connection)));
        }
        Optional<Instant> throttledUntil = lock(connection, registrar.key());
        if (throttledUntil.isEmpty()) {
            return Optional.empty();
        }
        // GCRA: one registration costs one interval; the row may run at most one window ahead of now.
        Instant now = clock.instant();
        Instant start = throttledUntil.get().isAfter(now) ? throttledUntil.get() : now;
        Instant next = start.plus(limits.interval());
        Instant latest = now.plus(limits.rateWindow());
        if (next.isAfter(latest)) {
            return Optional.of(new Admission.RateLimited<>(Duration.between(latest, next)));
        }
        update(connection, registrar.key(), next);
        if (registrar.owner().isPresent()
                && countLiveClients(connection, registrar.owner().get()) >= limits.maxClientsPerOwner()) {
            return Optional.of(new Admission.QuotaFull<>(limits.maxClientsPerOwner()));
        }
        return Optional.of(new Admission.Admitted<>(creation.create(connection)));
    }

    /**
     * Deletes the rows that have held no state since {@code cutoff}: their time is past, so a new registration would
     * start from now anyway.
     *
     * @return how many rows
     */
    public int purgeIdleBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM registration_limits WHERE throttled_until < ?")) {
            Sql.setInstant(delete, 1, cutoff);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purge registration_limits", e);
        }
    }

    private static Optional<Instant> lock(Connection connection, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT throttled_until FROM registration_limits WHERE registrar = ? FOR UPDATE")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(Sql.getInstant(rows, "throttled_until")) : Optional.empty();
            }
        }
    }

    private static void update(Connection connection, String key, Instant throttledUntil) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE registration_limits SET throttled_until = ? WHERE registrar = ?")) {
            Sql.setInstant(update, 1, throttledUntil);
            update.setString(2, key);
            update.executeUpdate();
        }
    }

    private static long countLiveClients(Connection connection, String owner) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM clients WHERE owner = ? AND deleted_at IS NULL")) {
            count.setString(1, owner);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The registrar's first row, in its own transaction; another node may have made it first. */
    private void insertRow(String key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO registration_limits (registrar, throttled_until) VALUES (?, ?)")) {
            insert.setString(1, key);
            Sql.setInstant(insert, 2, clock.instant());
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw new StoreException("insert registration_limits row", e);
            }
        }
    }
}
