package dev.tollgate.impl.server.authorize;

import static dev.tollgate.impl.server.authorize.AuthorizeFixtures.CHALLENGE;
import static dev.tollgate.impl.server.authorize.AuthorizeFixtures.ISSUER;
import static dev.tollgate.impl.server.authorize.AuthorizeFixtures.OTHER_REDIRECT;
import static dev.tollgate.impl.server.authorize.AuthorizeFixtures.REDIRECT;
import static dev.tollgate.impl.server.authorize.AuthorizeFixtures.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientId;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationRequestsTest {

    private final Map<ClientId, Client> clients = new LinkedHashMap<>();
    private final AuthorizationRequests requests = new AuthorizationRequests(id -> Optional.ofNullable(clients.get(id)));

    AuthorizationRequestsTest() {
        add(AuthorizeFixtures.webApp());
        add(AuthorizeFixtures.client("two-uris", List.of(REDIRECT, OTHER_REDIRECT),
                Set.of(GrantType.AUTHORIZATION_CODE), false));
        add(AuthorizeFixtures.client("service", List.of(REDIRECT), Set.of(GrantType.PASSWORD), false));
        add(AuthorizeFixtures.client("query", List.of("https://app.example.com/cb?tenant=a"),
                Set.of(GrantType.AUTHORIZATION_CODE), false));
    }

    private void add(Client client) {
        clients.put(client.id(), client);
    }

    @Test
    void validateWhenEverythingIsRightThenValidRequest() {
        AuthorizationValidation.Valid valid = assertInstanceOf(AuthorizationValidation.Valid.class,
                requests.validate(params().set("nonce", "n-1").build(), ISSUER));
        AuthorizationRequest request = valid.request();
        assertEquals(new ClientId("web"), request.clientId());
        assertEquals(REDIRECT, request.redirectUri());
        assertTrue(request.redirectUriSent());
        assertEquals("openid profile", request.scope().value());
        assertEquals(Optional.of("xyz"), request.state());
        assertEquals(CHALLENGE, request.codeChallenge());
        assertEquals(Optional.of("n-1"), request.nonce());
    }

    @Test
    void validateWhenRedirectUriOmittedAndOneRegisteredThenItIsUsed() {
        AuthorizationValidation.Valid valid = assertInstanceOf(AuthorizationValidation.Valid.class,
                requests.validate(params().remove("redirect_uri").build(), ISSUER));
        assertEquals(REDIRECT, valid.request().redirectUri());
        assertFalse(valid.request().redirectUriSent());
    }

    @Test
    void validateWhenScopeOmittedThenEmptyScope() {
        AuthorizationValidation.Valid valid = assertInstanceOf(AuthorizationValidation.Valid.class,
                requests.validate(params().remove("scope").build(), ISSUER));
        assertTrue(valid.request().scope().isEmpty());
    }

    @Test
    void validateWhenScopeHasDuplicatesAndOddSpacingThenNormalized() {
        AuthorizationValidation.Valid valid = assertInstanceOf(AuthorizationValidation.Valid.class,
                requests.validate(params().set("scope", " profile  openid profile ").build(), ISSUER));
        assertEquals("openid profile", valid.request().scope().value());
    }

    // --- errors shown as a page, never a redirect ---

    @Test
    void validateWhenClientIdMissingThenErrorPage() {
        assertPage(params().remove("client_id"), OAuthError.INVALID_REQUEST);
    }

    @Test
    void validateWhenClientIdRepeatedThenErrorPage() {
        assertPage(params().set("client_id", "web", "web"), OAuthError.INVALID_REQUEST);
    }

    @Test
    void validateWhenClientUnknownThenErrorPage() {
        assertPage(params().set("client_id", "nobody"), OAuthError.INVALID_CLIENT);
    }

    @Test
    void validateWhenClientIdMalformedThenErrorPage() {
        assertPage(params().set("client_id", "has space"), OAuthError.INVALID_CLIENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example.com/callback", "https://app.example.com/callback/",
            "https://app.example.com/callback?x=1", "https://APP.example.com/callback",
            "https://app.example.com/callback#frag", "https://app.example.com/callbac", ""})
    void validateWhenRedirectUriNotRegisteredExactlyThenErrorPage(String redirectUri) {
        assertPage(params().set("redirect_uri", redirectUri), OAuthError.INVALID_REQUEST);
    }

    @Test
    void validateWhenRedirectUriRepeatedThenErrorPage() {
        assertPage(params().set("redirect_uri", REDIRECT, REDIRECT), OAuthError.INVALID_REQUEST);
    }

    @Test
    void validateWhenRedirectUriOmittedAndSeveralRegisteredThenErrorPage() {
        assertPage(params().set("client_id", "two-uris").remove("redirect_uri"), OAuthError.INVALID_REQUEST);
    }

    @Test
    void validateWhenRedirectUriInvalidThenErrorPageEvenIfEverythingElseIsWrongToo() {
        assertPage(params().set("redirect_uri", "https://evil.example.com/").set("response_type", "token")
                .remove("code_challenge"), OAuthError.INVALID_REQUEST);
    }

    // --- errors sent back to the client ---

    @Test
    void validateWhenResponseTypeIsTokenThenUnsupportedResponseTypeRedirect() {
        URI location = assertRedirect(params().set("response_type", "token"), OAuthError.UNSUPPORTED_RESPONSE_TYPE);
        Map<String, String> query = query(location);
        assertEquals("xyz", query.get("state"));
        assertEquals(ISSUER.value(), query.get("iss"));
        assertTrue(query.containsKey("error_description"));
        assertTrue(location.toString().startsWith(REDIRECT + "?"));
    }

    @Test
    void validateWhenResponseTypeMissingThenInvalidRequestRedirect() {
        assertRedirect(params().remove("response_type"), OAuthError.INVALID_REQUEST);
    }

    @Test
    void validateWhenCodeChallengeMissingThenInvalidRequestRedirect() {
        assertRedirect(params().remove("code_challenge"), OAuthError.INVALID_REQUEST);
    }

    @Test
    void validateWhenCodeChallengeMethodPlainThenInvalidRequestRedirect() {
        assertRedirect(params().set("code_challenge_method", "plain"), OAuthError.INVALID_REQUEST);
    }

    @Test
    void validateWhenCodeChallengeMethodMissingThenInvalidRequestRedirect() {
        // RFC 7636 §4.3: a missing method means "plain", which is refused.
        assertRedirect(params().remove("code_challenge_method"), OAuthError.INVALID_REQUEST);
    }

    @Test
    void validateWhenCodeChallengeMalformedThenInvalidRequestRedirect() {
        assertRedirect(params().set("code_challenge", "short"), OAuthError.INVALID_REQUEST);
    }

    @Test
    void validateWhenScopeNotAllowedThenInvalidScopeRedirect() {
        assertRedirect(params().set("scope", "openid admin"), OAuthError.INVALID_SCOPE);
    }

    @Test
    void validateWhenScopeHasIllegalCharacterThenInvalidScopeRedirect() {
        assertRedirect(params().set("scope", "open\"id"), OAuthError.INVALID_SCOPE);
    }

    @Test
    void validateWhenClientMayNotUseAuthorizationCodeThenUnauthorizedClientRedirect() {
        assertRedirect(params().set("client_id", "service"), OAuthError.UNAUTHORIZED_CLIENT);
    }

    @Test
    void validateWhenAnotherParameterRepeatedThenInvalidRequestRedirect() {
        assertRedirect(params().set("scope", "openid", "profile"), OAuthError.INVALID_REQUEST);
    }

    @Test
    void validateWhenStateRepeatedThenInvalidRequestRedirectWithoutState() {
        URI location = assertRedirect(params().set("state", "a", "b"), OAuthError.INVALID_REQUEST);
        assertFalse(query(location).containsKey("state"));
    }

    @Test
    void validateWhenRedirectUriHasQueryThenErrorKeepsIt() {
        URI location = assertRedirect(params().set("client_id", "query").set("redirect_uri",
                "https://app.example.com/cb?tenant=a").set("response_type", "token"),
                OAuthError.UNSUPPORTED_RESPONSE_TYPE);
        assertTrue(location.toString().startsWith("https://app.example.com/cb?tenant=a&error="));
        assertEquals("a", query(location).get("tenant"));
    }

    private void assertPage(AuthorizeFixtures.Params params, OAuthError expected) {
        AuthorizationValidation.ErrorPage page = assertInstanceOf(AuthorizationValidation.ErrorPage.class,
                requests.validate(params.build(), ISSUER));
        assertEquals(expected, page.error());
    }

    private URI assertRedirect(AuthorizeFixtures.Params params, OAuthError expected) {
        AuthorizationValidation.ErrorRedirect redirect = assertInstanceOf(
                AuthorizationValidation.ErrorRedirect.class, requests.validate(params.build(), ISSUER));
        assertEquals(expected, redirect.error());
        assertEquals(expected.code(), query(redirect.location()).get("error"));
        assertEquals(ISSUER.value(), query(redirect.location()).get("iss"));
        return redirect.location();
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    @ParameterizedTest
    @ValueSource(strings = {"everything", "no redirect_uri", "no scope", "no state", "nonce"})
    void toParametersWhenValidatedAgainThenTheSameRequest(String variant) {
        AuthorizeFixtures.Params params = params();
        switch (variant) {
            case "no redirect_uri" -> params.remove("redirect_uri");
            case "no scope" -> params.remove("scope");
            case "no state" -> params.remove("state");
            case "nonce" -> params.set("nonce", "n-" + "x".repeat(1990)).set("scope", " profile  openid ");
            default -> params.set("unknown", "dropped");
        }
        AuthorizationRequest request = assertInstanceOf(AuthorizationValidation.Valid.class,
                requests.validate(params.build(), ISSUER)).request();
        Map<String, List<String>> parameters = request.toParameters();
        assertFalse(parameters.containsKey("unknown"), "only the validated fields are kept");
        assertEquals(request, assertInstanceOf(AuthorizationValidation.Valid.class,
                requests.validate(parameters, ISSUER)).request());
    }
}
