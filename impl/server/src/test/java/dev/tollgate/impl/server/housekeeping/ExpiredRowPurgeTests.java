package dev.tollgate.impl.server.housekeeping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.authorize.AuthorizationCodeStore;
import dev.tollgate.impl.server.authorize.ConsentStore;
import dev.tollgate.impl.server.authorize.Scopes;
import dev.tollgate.impl.server.authorize.UsedAuthorizationRequests;
import dev.tollgate.impl.server.registration.Registrar;
import dev.tollgate.impl.server.registration.RegistrationLimiter;
import dev.tollgate.impl.server.registration.RegistrationLimits;
import dev.tollgate.impl.server.replay.UsedJtis;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.RevokedAccessTokenStore;
import dev.tollgate.impl.server.store.Sql;
import dev.tollgate.impl.server.lockout.DatabaseAccountLockout;
import dev.tollgate.impl.server.testing.CountingDataSource;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import dev.tollgate.impl.testing.LogCapture;
import dev.tollgate.impl.throttle.AccountLockout;
import org.junit.jupiter.api.Test;

/** The purge the server schedules, on the real tables (H2 and PostgreSQL). */
abstract class ExpiredRowPurgeTests extends DatabaseTest {

    @Test
    void rowsExpiredLongerThanTheRetentionAreDeletedAndTheOthersKept() throws SQLException {
        MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
        Instant start = clock.instant();
        ClientId client = new ClientStore(dataSource(), clock).upsert(ClientDefinition.builder(new ClientId("app"))
                .name("App").grantTypes(GrantType.PASSWORD, GrantType.REFRESH_TOKEN).build()).id();
        RefreshTokenStore refreshTokens = new RefreshTokenStore(dataSource(), new SecretGenerator(), clock);
        String shortLived = refreshTokens.issue(client, "alice@example.com", Set.of(), Duration.ofHours(1)).token();
        String longLived = refreshTokens.issue(client, "alice@example.com", Set.of(), Duration.ofDays(30)).token();
        RevokedAccessTokenStore denyList = new RevokedAccessTokenStore(dataSource(), clock);
        denyList.revoke("old-jti", start.plus(Duration.ofMinutes(15)));
        denyList.revoke("new-jti", start.plus(Duration.ofDays(40)));
        insertCode("old-code", start.plusSeconds(60));
        insertCode("new-code", start.plus(Duration.ofDays(50)));
        UsedAuthorizationRequests usedRequests = new UsedAuthorizationRequests(dataSource());
        usedRequests.markUsed("old-request", start.plus(Duration.ofMinutes(15)));
        usedRequests.markUsed("new-request", start.plus(Duration.ofDays(50)));
        UsedJtis usedJtis = new UsedJtis(dataSource());
        usedJtis.markUsed(UsedJtis.Purpose.DPOP_PROOF, "key", "old-proof", start.plus(Duration.ofMinutes(1)));
        usedJtis.markUsed(UsedJtis.Purpose.DPOP_PROOF, "key", "new-proof", start.plus(Duration.ofDays(50)));

        clock.advance(Duration.ofDays(2));
        Map<String, Integer> deleted = ExpiredRowPurge.ofServerTables(refreshTokens,
                new AuthorizationCodeStore(dataSource()), usedRequests, usedJtis, denyList,
                new RegistrationLimiter(dataSource(), RegistrationLimits.defaults(), clock), lockout(clock),
                new ClientStore(dataSource(), clock), HousekeepingSettings.defaults(), clock).purge();

        assertEquals(Map.of("refresh_tokens", 1, "authorization_codes", 1, "used_authorization_requests", 1,
                "used_jtis", 1, "revoked_access_tokens", 1, "registration_limits", 0, "login_lockouts", 0, "clients", 0), deleted);
        assertFalse(refreshTokens.find(shortLived).isPresent());
        assertTrue(refreshTokens.find(longLived).isPresent());
        assertFalse(denyList.isRevoked("old-jti"));
        assertTrue(denyList.isRevoked("new-jti"));
        assertEquals(1, count("authorization_codes"));
        assertEquals(1, count("used_authorization_requests"));
        assertEquals(1, count("used_jtis"));
    }

    @Test
    void softDeletedClientsArePurgedAfterTheirRetentionWithWhatReferToThem() throws SQLException {
        MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
        ClientStore clients = new ClientStore(dataSource(), clock);
        RefreshTokenStore refreshTokens = new RefreshTokenStore(dataSource(), new SecretGenerator(), clock);
        for (String id : List.of("app", "recent", "live")) {
            clients.upsert(ClientDefinition.builder(new ClientId(id)).name(id)
                    .grantTypes(GrantType.PASSWORD, GrantType.REFRESH_TOKEN).build());
            refreshTokens.issue(new ClientId(id), "alice@example.com", Set.of(), Duration.ofDays(365));
            new ConsentStore(dataSource(), clock).grant("alice@example.com", new ClientId(id),
                    Scopes.of(List.of("read")));
        }
        insertCode("app-code", clock.instant().plus(Duration.ofDays(400)));
        clients.softDelete(new ClientId("app"));
        clock.advance(Duration.ofDays(20));
        clients.softDelete(new ClientId("recent"));
        HousekeepingSettings settings = new HousekeepingSettings(Duration.ofHours(1), Duration.ofDays(1),
                Duration.ofDays(30));
        ExpiredRowPurge purge = ExpiredRowPurge.ofServerTables(refreshTokens,
                new AuthorizationCodeStore(dataSource()), new UsedAuthorizationRequests(dataSource()), new UsedJtis(dataSource()),
                new RevokedAccessTokenStore(dataSource(), clock),
                new RegistrationLimiter(dataSource(), RegistrationLimits.defaults(), clock), lockout(clock), clients,
                settings, clock);

        clock.advance(Duration.ofDays(9));
        assertEquals(0, purge.purge().get("clients"), "29 days after the delete");
        clock.advance(Duration.ofDays(2));
        assertEquals(1, purge.purge().get("clients"), "31 days after the delete");

        assertEquals(List.of("live", "recent"), clientIds());
        assertEquals(2, count("refresh_tokens"));
        assertEquals(2, count("consents"));
        assertEquals(0, count("authorization_codes"));
    }

