package dev.tollgate.it.registration;

import static dev.tollgate.it.registration.Registrations.ADMIN_EMAIL;
import static dev.tollgate.it.registration.Registrations.ADMIN_HEADERS;
import static dev.tollgate.it.registration.Registrations.ADMIN_PASSWORD;
import static dev.tollgate.it.registration.Registrations.assertInvalidTokenChallenge;
import static dev.tollgate.it.registration.Registrations.assertOAuthError;
import static dev.tollgate.it.registration.Registrations.bearer;
import static dev.tollgate.it.registration.Registrations.json;
import static dev.tollgate.it.registration.Registrations.path;
import static dev.tollgate.it.registration.Registrations.register;
import static dev.tollgate.it.registration.Registrations.registered;
import static dev.tollgate.it.registration.Registrations.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.support.LibertyServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7591 registration and RFC 7592 management against the running server. */
class RegistrationIT {

    private static final String CC = "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}";

    @Test
    void userRegistersAConfidentialClientWithEveryMetadataMember() {
        Map<String, Object> body = registered("""
                {"client_name":"IT registered","redirect_uris":["https://reg.it.tollgate.dev/cb","http://127.0.0.1:9/cb"],
                 "grant_types":["authorization_code","refresh_token"],"response_types":["code"],
                 "token_endpoint_auth_method":"client_secret_post","scope":"openid read",
                 "client_uri":"https://reg.it.tollgate.dev","logo_uri":"https://reg.it.tollgate.dev/logo.png",
                 "tos_uri":"https://reg.it.tollgate.dev/tos","policy_uri":"https://reg.it.tollgate.dev/policy"}""");

        assertTrue(body.get("client_id") instanceof String);
        assertTrue(((String) body.get("client_secret")).length() >= 43);
        assertEquals(0L, ((Number) body.get("client_secret_expires_at")).longValue());
        long issuedAt = ((Number) body.get("client_id_issued_at")).longValue();
        assertTrue(Math.abs(issuedAt - Instant.now().getEpochSecond()) < 300);
        assertTrue(((String) body.get("registration_access_token")).length() >= 43);
        assertTrue(((String) body.get("registration_client_uri")).endsWith("/oauth2/register/" + body.get("client_id")));
        assertEquals("IT registered", body.get("client_name"));
        assertEquals(List.of("https://reg.it.tollgate.dev/cb", "http://127.0.0.1:9/cb"), body.get("redirect_uris"));
        assertEquals(List.of("authorization_code", "refresh_token"), body.get("grant_types"));
        assertEquals(List.of("code"), body.get("response_types"));
        assertEquals("client_secret_post", body.get("token_endpoint_auth_method"));
        assertEquals("openid read", body.get("scope"));
        assertEquals("https://reg.it.tollgate.dev/policy", body.get("policy_uri"));
        assertEquals("https://reg.it.tollgate.dev/tos", body.get("tos_uri"));
        assertEquals("https://reg.it.tollgate.dev/logo.png", body.get("logo_uri"));
        assertEquals("https://reg.it.tollgate.dev", body.get("client_uri"));
    }

    @Test
    void registeredClientGetsTokensByClientCredentials() {
        Map<String, Object> body = registered(CC);

        String token = Registrations.clientToken((String) body.get("client_id"), (String) body.get("client_secret"),
                "read");

        HttpResponse<String> me = LibertyServer.get("/api/me", "Authorization", "Bearer " + token);
        assertEquals(200, me.statusCode(), me.body());
    }

    @Test
    void registrationByAUsersBearerToken() {
        String token = Registrations.userToken(ADMIN_EMAIL, ADMIN_PASSWORD);

        HttpResponse<String> response = register(CC, "Authorization", "Bearer " + token);

        assertEquals(201, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Location").orElse("").endsWith(path(json(response))));
    }

    @Test
    void registrationByAnInitialAccessToken() {
        String token = Registrations.clientToken("it-registrar", "it-registrar-secret-0123456789",
                "client:register");

        assertEquals(201, register(CC, "Authorization", "Bearer " + token).statusCode());
    }

    @Test
    void serviceClientTokenWithoutTheRegistrationScopeIsForbidden() {
        String token = Registrations.clientToken("it-service", "it-service-secret-0123456789", "read");

        HttpResponse<String> response = register(CC, "Authorization", "Bearer " + token);

        assertOAuthError(response, 403, "insufficient_scope");
    }

    @Test
    void anonymousRegistrationIsRefusedWithABearerChallenge() {
        assertInvalidTokenChallenge(register(CC));
    }

    @Test
    void badCredentialsOnTheRegistrationEndpointAreRefusedByTheGate() {
        HttpResponse<String> response = register(CC, "X-API-Email", ADMIN_EMAIL, "X-API-Password", "wrong-password");

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"redirect_uris\":[\"http://reg.it.tollgate.dev/cb\"]}",
        "{\"redirect_uris\":[\"https://reg.it.tollgate.dev/cb#fragment\"]}",
        "{\"redirect_uris\":[\"/relative\"]}",
        "{\"grant_types\":[\"authorization_code\"]}"})
    void invalidRedirectUri(String body) {
        assertOAuthError(register(body, ADMIN_HEADERS), 400, "invalid_redirect_uri");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{not json",
        "[\"array\"]",
        "{\"grant_types\":[\"implicit\"],\"redirect_uris\":[\"https://reg.it.tollgate.dev/cb\"]}",
        "{\"grant_types\":[\"urn:ietf:params:oauth:grant-type:device_code\"]}",
        "{\"grant_types\":[\"client_credentials\"],\"response_types\":[\"code\"]}",
        "{\"redirect_uris\":[\"https://reg.it.tollgate.dev/cb\"],\"response_types\":[\"token\"]}",
        "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"private_key_jwt\"}",
        "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"none\"}",
        "{\"grant_types\":[\"client_credentials\"],\"scope\":\"admin\"}",
        "{\"grant_types\":[\"client_credentials\"],\"logo_uri\":\"javascript:alert(1)\"}"})
    void invalidClientMetadata(String body) {
        assertOAuthError(register(body, ADMIN_HEADERS), 400, "invalid_client_metadata");
    }

