package dev.tollgate.impl.server.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.admin.AccountRevocationChecker;
import dev.tollgate.impl.server.caller.ClientOwners;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registration, RFC 7592 management, soft delete and secret rotation on a real database (H2 and PostgreSQL). */
abstract class RegistrationTests extends DatabaseTest {

    private static final String ENDPOINT = "https://as.example/oauth2/register";
    private static final String ADDRESS = "192.0.2.1";
    private static final String CLIENT_CREDENTIALS = "{\"grant_types\":[\"client_credentials\"]}";
    private static final Caller ALICE = Caller.of("alice@example.com", null, Set.of(), Set.of(),
            CredentialKind.PLAIN_HEADERS, null);

    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
    /** No user store here: an owner is recorded under the caller's own subject. */
    private static final ClientOwners NO_USERS = subject -> Optional.empty();

    private ClientStore clients;
    private RegistrationStore store;
    private RegistrationLimiter limiter;
    private ClientRegistrationService service;

    @BeforeEach
    void createServices() {
        clients = new ClientStore(dataSource(), clock);
        store = new RegistrationStore(dataSource(), clients, clock);
        limiter = new RegistrationLimiter(dataSource(), RegistrationLimits.defaults(), clock);
        service = new ClientRegistrationService(store, RegistrationSettings.defaults(), new SecretGenerator(),
                limiter, NO_USERS);
    }

    private Map<String, Object> register(String json) {
        return service.register(ALICE, ADDRESS, json, ENDPOINT);
    }

    private static Optional<String> bearer(Map<String, Object> response) {
        return Optional.of("Bearer " + response.get("registration_access_token"));
    }

    @Test
    void registerStoresAConfidentialClientOwnedByTheUserWithAHashedSecret() throws SQLException {
        Map<String, Object> response = register("""
                {"client_name":"Alice's app","redirect_uris":["https://a.example/cb"],
                 "grant_types":["authorization_code","refresh_token"],"scope":"openid read"}""");

        String id = (String) response.get("client_id");
        String secret = (String) response.get("client_secret");
        assertTrue(secret.length() >= 43, "256 bits");
        assertEquals(0, response.get("client_secret_expires_at"));
        assertEquals(ENDPOINT + "/" + id, response.get("registration_client_uri"));
        assertEquals(clock.instant().getEpochSecond(), response.get("client_id_issued_at"));
        var client = clients.authenticate(new ClientId(id), secret).orElseThrow();
        assertEquals(Optional.of("alice@example.com"), client.owner());
        assertEquals("Alice's app", client.name());
        assertEquals(Set.of("openid", "read"), client.scopes());
        assertFalse(column(id, "secret_hash").contains(secret));
        assertNotEquals(response.get("registration_access_token"), column(id, "registration_token_hash"));
    }

    @Test
    void publicClientGetsNoSecret() {
        Map<String, Object> response = register("""
                {"redirect_uris":["http://127.0.0.1:7000/cb"],"token_endpoint_auth_method":"none"}""");

        assertFalse(response.containsKey("client_secret"));
        assertFalse(clients.find(new ClientId((String) response.get("client_id"))).orElseThrow().confidential());
    }

    @Test
    void readNeedsTheRegistrationAccessTokenAndAnUnknownClientLooksTheSame() {
        Map<String, Object> response = register("{\"grant_types\":[\"client_credentials\"]}");
        String id = (String) response.get("client_id");

        Map<String, Object> read = service.read(id, bearer(response), ENDPOINT + "/" + id);
        assertEquals(id, read.get("client_id"));
        assertEquals(response.get("registration_access_token"), read.get("registration_access_token"));

        for (Optional<String> wrong : java.util.List.of(Optional.<String>empty(), Optional.of("Bearer nope"),
                Optional.of("Basic " + response.get("registration_access_token")))) {
            assertEquals(OAuthError.INVALID_TOKEN, assertThrows(OAuthException.class,
                    () -> service.read(id, wrong, "x")).error());
        }
        assertEquals(OAuthError.INVALID_TOKEN, assertThrows(OAuthException.class,
                () -> service.read("unknown-client", bearer(response), "x")).error());
    }