    @Test
    void registrationLimitRowsArePurgedOnceIdle() {
        MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
        RegistrationLimiter limiter = new RegistrationLimiter(dataSource(), new RegistrationLimits(50, 10,
                Duration.ofHours(1)), clock);
        limiter.admit(new Registrar("user:alice@example.com", Optional.empty(), true), connection -> "made");
        ExpiredRowPurge purge = ExpiredRowPurge.ofServerTables(
                new RefreshTokenStore(dataSource(), new SecretGenerator(), clock),
                new AuthorizationCodeStore(dataSource()), new UsedAuthorizationRequests(dataSource()), new UsedJtis(dataSource()),
                new RevokedAccessTokenStore(dataSource(), clock), limiter, lockout(clock),
                new ClientStore(dataSource(), clock), HousekeepingSettings.defaults(), clock);

        clock.advance(Duration.ofHours(24));
        assertEquals(0, purge.purge().get("registration_limits"), "still within the retention");
        clock.advance(Duration.ofMinutes(7));
        assertEquals(1, purge.purge().get("registration_limits"));
    }

    @Test
    void expiredLockoutCountsArePurgedAtOnce() {
        MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
        DatabaseAccountLockout lockout = lockout(clock);
        ((AccountLockout.Attempt) lockout.reserve("alice@example.com", "192.0.2.1")).failed();
        ExpiredRowPurge purge = serverPurge(clock, lockout);

        assertEquals(0, purge.purge().get("login_lockouts"), "still counting");
        clock.advance(Duration.ofSeconds(61));
        assertEquals(2, purge.purge().get("login_lockouts"), "the account's and the account-and-address rows");
    }

    @Test
    void everyNodeSchedulesThePurgeButOneRunsItPerInterval() throws Exception {
        MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
        Duration interval = Duration.ofHours(1);
        List<ExpiredRowPurge> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(serverPurge(clock, lockout(clock)).oncePerCluster(new HousekeepingLease(dataSource(), clock),
                    interval));
        }

        for (int run = 0; run < 3; run++) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> ran = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ExpiredRowPurge node = nodes.get(i % nodes.size());
                ran.add(pool.submit(() -> {
                    start.await();
                    return node.runOnce();
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> future : ran) {
                winners += future.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(1, winners, "run " + run + ": one node purges");

            clock.advance(interval.minusSeconds(1));
            assertFalse(nodes.get(run % nodes.size()).runOnce(), "not yet due");
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void aNodeWhoseLeaseCannotBeTakenSkipsTheRunWithoutThrowing() {
        MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
        CountingDataSource flaky = new CountingDataSource(dataSource());
        ExpiredRowPurge purge = serverPurge(clock, lockout(clock))
                .oncePerCluster(new HousekeepingLease(flaky.dataSource(), clock), Duration.ofMinutes(5));
        flaky.down(true);

        try (LogCapture logs = new LogCapture()) {
            assertFalse(purge.runOnce());
            assertTrue(logs.has(Level.WARNING, "Could not take the housekeeping lease"), logs::all);
        }
        flaky.down(false);
        assertTrue(purge.runOnce());
    }

    private ExpiredRowPurge serverPurge(MutableClock clock, DatabaseAccountLockout lockout) {
        return ExpiredRowPurge.ofServerTables(new RefreshTokenStore(dataSource(), new SecretGenerator(), clock),
                new AuthorizationCodeStore(dataSource()), new UsedAuthorizationRequests(dataSource()), new UsedJtis(dataSource()),
                new RevokedAccessTokenStore(dataSource(), clock),
                new RegistrationLimiter(dataSource(), RegistrationLimits.defaults(), clock), lockout,
                new ClientStore(dataSource(), clock), HousekeepingSettings.defaults(), clock);
    }

    private DatabaseAccountLockout lockout(MutableClock clock) {
        return new DatabaseAccountLockout(dataSource(), 5, 50, Duration.ofSeconds(60), clock);
    }

    private List<String> clientIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT client_id FROM clients ORDER BY client_id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private void insertCode(String hash, Instant expiresAt) throws SQLException {
        String sql = "INSERT INTO authorization_codes (code_hash, family_id, client_id, subject, redirect_uri,"
                + " redirect_uri_required, scope, code_challenge, code_challenge_method, auth_time, issued_at,"
                + " expires_at) VALUES (?, ?, 'app', 'alice@example.com', 'https://a.example/cb', FALSE, '', 'c',"
                + " 'S256', ?, ?, ?)";
        try (Connection connection = dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, hash);
            insert.setString(2, "family-" + hash);
            Sql.setInstant(insert, 3, expiresAt.minusSeconds(60));
            Sql.setInstant(insert, 4, expiresAt.minusSeconds(60));
            Sql.setInstant(insert, 5, expiresAt);
            insert.executeUpdate();
        }
    }

    private long count(String table) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
