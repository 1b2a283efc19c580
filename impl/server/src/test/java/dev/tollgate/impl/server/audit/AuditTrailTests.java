package dev.tollgate.impl.server.audit;

import static dev.tollgate.impl.server.grant.ServerFixture.APP;
import static dev.tollgate.impl.server.grant.ServerFixture.PASSWORD;
import static dev.tollgate.impl.server.grant.ServerFixture.SECRET;
import static dev.tollgate.impl.server.grant.ServerFixture.SERVICE;
import static dev.tollgate.impl.server.grant.ServerFixture.SPA;
import static dev.tollgate.impl.server.grant.ServerFixture.USER;
import static dev.tollgate.impl.server.grant.ServerFixture.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.grant.ServerFixture;
import dev.tollgate.impl.server.testing.CountingDataSource;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.DatabaseWork;
import dev.tollgate.impl.server.testing.DatabaseWork.Cost;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail on the token endpoint's grants, wired as the war wires them: what is recorded, what the log
 * lines hold (never a secret), what it costs the database, and that a failing write never fails the request (H2 and
 * PostgreSQL subclasses).
 */
abstract class AuditTrailTests extends DatabaseTest {

    private static final String WRONG_PASSWORD = "wrong-horse-battery-staple";
    private static final String ADDRESS = "203.0.113.9";

    private final DatabaseWork work = new DatabaseWork();
    private final List<LogRecord> lines = new CopyOnWriteArrayList<>();
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler lineHandler = handler(lines);
    private final Handler warningHandler = handler(warnings);
    private final Logger lineLogger = Logger.getLogger(AuditTrail.LOGGER);
    private final Logger trailLogger = Logger.getLogger(AuditTrail.class.getName());
    private AuditEventStore events;

    private static Handler handler(List<LogRecord> into) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                into.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    @BeforeEach
    void captureLogs() {
        lines.clear();
        warnings.clear();
        lineLogger.addHandler(lineHandler);
        trailLogger.addHandler(warningHandler);
        events = new AuditEventStore(dataSource());
    }

    @AfterEach
    void stopCapture() {
        lineLogger.removeHandler(lineHandler);
        trailLogger.removeHandler(warningHandler);
    }

    private ServerFixture server(boolean tokenEvents, AuditEventStore store) {
        AuditTrail audit = new AuditTrail(store, new AuditSettings(tokenEvents, Duration.ofDays(90)),
                Clock.systemUTC(), caller -> Optional.of(caller.subject()));
        return new ServerFixture(work.wrap(dataSource()), true, audit);
    }

    private TokenResponse clientCredentials(ServerFixture server) {
        return server.token(basic(SERVICE, SECRET), "grant_type", "client_credentials", "scope", "read");
    }

    private List<AuditEvent> stored() {
        return events.find(AuditQuery.all()).items();
    }

    private List<String> logLines() {
        return lines.stream().map(record -> record.getMessage() != null ? record.getMessage()
                : String.valueOf(record.getMessage())).toList();
    }