    @Test
    void updateReplacesMetadataAndRotatesTheRegistrationAccessToken() {
        Map<String, Object> response = register("{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}");
        String id = (String) response.get("client_id");

        Map<String, Object> updated = service.update(id, bearer(response), """
                {"client_id":"%s","client_name":"Renamed","grant_types":["client_credentials"],"scope":"read write",
                 "client_uri":"https://renamed.example"}""".formatted(id), ENDPOINT + "/" + id);

        assertEquals("Renamed", updated.get("client_name"));
        assertEquals("read write", updated.get("scope"));
        assertNotEquals(response.get("registration_access_token"), updated.get("registration_access_token"));
        assertThrows(OAuthException.class, () -> service.read(id, bearer(response), "x"));
        assertEquals("https://renamed.example", service.read(id, bearer(updated), "x").get("client_uri"));
        // the secret is unchanged
        assertTrue(clients.authenticate(new ClientId(id), (String) response.get("client_secret")).isPresent());
    }

    @Test
    void dpopBoundAccessTokensIsRegisteredReadBackAndUpdated() {
        Map<String, Object> response = register(
                "{\"grant_types\":[\"client_credentials\"],\"dpop_bound_access_tokens\":true}");
        String id = (String) response.get("client_id");

        assertEquals(true, response.get("dpop_bound_access_tokens"));
        assertTrue(clients.find(new ClientId(id)).orElseThrow().dpopBoundAccessTokens());

        Map<String, Object> updated = service.update(id, bearer(response), """
                {"client_id":"%s","grant_types":["client_credentials"]}""".formatted(id), ENDPOINT + "/" + id);
        assertFalse(updated.containsKey("dpop_bound_access_tokens"));
        assertFalse(clients.find(new ClientId(id)).orElseThrow().dpopBoundAccessTokens());
    }

    @Test
    void updateWithAnotherClientIdIsInvalidClientMetadata() {
        Map<String, Object> response = register("{\"grant_types\":[\"client_credentials\"]}");
        String id = (String) response.get("client_id");

        assertEquals(OAuthError.INVALID_CLIENT_METADATA, assertThrows(OAuthException.class, () -> service.update(id,
                bearer(response), "{\"client_id\":\"other\",\"grant_types\":[\"client_credentials\"]}", "x"))
                .error());
    }

    @Test
    void softDeleteKeepsTheRowRevokesRefreshTokensAndEndsAccessTokens() throws SQLException {
        Map<String, Object> response = register("{\"grant_types\":[\"client_credentials\",\"refresh_token\"]}");
        String id = (String) response.get("client_id");
        RefreshTokenStore refreshTokens = new RefreshTokenStore(dataSource(), new SecretGenerator(), clock);
        var refresh = refreshTokens.issue(new ClientId(id), "alice@example.com", Set.of(), Duration.ofDays(1));
        AccountRevocationChecker checker = new AccountRevocationChecker((jti, caller) -> false,
                clientId -> ClientId.parse(clientId).map(clients::isRetired).orElse(false), subject -> false,
                Duration.ofSeconds(5), clock);
        Caller tokenCaller = Caller.of("alice@example.com", id, Set.of(), Set.of(), CredentialKind.JWT, null);
        assertFalse(checker.isRevoked("jti-1", tokenCaller));

        service.delete(id, bearer(response));

        assertTrue(clients.find(new ClientId(id)).isEmpty());
        assertTrue(clients.authenticate(new ClientId(id), (String) response.get("client_secret")).isEmpty());
        assertTrue(clients.isRetired(new ClientId(id)));
        assertTrue(column(id, "deleted_at") != null, "the row stays");
        assertTrue(refreshTokens.find(refresh.token()).orElseThrow().revokedAt().isPresent());
        assertFalse(checker.isRevoked("jti-1", tokenCaller), "cached until the bound");
        clock.advance(Duration.ofSeconds(5));
        assertTrue(checker.isRevoked("jti-1", tokenCaller), "within the bound");
        assertThrows(OAuthException.class, () -> service.delete(id, bearer(response)));
    }

