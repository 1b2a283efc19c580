package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.audit.AuditEventType;
import dev.tollgate.impl.server.audit.AuditTrail;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.Sql;
import dev.tollgate.impl.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Consents users gave, in the {@code consents} table (V3): remembered per user, client and exact (normalized)
 * scope set. A consent to {@code "a b"} does not cover {@code "a"} alone or {@code "a b c"}: each set is asked once.
 */
public final class ConsentStore {

    private final DataSource dataSource;
    private final Clock clock;
    private final AuditTrail audit;

    public ConsentStore(DataSource dataSource, Clock clock) {
        this(dataSource, clock, AuditTrail.off());
    }

    /** @param audit records {@code consent.granted} and {@code consent.revoked} */
    public ConsentStore(DataSource dataSource, Clock clock, AuditTrail audit) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** One remembered consent: a client and the exact scope set the user allowed it, and when. */
    public record Consent(ClientId clientId, Scopes scope, Instant grantedAt) {
    }

    /** Every consent the user gave, by client id, then scope set (the console's "authorized applications"). */
    public List<Consent> listOf(String subject) {
        String sql = "SELECT client_id, scope, granted_at FROM consents WHERE subject = ? ORDER BY client_id, scope";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, subject);
            List<Consent> consents = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    consents.add(new Consent(new ClientId(rows.getString("client_id")),
                            Scopes.parse(rows.getString("scope")).orElse(Scopes.NONE),
                            Sql.getInstant(rows, "granted_at")));
                }
            }
            return consents;
        } catch (SQLException e) {
            throw new StoreException("list consents", e);
        }
    }

    public boolean isGranted(String subject, ClientId clientId, Scopes scope) {
        String sql = "SELECT 1 FROM consents WHERE subject = ? AND client_id = ? AND scope = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, subject);
            select.setString(2, clientId.value());
            select.setString(3, scope.value());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new StoreException("find consent", e);
        }
    }

    /** Remembers the consent; granting it again refreshes {@code granted_at}. Safe under concurrent calls. */
    public void grant(String subject, ClientId clientId, Scopes scope) {
        try (Connection connection = dataSource.getConnection()) {
            if (!refresh(connection, subject, clientId, scope)) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO consents (subject, client_id, scope, granted_at) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, subject);
                    insert.setString(2, clientId.value());
                    insert.setString(3, scope.value());
                    Sql.setInstant(insert, 4, clock.instant());
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (!Sql.isUniqueViolation(e)) {
                        throw e; // else a concurrent grant stored the same consent: fine
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("store consent", e);
        }
        // The user gives consent on the browser's consent page, signed in by its cookie: the user is the actor.
        audit.success(AuditEventType.CONSENT_GRANTED).subject(subject).actor(subject).client(clientId.value())
                .detail("scope", scope.value()).record();
    }

    /** Forgets every consent the user gave the client. @return how many scope sets were forgotten */
    public int revoke(String subject, ClientId clientId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM consents WHERE subject = ? AND client_id = ?")) {
            delete.setString(1, subject);
            delete.setString(2, clientId.value());
            int revoked = delete.executeUpdate();
            if (revoked > 0) {
                audit.success(AuditEventType.CONSENT_REVOKED).subject(subject).client(clientId.value())
                        .detail("scope_sets", revoked).record();
            }
            return revoked;
        } catch (SQLException e) {
            throw new StoreException("revoke consent", e);
        }
    }

    private boolean refresh(Connection connection, String subject, ClientId clientId, Scopes scope)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE consents SET granted_at = ? WHERE subject = ? AND client_id = ? AND scope = ?")) {
            Sql.setInstant(update, 1, clock.instant());
            update.setString(2, subject);
            update.setString(3, clientId.value());
            update.setString(4, scope.value());
            return update.executeUpdate() > 0;
        }
    }
}