    @Test
    void readUpdateDeleteWithTheRegistrationAccessToken() {
        Map<String, Object> created = registered(CC);

        HttpResponse<String> read = send("GET", path(created), null, "Authorization", bearer(created));
        assertEquals(200, read.statusCode(), read.body());
        assertEquals(created.get("client_id"), json(read).get("client_id"));
        assertEquals("read", json(read).get("scope"));

        HttpResponse<String> update = send("PUT", path(created), """
                {"client_id":"%s","client_name":"Renamed","grant_types":["client_credentials"],"scope":"read write"}"""
                .formatted(created.get("client_id")), "Authorization", bearer(created));
        assertEquals(200, update.statusCode(), update.body());
        Map<String, Object> updated = json(update);
        assertEquals("Renamed", updated.get("client_name"));
        assertNotEquals(created.get("registration_access_token"), updated.get("registration_access_token"));
        assertInvalidTokenChallenge(send("GET", path(created), null, "Authorization", bearer(created)));
        assertEquals(200, send("GET", path(created), null, "Authorization", bearer(updated)).statusCode());

        HttpResponse<String> delete = send("DELETE", path(created), null, "Authorization", bearer(updated));
        assertEquals(204, delete.statusCode(), delete.body());
        assertInvalidTokenChallenge(send("GET", path(created), null, "Authorization", bearer(updated)));
    }

    @Test
    void invalidUpdateIsRefusedAndChangesNothing() {
        Map<String, Object> created = registered(CC);

        assertOAuthError(send("PUT", path(created), "{\"client_id\":\"%s\",\"grant_types\":[\"implicit\"]}"
                .formatted(created.get("client_id")), "Authorization", bearer(created)), 400,
                "invalid_client_metadata");
        assertOAuthError(send("PUT", path(created), "{\"client_id\":\"%s\",\"redirect_uris\":[\"http://x.dev/cb\"]}"
                .formatted(created.get("client_id")), "Authorization", bearer(created)), 400,
                "invalid_redirect_uri");
        assertEquals(200, send("GET", path(created), null, "Authorization", bearer(created)).statusCode());
    }

    @Test
    void wrongOrMissingTokenAndUnknownClientAreAllInvalidToken() {
        Map<String, Object> created = registered(CC);

        assertInvalidTokenChallenge(send("GET", path(created), null));
        assertInvalidTokenChallenge(send("GET", path(created), null, "Authorization", "Bearer wrong"));
        assertInvalidTokenChallenge(send("DELETE", path(created), null, "Authorization", "Bearer wrong"));
        assertInvalidTokenChallenge(send("GET", "/oauth2/register/no-such-client", null, "Authorization",
                bearer(created)));
        assertInvalidTokenChallenge(send("PUT", "/oauth2/register/no-such-client", "{}", "Authorization",
                bearer(created)));
    }

    @Test
    void softDeleteEndsTheClientsTokens() throws InterruptedException {
        Map<String, Object> created = registered(CC);
        String id = (String) created.get("client_id");
        String secret = (String) created.get("client_secret");
        String token = Registrations.clientToken(id, secret, "read");
        assertEquals(200, LibertyServer.get("/api/me", "Authorization", "Bearer " + token).statusCode());

        assertEquals(204, send("DELETE", path(created), null, "Authorization", bearer(created)).statusCode());

        // The token endpoint refuses the deleted client at once.
        assertOAuthError(Registrations.clientCredentials(id, secret), 401, "invalid_client");
        // The gate refuses its access token within the revocation bound (tollgate.server.revocation-cache, 5s).
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        int status;
        do {
            Thread.sleep(250);
            status = LibertyServer.get("/api/me", "Authorization", "Bearer " + token).statusCode();
        } while (status == 200 && Instant.now().isBefore(deadline));
        HttpResponse<String> refused = LibertyServer.get("/api/me", "Authorization", "Bearer " + token);
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals("true", refused.headers().firstValue("X-API-Revoked").orElse(null));
    }

    @Test
    void noSecretOrTokenInTheLogs() {
        Map<String, Object> created = registered(CC);
        send("GET", path(created), null, "Authorization", bearer(created));

        String logs = LibertyServer.logs();
        assertFalse(logs.contains((String) created.get("client_secret")));
        assertFalse(logs.contains((String) created.get("registration_access_token")));
    }
}
