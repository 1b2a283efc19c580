package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.store.Sql;
import dev.tollgate.impl.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The {@code used_authorization_requests} table (V9): the ids of the pending authorization requests that have been
 * answered, so that each is answered once (one code, or one {@code access_denied}) although the request itself lives
 * only in the browser ({@link FlowSeals}). One insert per answer, none per {@code GET /oauth2/authorize}. Thread-safe;
 * the primary key decides between concurrent answers on any nodes.
 */
public final class UsedAuthorizationRequests {

    private final DataSource dataSource;

    public UsedAuthorizationRequests(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Records the request as answered, atomically: of any number of calls with one id (on any node), exactly one
     * gets true.
     *
     * @param expiresAt the sealed request's expiry: the row is useless after it
     * @return true when this call may answer the request; false when it was answered already
     */
    public boolean markUsed(String requestId, Instant expiresAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO used_authorization_requests (request_id, expires_at) VALUES (?, ?)")) {
            insert.setString(1, requestId);
            Sql.setInstant(insert, 2, expiresAt);
            return Sql.insertUnlessDuplicate(insert);
        } catch (SQLException e) {
            throw new StoreException("record answered authorization request", e);
        }
    }

    /** Deletes the rows of requests that expired before {@code cutoff}. @return how many */
    public int purgeExpiredBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM used_authorization_requests WHERE expires_at < ?")) {
            Sql.setInstant(delete, 1, cutoff);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purge answered authorization requests", e);
        }
    }
}
