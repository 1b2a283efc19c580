package dev.tollgate.impl.server.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.key.KeyEncryptionKey;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 9126 at the service level: push, then the authorization endpoint's first step, on a real database. */
abstract class PushedAuthorizationRequestsTests extends DatabaseTest {

    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
    private final Client web = AuthorizeFixtures.webApp();
    private final Client other = AuthorizeFixtures.client("other", List.of(AuthorizeFixtures.REDIRECT),
            Set.of(GrantType.AUTHORIZATION_CODE), false);
    private final Client strict = AuthorizeFixtures.client("strict", List.of(AuthorizeFixtures.REDIRECT),
            Set.of(GrantType.AUTHORIZATION_CODE), false);
    private final KeyEncryptionKey kek = KeyEncryptionKey.generate(new SecureRandom());
    private AuthorizationService service;
    private UsedAuthorizationRequests used;

    @BeforeEach
    void createServices() {
        Map<ClientId, Client> clients = Map.of(web.id(), web, other.id(), other, strict.id(), strict);
        service = new AuthorizationService(new AuthorizationRequests(id -> Optional.ofNullable(clients.get(id))),
                new ConsentStore(dataSource(), clock), new AuthorizationCodes(new AuthorizationCodeStore(dataSource()),
                new SecretGenerator(), Duration.ofSeconds(60), clock), new ScopeDescriptions(ConfigSource.of(Map.of())));
        used = new UsedAuthorizationRequests(dataSource());
    }

    private PushedAuthorizationRequests par(boolean serverRequired) {
        // Each node derives the same keys from the cluster's key-encryption key: a second FlowSeals is another node.
        return new PushedAuthorizationRequests(service, new FlowSeals(kek, Duration.ofMinutes(30), clock), used,
                id -> id.equals(strict.id()), serverRequired);
    }

    private static Map<String, List<String>> authorize(String clientId, String requestUri) {
        Map<String, List<String>> query = new HashMap<>();
        query.put("client_id", List.of(clientId));
        query.put("request_uri", List.of(requestUri));
        return query;
    }

    @Test
    void pushWhenValidThenRequestUriOnceOnAnyNode() {
        PushedAuthorizationRequests.Pushed pushed = par(false).push(web, AuthorizeFixtures.params().build(),
                AuthorizeFixtures.ISSUER);
        assertTrue(pushed.requestUri().startsWith("urn:ietf:params:oauth:request_uri:"));
        assertEquals(60, pushed.expiresIn());
        AuthorizationValidation.Valid valid = assertInstanceOf(AuthorizationValidation.Valid.class,
                par(false).validate(authorize("web", pushed.requestUri()), AuthorizeFixtures.ISSUER));
        assertEquals("xyz", valid.request().state().orElseThrow());
        assertEquals(AuthorizeFixtures.CHALLENGE, valid.request().codeChallenge());
        AuthorizationValidation.ErrorPage again = assertInstanceOf(AuthorizationValidation.ErrorPage.class,
                par(false).validate(authorize("web", pushed.requestUri()), AuthorizeFixtures.ISSUER));
        assertEquals(OAuthError.INVALID_REQUEST, again.error());
    }

    @Test
    void validateWhenRequestUriOfAnotherClientThenErrorPageAndStillUsable() {
        String requestUri = par(false).push(web, AuthorizeFixtures.params().build(), AuthorizeFixtures.ISSUER)
                .requestUri();
        AuthorizationValidation.ErrorPage page = assertInstanceOf(AuthorizationValidation.ErrorPage.class,
                par(false).validate(authorize("other", requestUri), AuthorizeFixtures.ISSUER));
        assertEquals(OAuthError.INVALID_REQUEST, page.error());
        assertInstanceOf(AuthorizationValidation.Valid.class,
                par(false).validate(authorize("web", requestUri), AuthorizeFixtures.ISSUER));
    }

    @Test
    void validateWhenRequestUriExpiredThenErrorPage() {
        String requestUri = par(false).push(web, AuthorizeFixtures.params().build(), AuthorizeFixtures.ISSUER)
                .requestUri();
        clock.advance(Duration.ofSeconds(60));
        assertInstanceOf(AuthorizationValidation.ErrorPage.class,
                par(false).validate(authorize("web", requestUri), AuthorizeFixtures.ISSUER));
    }