    @Test
    void rotatedSecretKeepsThePreviousOneForTheOverlapOnly() {
        Map<String, Object> response = register("{\"grant_types\":[\"client_credentials\"]}");
        ClientId id = new ClientId((String) response.get("client_id"));
        String first = (String) response.get("client_secret");
        String second = new SecretGenerator().token();

        assertTrue(clients.rotateSecret(id, dev.tollgate.impl.server.secret.SecretHash.of(second),
                Duration.ofHours(24)).isPresent());

        assertTrue(clients.authenticate(id, first).isPresent());
        assertTrue(clients.authenticate(id, second).isPresent());
        clock.advance(Duration.ofHours(24));
        assertTrue(clients.authenticate(id, first).isEmpty(), "the overlap is over");
        assertTrue(clients.authenticate(id, second).isPresent());
        assertTrue(clients.authenticate(id, "wrong").isEmpty());
    }

    @Test
    void secondRotationEndsTheFirstSecretAtOnce() {
        Map<String, Object> response = register("{\"grant_types\":[\"client_credentials\"]}");
        ClientId id = new ClientId((String) response.get("client_id"));
        String first = (String) response.get("client_secret");
        String second = new SecretGenerator().token();
        String third = new SecretGenerator().token();

        clients.rotateSecret(id, dev.tollgate.impl.server.secret.SecretHash.of(second), Duration.ofHours(24));
        clients.rotateSecret(id, dev.tollgate.impl.server.secret.SecretHash.of(third), Duration.ofHours(24));

        assertTrue(clients.authenticate(id, first).isEmpty());
        assertTrue(clients.authenticate(id, second).isPresent());
        assertTrue(clients.authenticate(id, third).isPresent());
    }

    @Test
    void anonymousMayNotRegisterUnlessOpen() {
        String json = "{\"grant_types\":[\"client_credentials\"]}";
        assertEquals(OAuthError.INVALID_TOKEN, assertThrows(OAuthException.class,
                () -> service.register(Caller.anonymous(), ADDRESS, json, ENDPOINT)).error());
        Caller serviceClient = Caller.of("svc", "svc", Set.of("read"), Set.of(), CredentialKind.JWT, null);
        assertEquals(OAuthError.INSUFFICIENT_SCOPE, assertThrows(OAuthException.class,
                () -> service.register(serviceClient, ADDRESS, json, ENDPOINT)).error());
        Caller initialAccess = Caller.of("admin-client", "admin-client",
                Set.of(RegistrationSettings.INITIAL_ACCESS_SCOPE), Set.of(), CredentialKind.JWT, null);
        String id = (String) service.register(initialAccess, ADDRESS, json, ENDPOINT).get("client_id");
        assertEquals(Optional.empty(), clients.find(new ClientId(id)).orElseThrow().owner());

        RegistrationSettings open = new RegistrationSettings(RegistrationSettings.Mode.OPEN, Set.of("read"),
                Set.of("read"), Duration.ZERO, RegistrationLimits.defaults());
        assertTrue(new ClientRegistrationService(store, open, new SecretGenerator(), limiter, NO_USERS)
                .register(Caller.anonymous(), ADDRESS, json, ENDPOINT).containsKey("client_id"));
        RegistrationSettings tokenOnly = new RegistrationSettings(RegistrationSettings.Mode.INITIAL_ACCESS_TOKEN,
                Set.of("read"), Set.of("read"), Duration.ZERO, RegistrationLimits.defaults());
        assertEquals(OAuthError.INSUFFICIENT_SCOPE, assertThrows(OAuthException.class,
                () -> new ClientRegistrationService(store, tokenOnly, new SecretGenerator(), limiter, NO_USERS)
                        .register(ALICE, ADDRESS, json, ENDPOINT)).error());
    }

