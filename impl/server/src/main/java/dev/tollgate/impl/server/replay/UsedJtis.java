package dev.tollgate.impl.server.replay;

import dev.tollgate.impl.server.store.Sql;
import dev.tollgate.impl.server.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The {@code used_jtis} table (V10): JWT ids that must be accepted once across the cluster, such as a DPoP proof's
 * (RFC 9449 §11.1) or a client assertion's (RFC 7523 §3). One insert per accepted JWT; the primary key decides
 * between concurrent uses on any nodes. Thread-safe.
 */
public final class UsedJtis {

    /** What a jti was used for: each purpose has its own space of ids. */
    public enum Purpose {
        DPOP_PROOF("dpop-proof"),
        CLIENT_ASSERTION("client-assertion");

        private final String column;

        Purpose(String column) {
            this.column = column;
        }
    }

    private final DataSource dataSource;

    public UsedJtis(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Records the jti as used, atomically: of any number of calls with the same purpose, scope and jti (on any node),
     * exactly one gets true.
     *
     * @param scope     who chose the jti (a client id, a proof key's thumbprint): senders never collide
     * @param jti       the JWT's {@code jti}, any length
     * @param expiresAt when the JWT can no longer be accepted anyway: the row is useless after it
     * @return true when this is the jti's first use; false when it was used before
     */
    public boolean markUsed(Purpose purpose, String scope, String jti, Instant expiresAt) {
        Objects.requireNonNull(purpose, "purpose");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO used_jtis (purpose, jti_hash, expires_at) VALUES (?, ?, ?)")) {
            insert.setString(1, purpose.column);
            insert.setString(2, hash(scope, jti));
            Sql.setInstant(insert, 3, expiresAt);
            return Sql.insertUnlessDuplicate(insert);
        } catch (SQLException e) {
            throw new StoreException("record used jti", e);
        }
    }

    /** Deletes the rows of JWTs that expired before {@code cutoff}. @return how many */
    public int purgeExpiredBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM used_jtis WHERE expires_at < ?")) {
            Sql.setInstant(delete, 1, cutoff);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purge used jtis", e);
        }
    }

    /** SHA-256 of the length-prefixed scope and the jti, so that ("a", "bc") and ("ab", "c") differ. */
    private static String hash(String scope, String jti) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(jti, "jti");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((scope.length() + ":" + scope + ":" + jti).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