    private static void assertNoneContains(List<String> lines, String... secrets) {
        for (String line : lines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a log line holds a secret: " + line);
            }
        }
    }

    @Test
    void clientCredentialsWhenTokenEventsOffThenNoDatabaseWorkAndNoEvent() {
        ServerFixture server = server(false, events);
        clientCredentials(server);

        Cost cost = work.of(() -> clientCredentials(server));

        assertEquals(0, cost.connections(), cost.toString());
        assertEquals(List.of(), stored());
        assertEquals(List.of(), lines);
    }

    @Test
    void clientCredentialsWhenTokenEventsOnThenOneInsertPerToken() {
        ServerFixture server = server(true, new AuditEventStore(work.wrap(dataSource())));
        clientCredentials(server);

        Cost cost = work.of(() -> clientCredentials(server));

        assertEquals(1, cost.connections(), cost.toString());
        assertEquals(1, cost.statements().size(), cost.toString());
        assertTrue(cost.statements().get(0).startsWith("INSERT INTO audit_events"), cost.toString());
        AuditEvent issued = stored().get(0);
        assertEquals(AuditEventType.TOKEN_ISSUED, issued.type());
        assertEquals(AuditEvent.Outcome.SUCCESS, issued.outcome());
        assertEquals(SERVICE, issued.client());
        assertEquals(SERVICE, issued.actor());
        assertEquals("client_credentials", issued.detail().get("grant_type"));
        assertEquals(2, stored().size());
    }

    @Test
    void passwordGrantWhenWrongThenFailureNamesNoAccountAndWhenRightThenSuccessNamesTheUser() {
        ServerFixture server = server(false, events);
        assertThrows(OAuthException.class, () -> server.tokenFrom(ADDRESS, basic(APP, SECRET), "grant_type",
                "password", "username", USER, "password", WRONG_PASSWORD));
        TokenResponse tokens = server.tokenFrom(ADDRESS, basic(APP, SECRET), "grant_type", "password", "username",
                USER, "password", PASSWORD);

        List<AuditEvent> stored = stored();
        AuditEvent succeeded = stored.get(0);
        AuditEvent failed = stored.get(1);
        assertEquals(AuditEventType.LOGIN_SUCCEEDED, succeeded.type());
        assertEquals(server.userSubject, succeeded.subject());
        assertEquals(server.userSubject, succeeded.actor());
        assertEquals(APP, succeeded.client());
        assertEquals(ADDRESS, succeeded.address());
        assertEquals(AuditEventType.LOGIN_FAILED, failed.type());
        assertEquals(AuditEvent.Outcome.FAILURE, failed.outcome());
        assertNull(failed.subject(), "a failed sign-in names no account");
        assertNull(failed.actor());
        assertEquals(APP, failed.client());
        assertEquals(ADDRESS, failed.address());
        assertEquals(Map.of("via", "password-grant"), failed.detail());
        List<String> logLines = logLines();
        assertEquals(2, logLines.size());
        assertNoneContains(logLines, PASSWORD, WRONG_PASSWORD, SECRET, USER, tokens.accessToken(),
                tokens.refreshToken().orElseThrow());
        assertNoneContains(stored.stream().map(AuditEvent::toJsonLine).toList(), PASSWORD, WRONG_PASSWORD, SECRET,
                USER);
    }

    @Test
    void passwordGrantWhenLockedThenLockedEvent() {
        ServerFixture server = server(false, events);
        for (int i = 0; i < 5; i++) {
            assertThrows(OAuthException.class, () -> server.tokenFrom(ADDRESS, basic(APP, SECRET), "grant_type",
                    "password", "username", USER, "password", WRONG_PASSWORD));
        }
        assertThrows(OAuthException.class, () -> server.tokenFrom(ADDRESS, basic(APP, SECRET), "grant_type",
                "password", "username", USER, "password", PASSWORD));

        AuditEvent locked = stored().get(0);
        assertEquals(AuditEventType.LOGIN_LOCKED, locked.type());
        assertEquals(AuditEvent.Outcome.FAILURE, locked.outcome());
        assertNull(locked.subject());
    }

    @Test
    void refreshWhenReusedThenReuseEventWithoutTheToken() {
        ServerFixture server = server(false, events);
        String first = server.login().refreshToken().orElseThrow();
        TokenResponse second = server.refresh(first);
        server.clock.advance(Duration.ofMinutes(1));

        assertThrows(OAuthException.class, () -> server.refresh(first));

        AuditEvent reused = stored().get(0);
        assertEquals(AuditEventType.REFRESH_TOKEN_REUSED, reused.type());
        assertEquals(AuditEvent.Outcome.FAILURE, reused.outcome());
        assertEquals(server.userSubject, reused.subject());
        assertEquals(SPA, reused.client());
        assertNoneContains(logLines(), first, second.refreshToken().orElseThrow(), second.accessToken(), PASSWORD);
    }

    @Test
    void recordWhenTheDatabaseIsDownThenTheRequestSucceedsTheLineIsWrittenAndAWarningLogged() {
        CountingDataSource flaky = new CountingDataSource(dataSource());
        ServerFixture server = server(false, new AuditEventStore(flaky.dataSource()));
        flaky.down(true);

        TokenResponse tokens = server.tokenFrom(ADDRESS, basic(APP, SECRET), "grant_type", "password", "username",
                USER, "password", PASSWORD);

        assertNotNull(tokens.accessToken());
        assertEquals(1, logLines().size(), "the SIEM line is written whatever the database does");
        assertTrue(warnings.stream().anyMatch(record -> record.getLevel() == Level.WARNING
                && record.getMessage().contains("login.succeeded")), warnings.toString());
        assertNoneContains(warnings.stream().map(LogRecord::getMessage).toList(), PASSWORD, SECRET);
        flaky.down(false);
        assertEquals(List.of(), stored());
    }

    @Test
    void recordWhenInARequestThenItsAddressAndCallerAreTheEventsUnlessSet() {
        AuditTrail audit = new AuditTrail(events, AuditSettings.defaults(), Clock.systemUTC(),
                caller -> Optional.of("id-of-" + caller.subject()));
        Caller admin = Caller.of("root", null, Set.of(), Set.of("admin"), CredentialKind.PLAIN_HEADERS, null);

        try (AuditContext.Scope scope = AuditContext.enter(ADDRESS, () -> Optional.of(admin))) {
            audit.success(AuditEventType.USER_DISABLED).subject("u-1").record();
            audit.success(AuditEventType.SIGNING_KEY_ROTATED).byServer().detail("kid", "k1").record();
        }
        audit.success(AuditEventType.USER_ENABLED).subject("u-1").record();

        List<AuditEvent> stored = stored();
        AuditEvent enabled = stored.stream().filter(e -> e.type() == AuditEventType.USER_ENABLED).findFirst()
                .orElseThrow();
        AuditEvent disabled = stored.stream().filter(e -> e.type() == AuditEventType.USER_DISABLED).findFirst()
                .orElseThrow();
        AuditEvent rotated = stored.stream().filter(e -> e.type() == AuditEventType.SIGNING_KEY_ROTATED).findFirst()
                .orElseThrow();
        assertEquals("id-of-root", disabled.actor());
        assertEquals(ADDRESS, disabled.address());
        assertNull(rotated.actor(), "the server's own doing");
        assertNull(rotated.address());
        assertNull(enabled.actor(), "outside a request");
        assertNull(enabled.address());
    }

    @Test
    void logLineWhenRecordedThenOneJsonObjectWithEveryField() throws Exception {
        AuditTrail audit = new AuditTrail(events, AuditSettings.defaults(), Clock.systemUTC(),
                caller -> Optional.empty());

        audit.failure(AuditEventType.REGISTRATION_REFUSED).address("198.51.100.1\n\"x")
                .detail("error", "invalid_client_metadata").record();

        String line = logLines().get(0);
        assertFalse(line.contains("\n"), line);
        Map<String, Object> json = JSONObjectUtils.parse(line);
        assertEquals(List.of("id", "time", "type", "outcome", "actor", "subject", "client", "address", "detail"),
                List.copyOf(json.keySet()));
        assertEquals("registration.refused", json.get("type"));
        assertEquals("failure", json.get("outcome"));
        assertNull(json.get("actor"));
        assertTrue(json.containsKey("actor"));
        assertEquals("198.51.100.1\n\"x", json.get("address"));
        assertEquals(Map.of("error", "invalid_client_metadata"), json.get("detail"));
        assertEquals(stored().get(0).id().toString(), json.get("id"));
    }

    @Test
    void offWhenRecordingThenNothingAtAll() {
        AuditTrail.off().success(AuditEventType.USER_CREATED).subject("u").record();

        assertEquals(List.of(), lines);
        assertFalse(AuditTrail.off().tokenEvents());
    }
}