    @Test
    void clientGrantsMatchTheRegistration() {
        Map<String, Object> response = register("""
                {"redirect_uris":["https://a.example/cb"],"grant_types":["authorization_code","refresh_token"]}""");
        var client = clients.find(new ClientId((String) response.get("client_id"))).orElseThrow();
        assertEquals(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN), client.grantTypes());
    }

    private String column(String clientId, String column) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + column + " FROM clients WHERE client_id = ?")) {
            select.setString(1, clientId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                Object value = rows.getObject(1);
                return value == null ? null : value.toString();
            }
        }
    }


    @Test
    void registrationsOverTheRateAreRefusedWithWhenToRetry() {
        RegistrationSettings settings = withLimits(new RegistrationLimits(50, 2, Duration.ofMinutes(1)));
        ClientRegistrationService limited = new ClientRegistrationService(store, settings, new SecretGenerator(),
                new RegistrationLimiter(dataSource(), settings.limits(), clock), NO_USERS);
        limited.register(ALICE, ADDRESS, CLIENT_CREDENTIALS, ENDPOINT);
        limited.register(ALICE, ADDRESS, CLIENT_CREDENTIALS, ENDPOINT);

        RegistrationRateLimitedException e = assertThrows(RegistrationRateLimitedException.class,
                () -> limited.register(ALICE, ADDRESS, CLIENT_CREDENTIALS, ENDPOINT));

        assertEquals(30, e.retryAfterSeconds());
    }

    @Test
    void registrationsOverTheOwnersQuotaAreAccessDenied() {
        RegistrationSettings settings = withLimits(new RegistrationLimits(2, 100, Duration.ofMinutes(1)));
        ClientRegistrationService limited = new ClientRegistrationService(store, settings, new SecretGenerator(),
                new RegistrationLimiter(dataSource(), settings.limits(), clock), NO_USERS);
        limited.register(ALICE, ADDRESS, CLIENT_CREDENTIALS, ENDPOINT);
        limited.register(ALICE, ADDRESS, CLIENT_CREDENTIALS, ENDPOINT);

        assertEquals(OAuthError.ACCESS_DENIED, assertThrows(OAuthException.class,
                () -> limited.register(ALICE, ADDRESS, CLIENT_CREDENTIALS, ENDPOINT)).error());
        Caller admin = Caller.of("root@example.com", null, Set.of(), Set.of("admin"), CredentialKind.PLAIN_HEADERS,
                null);
        for (int i = 0; i < 3; i++) {
            assertTrue(limited.register(admin, ADDRESS, CLIENT_CREDENTIALS, ENDPOINT).containsKey("client_id"),
                    "an administrator is exempt");
        }
    }

    @Test
    void theRegisteredAuthMethodIsTheOnlyOneTheClientMayUse() {
        Map<String, Object> response = register("""
                {"grant_types":["client_credentials"],"token_endpoint_auth_method":"client_secret_post"}""");
        ClientId id = new ClientId((String) response.get("client_id"));
        String secret = (String) response.get("client_secret");

        assertTrue(clients.authenticate(id, secret, ClientAuthMethod.CLIENT_SECRET_POST).isPresent());
        assertTrue(clients.authenticate(id, secret, ClientAuthMethod.CLIENT_SECRET_BASIC).isEmpty());
    }

    private static RegistrationSettings withLimits(RegistrationLimits limits) {
        RegistrationSettings defaults = RegistrationSettings.defaults();
        return new RegistrationSettings(defaults.mode(), defaults.allowedScopes(), defaults.serviceScopes(),
                defaults.secretRotationOverlap(), limits);
    }
}
