package dev.tollgate.it.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.tollgate.it.authorize.Browser;
import dev.tollgate.it.registration.Registrations;
import dev.tollgate.it.support.LibertyServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pushed authorization requests (RFC 9126) over real HTTP, pushed by the Nimbus OAuth 2.0 SDK: PAR, then the
 * authorization endpoint with {@code request_uri}, the login page, the code, the token; a request_uri used twice, of
 * another client, or forged; a client that must push; the PAR endpoint's own errors.
 */
class PushedAuthorizationRequestIT {

    /** Declared public client that skips consent. */
    private static final ClientID TRUSTED = new ClientID("it-authz-trusted");
    /** Declared with require-pushed-authorization-requests=true. */
    private static final ClientID STRICT = new ClientID("it-par-strict");
    private static final URI CALLBACK = URI.create("https://trusted.it.tollgate.dev/cb");

    private static AuthorizationServerMetadata metadata;
    private static URI parEndpoint;

    @BeforeAll
    static void discover() throws Exception {
        metadata = AuthorizationServerMetadata.resolve(new Issuer(LibertyServer.baseUrl()));
        parEndpoint = metadata.getPushedAuthorizationRequestEndpointURI();
        assertEquals(LibertyServer.uri("/oauth2/par"), parEndpoint);
    }

    private static AuthorizationRequest request(ClientID client, CodeVerifier verifier, State state) {
        return new AuthorizationRequest.Builder(ResponseType.CODE, client)
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .redirectionURI(CALLBACK)
                .scope(new Scope("read"))
                .state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build();
    }