    @Test
    void validateWhenRequestUriForgedOrWithoutClientIdThenErrorPage() {
        assertInstanceOf(AuthorizationValidation.ErrorPage.class, par(false).validate(
                authorize("web", "urn:ietf:params:oauth:request_uri:v1.AAAA"), AuthorizeFixtures.ISSUER));
        assertInstanceOf(AuthorizationValidation.ErrorPage.class, par(false).validate(
                authorize("web", "https://attacker.example/request.jwt"), AuthorizeFixtures.ISSUER));
        String requestUri = par(false).push(web, AuthorizeFixtures.params().build(), AuthorizeFixtures.ISSUER)
                .requestUri();
        Map<String, List<String>> noClient = authorize("web", requestUri);
        noClient.remove("client_id");
        assertInstanceOf(AuthorizationValidation.ErrorPage.class,
                par(false).validate(noClient, AuthorizeFixtures.ISSUER));
    }

    @Test
    void pushWhenRequestUriOrOtherClientIdOrInvalidThenOAuthError() {
        OAuthException withUri = assertThrows(OAuthException.class, () -> par(false).push(web,
                AuthorizeFixtures.params().set("request_uri", "urn:x").build(), AuthorizeFixtures.ISSUER));
        assertEquals(OAuthError.INVALID_REQUEST, withUri.error());
        OAuthException otherId = assertThrows(OAuthException.class, () -> par(false).push(web,
                AuthorizeFixtures.params().set("client_id", "other").build(), AuthorizeFixtures.ISSUER));
        assertEquals(OAuthError.INVALID_REQUEST, otherId.error());
        OAuthException noPkce = assertThrows(OAuthException.class, () -> par(false).push(web,
                AuthorizeFixtures.params().remove("code_challenge").build(), AuthorizeFixtures.ISSUER));
        assertEquals(OAuthError.INVALID_REQUEST, noPkce.error());
        assertEquals("code_challenge is required (PKCE with S256)", noPkce.getMessage());
        OAuthException badScope = assertThrows(OAuthException.class, () -> par(false).push(web,
                AuthorizeFixtures.params().set("scope", "admin").build(), AuthorizeFixtures.ISSUER));
        assertEquals(OAuthError.INVALID_SCOPE, badScope.error());
        OAuthException badRedirect = assertThrows(OAuthException.class, () -> par(false).push(web,
                AuthorizeFixtures.params().set("redirect_uri", "https://evil.example/cb").build(),
                AuthorizeFixtures.ISSUER));
        assertEquals(OAuthError.INVALID_REQUEST, badRedirect.error());
    }

    @Test
    void pushWhenClientIdLeftOutThenTheAuthenticatedClient() {
        String requestUri = par(false).push(web, AuthorizeFixtures.params().remove("client_id").build(),
                AuthorizeFixtures.ISSUER).requestUri();
        assertInstanceOf(AuthorizationValidation.Valid.class,
                par(false).validate(authorize("web", requestUri), AuthorizeFixtures.ISSUER));
    }

    @Test
    void validateWhenParRequiredAndPlainRequestThenErrorRedirect() {
        AuthorizationValidation.ErrorRedirect perClient = assertInstanceOf(
                AuthorizationValidation.ErrorRedirect.class, par(false).validate(
                        AuthorizeFixtures.params().set("client_id", "strict").build(), AuthorizeFixtures.ISSUER));
        assertEquals(OAuthError.INVALID_REQUEST, perClient.error());
        assertTrue(perClient.location().toString().startsWith(AuthorizeFixtures.REDIRECT + "?error=invalid_request"));
        assertInstanceOf(AuthorizationValidation.ErrorRedirect.class,
                par(true).validate(AuthorizeFixtures.params().build(), AuthorizeFixtures.ISSUER));
        assertInstanceOf(AuthorizationValidation.Valid.class,
                par(false).validate(AuthorizeFixtures.params().build(), AuthorizeFixtures.ISSUER));
        String requestUri = par(true).push(strict, AuthorizeFixtures.params().set("client_id", "strict").build(),
                AuthorizeFixtures.ISSUER).requestUri();
        assertInstanceOf(AuthorizationValidation.Valid.class,
                par(true).validate(authorize("strict", requestUri), AuthorizeFixtures.ISSUER));
    }
}
