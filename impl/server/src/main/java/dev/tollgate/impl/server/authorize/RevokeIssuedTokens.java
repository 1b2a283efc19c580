package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.store.Sql;
import dev.tollgate.impl.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The default {@link CodeReplay.Handler}, straight on the V1 tables: revokes every refresh token of the code's
 * family ({@code refresh_tokens.revoked_at}) and puts the recorded access token on the deny-list
 * ({@code revoked_access_tokens}). The token endpoint may replace it with its own revocation service.
 */
public final class RevokeIssuedTokens implements CodeReplay.Handler {

    private final DataSource dataSource;
    private final Clock clock;

    public RevokeIssuedTokens(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void codeReplayed(CodeReplay replay) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")) {
                Sql.setInstant(update, 1, clock.instant());
                update.setString(2, replay.familyId());
                update.executeUpdate();
            }
            if (replay.accessToken().isPresent()) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO revoked_access_tokens (jti, expires_at, revoked_at) VALUES (?, ?, ?)")) {
                    insert.setString(1, replay.accessToken().get().jti());
                    Sql.setInstant(insert, 2, replay.accessToken().get().expiresAt());
                    Sql.setInstant(insert, 3, clock.instant());
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (!Sql.isUniqueViolation(e)) {
                        throw e; // else it was revoked already
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("revoke the tokens of a replayed authorization code", e);
        }
    }
}