    /** Pushes as a public client (client_id only): the request_uri. */
    private static URI push(ClientID client, CodeVerifier verifier, State state) throws Exception {
        PushedAuthorizationResponse response = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                parEndpoint, request(client, verifier, state)).toHTTPRequest().send());
        assertTrue(response.indicatesSuccess(), () -> response.toErrorResponse().getErrorObject().toString());
        PushedAuthorizationSuccessResponse success = response.toSuccessResponse();
        assertEquals(60, success.getLifetime());
        assertTrue(success.getRequestURI().toString().startsWith("urn:ietf:params:oauth:request_uri:"));
        return success.getRequestURI();
    }

    private static String authorizeUrl(ClientID client, URI requestUri) {
        return "/oauth2/authorize?client_id=" + enc(client.getValue()) + "&request_uri=" + enc(requestUri.toString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> postPar(String form, String... headers) {
        HttpRequest.Builder builder = LibertyServer.request("/oauth2/par")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return LibertyServer.send(builder.build());
    }

    private static void assertOAuthError(int status, String error, HttpResponse<String> response) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(error, JSONObjectUtils.parse(response.body()).get("error"));
    }

    @Test
    void parThenAuthorizeThenCodeThenToken() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        URI requestUri = push(TRUSTED, verifier, state);

        Browser browser = new Browser();
        HttpResponse<String> authorize = browser.get(authorizeUrl(TRUSTED, requestUri));
        assertEquals(303, authorize.statusCode(), authorize.body());
        HttpResponse<String> loginPage = browser.get(Browser.location(authorize));
        HttpResponse<String> afterLogin = browser.post("/oauth2/login", Map.of("username", Browser.USER,
                "password", Browser.PASSWORD, "csrf_token", Browser.hidden(loginPage.body(), "csrf_token"),
                "request_id", Browser.hidden(loginPage.body(), "request_id")));
        String location = Browser.location(afterLogin);
        assertTrue(location.startsWith(CALLBACK + "?"), location);
        AuthorizationResponse response = AuthorizationResponse.parse(URI.create(location));
        assertTrue(response.indicatesSuccess(), location);
        assertEquals(state, response.getState(), "the pushed state comes back");
        AuthorizationCode code = ((AuthorizationSuccessResponse) response).getAuthorizationCode();

        TokenResponse tokens = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), TRUSTED,
                new AuthorizationCodeGrant(code, CALLBACK, verifier)).toHTTPRequest().send());
        assertTrue(tokens.indicatesSuccess(), () -> tokens.toErrorResponse().getErrorObject().toString());
        assertEquals(new Scope("read"), tokens.toSuccessResponse().getTokens().getAccessToken().getScope());
    }

    @Test
    void authorizeWhenRequestUriUsedTwiceThenErrorPage() throws Exception {
        URI requestUri = push(TRUSTED, new CodeVerifier(), new State());
        Browser browser = new Browser();
        assertEquals(303, browser.get(authorizeUrl(TRUSTED, requestUri)).statusCode());
        HttpResponse<String> again = new Browser().get(authorizeUrl(TRUSTED, requestUri));
        assertEquals(400, again.statusCode(), again.body());
        assertTrue(again.headers().firstValue("Location").isEmpty(), "never redirected");
    }

    @Test
    void authorizeWhenRequestUriOfAnotherClientThenErrorPage() throws Exception {
        URI requestUri = push(TRUSTED, new CodeVerifier(), new State());
        HttpResponse<String> other = new Browser().get(authorizeUrl(STRICT, requestUri));
        assertEquals(400, other.statusCode(), other.body());
        assertTrue(other.headers().firstValue("Location").isEmpty());
        // Still good for its own client: the refused attempt did not use it up.
        assertEquals(303, new Browser().get(authorizeUrl(TRUSTED, requestUri)).statusCode());
    }

    @Test
    void authorizeWhenRequestUriForgedThenErrorPageAsJson() throws Exception {
        HttpResponse<String> forged = new Browser().get(authorizeUrl(TRUSTED,
                URI.create("urn:ietf:params:oauth:request_uri:v1.forged")), "Accept", "application/json");
        assertEquals(400, forged.statusCode(), forged.body());
        assertEquals("invalid_request", JSONObjectUtils.parse(forged.body()).get("error"));
    }

    @Test
    void authorizeWhenClientMustPushAndDoesNotThenErrorRedirect() throws Exception {
        AuthorizationRequest plain = request(STRICT, new CodeVerifier(), new State("s1"));
        HttpResponse<String> response = new Browser().get(plain.toURI().toString());
        assertEquals(303, response.statusCode(), response.body());
        Map<String, String> query = Browser.query(Browser.location(response));
        assertEquals("invalid_request", query.get("error"));
        assertEquals("s1", query.get("state"));
        assertEquals(metadata.getIssuer().getValue(), query.get("iss"));

        // Pushed, the same client goes ahead.
        URI requestUri = push(STRICT, new CodeVerifier(), new State());
        HttpResponse<String> pushed = new Browser().get(authorizeUrl(STRICT, requestUri));
        assertEquals(303, pushed.statusCode());
        assertTrue(Browser.location(pushed).contains("/oauth2/login"), Browser.location(pushed));
    }

    @Test
    void parWhenGetThen405() {
        HttpResponse<String> response = LibertyServer.get("/oauth2/par");
        assertEquals(405, response.statusCode(), response.body());
    }

    @Test
    void parWhenNoClientOrWrongSecretThenInvalidClient() throws Exception {
        HttpResponse<String> anonymous = postPar("response_type=code&code_challenge_method=S256");
        assertOAuthError(401, "invalid_client", anonymous);
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        HttpResponse<String> wrongSecret = postPar("response_type=code", "Authorization",
                Registrations.basic(OAuthCalls.SERVICE, "wrong-secret-0123456789"));
        assertOAuthError(401, "invalid_client", wrongSecret);
    }

    @Test
    void parWhenRequestUriPushedOrPkceMissingThenInvalidRequest() throws Exception {
        assertOAuthError(400, "invalid_request", postPar("client_id=it-authz-trusted&response_type=code"
                + "&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Ax"));
        assertOAuthError(400, "invalid_request", postPar("client_id=it-authz-trusted&response_type=code"
                + "&redirect_uri=" + enc(CALLBACK.toString())));
        assertOAuthError(400, "invalid_scope", postPar("client_id=it-authz-trusted&response_type=code"
                + "&redirect_uri=" + enc(CALLBACK.toString()) + "&scope=admin&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }

    @Test
    void parWhenBodyOverTheLimitThenInvalidRequest() throws Exception {
        // The token endpoint's bound (RequestBodyLimit, 1 MiB) holds here too, as an OAuth error.
        HttpResponse<String> response = postPar("client_id=it-authz-trusted&state=" + "x".repeat((1 << 20) + 10));
        assertEquals(400, response.statusCode());
        assertEquals("invalid_request", JSONObjectUtils.parse(response.body()).get("error"));
    }

    @Test
    void parWhenPrivateKeyJwtClientThenPushed() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("par-key").generate();
        Map<String, Object> registered = Registrations.registered("""
                {"client_name":"IT PAR key client","grant_types":["authorization_code"],"scope":"read",
                 "redirect_uris":["%s"],"token_endpoint_auth_method":"private_key_jwt","jwks":%s,
                 "require_pushed_authorization_requests":true}"""
                .formatted(CALLBACK, new JWKSet(key.toPublicJWK()).toString()));
        assertEquals(Boolean.TRUE, registered.get("require_pushed_authorization_requests"));
        ClientID client = new ClientID((String) registered.get("client_id"));
        PrivateKeyJWT assertion = new PrivateKeyJWT(new JWTAuthenticationClaimsSet(client,
                new Audience(metadata.getIssuer().getValue())), JWSAlgorithm.ES256, key.toECPrivateKey(),
                key.getKeyID(), null);
        PushedAuthorizationResponse response = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                parEndpoint, assertion, request(client, new CodeVerifier(), new State())).toHTTPRequest().send());
        assertTrue(response.indicatesSuccess(), () -> response.toErrorResponse().getErrorObject().toString());
        HttpResponse<String> authorize = new Browser().get(authorizeUrl(client, response.toSuccessResponse()
                .getRequestURI()));
        assertEquals(303, authorize.statusCode(), authorize.body());
        assertTrue(Browser.location(authorize).contains("/oauth2/login"));
    }
}
