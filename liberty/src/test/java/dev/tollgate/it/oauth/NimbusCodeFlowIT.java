package dev.tollgate.it.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.tollgate.it.authorize.Browser;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.UserSubjects;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authorization code flow with PKCE (S256) and OpenID Connect, driven by the Nimbus OAuth 2.0 SDK as an
 * independent client that knows only the issuer: its requests, its parsers and its validators (ID Token against
 * the published JWKS, nonce, at_hash), then UserInfo. A login in between goes through the server's pages with
 * {@link Browser}; the client {@code it-authz-trusted} skips consent.
 */
class NimbusCodeFlowIT {

    private static final ClientID CLIENT = new ClientID("it-authz-trusted");
    private static final URI CALLBACK = URI.create("https://trusted.it.tollgate.dev/cb");

    private static OIDCProviderMetadata metadata;

    @BeforeAll
    static void discover() throws Exception {
        metadata = OIDCProviderMetadata.resolve(new Issuer(LibertyServer.baseUrl()));
    }

    /** What the callback received, and what the client kept to check it. */
    private record Callback(AuthorizationCode code, CodeVerifier verifier, Nonce nonce) {
    }

    /** Authorization request → login page → callback, parsed and checked by Nimbus. */
    private static Callback authorize(Scope scope) throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Nonce nonce = new Nonce();
        // OpenID Connect's AuthenticationRequest when openid is asked for (it carries the nonce), else OAuth's.
        URI request = scope.contains("openid")
                ? new AuthenticationRequest.Builder(ResponseType.CODE, scope, CLIENT, CALLBACK)
                        .endpointURI(metadata.getAuthorizationEndpointURI())
                        .state(state)
                        .nonce(nonce)
                        .codeChallenge(verifier, CodeChallengeMethod.S256)
                        .build().toURI()
                : new AuthorizationRequest.Builder(ResponseType.CODE, CLIENT)
                        .endpointURI(metadata.getAuthorizationEndpointURI())
                        .redirectionURI(CALLBACK)
                        .scope(scope)
                        .state(state)
                        .codeChallenge(verifier, CodeChallengeMethod.S256)
                        .build().toURI();

        Browser browser = new Browser();
        HttpResponse<String> authorize = browser.get(request.toString());
        HttpResponse<String> loginPage = browser.get(Browser.location(authorize));
        HttpResponse<String> afterLogin = browser.post("/oauth2/login", Map.of("username", Browser.USER,
                "password", Browser.PASSWORD, "csrf_token", Browser.hidden(loginPage.body(), "csrf_token"),
                "request_id", Browser.hidden(loginPage.body(), "request_id")));
        String location = Browser.location(afterLogin);
        assertTrue(location.startsWith(CALLBACK + "?"), location);

        AuthorizationResponse response = AuthorizationResponse.parse(URI.create(location));
        assertTrue(response.indicatesSuccess(), location);
        assertEquals(state, response.getState());
        // RFC 9207 §2.4: the client compares iss with the issuer it expects.
        assertEquals(metadata.getIssuer(), response.getIssuer());
        AuthorizationCode code = ((AuthorizationSuccessResponse) response).getAuthorizationCode();
        assertNotNull(code);
        return new Callback(code, verifier, nonce);
    }

    private static TokenRequest exchange(Callback callback) {
        return new TokenRequest(metadata.getTokenEndpointURI(), CLIENT,
                new AuthorizationCodeGrant(callback.code(), CALLBACK, callback.verifier()));
    }

    @Test
    void codeFlowWithPkceAndOpenidThenValidIdTokenAndUserInfo() throws Exception {
        // The scope email releases the email at userinfo (OpenID Connect Core 1.0 §5.4).
        Callback callback = authorize(new Scope("openid", "email", "read"));

        HTTPResponse http = exchange(callback).toHTTPRequest().send();
        TokenResponse parsed = OIDCTokenResponseParser.parse(http);
        assertTrue(parsed.indicatesSuccess(), () -> http.getStatusCode() + " " + http.getBody());
        OIDCTokens tokens = ((OIDCTokenResponse) parsed.toSuccessResponse()).getOIDCTokens();
        AccessToken accessToken = tokens.getAccessToken();
        assertEquals(new Scope("openid", "email", "read"), accessToken.getScope());

        JWSAlgorithm alg = JWSAlgorithm.parse(tokens.getIDToken().getHeader().getAlgorithm().getName());
        assertTrue(metadata.getIDTokenJWSAlgs().contains(alg), () -> alg + " not in "
                + metadata.getIDTokenJWSAlgs());
        IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), CLIENT, alg,
                metadata.getJWKSetURI().toURL());
        IDTokenClaimsSet claims = validator.validate(tokens.getIDToken(), callback.nonce());
        assertEquals(UserSubjects.of(Browser.USER), claims.getSubject().getValue());
        assertNotNull(claims.getAuthenticationTime());
        AccessTokenValidator.validate(accessToken, alg, claims.getAccessTokenHash());

        UserInfoResponse userInfoResponse = UserInfoResponse.parse(new UserInfoRequest(
                metadata.getUserInfoEndpointURI(), (BearerAccessToken) accessToken).toHTTPRequest().send());
        assertTrue(userInfoResponse.indicatesSuccess());
        UserInfo userInfo = userInfoResponse.toSuccessResponse().getUserInfo();
        assertEquals(claims.getSubject(), userInfo.getSubject());
        assertEquals(Browser.USER, userInfo.getEmailAddress());
        assertEquals(Boolean.FALSE, userInfo.getEmailVerified());
    }

    @Test
    void codeFlowWhenCodeExchangedTwiceThenInvalidGrantAndFirstAccessTokenInactive() throws Exception {
        Callback callback = authorize(new Scope("openid", "read"));
        TokenResponse first = OIDCTokenResponseParser.parse(exchange(callback).toHTTPRequest().send());
        assertTrue(first.indicatesSuccess());
        AccessToken accessToken = first.toSuccessResponse().getTokens().getAccessToken();

        TokenResponse second = TokenResponse.parse(exchange(callback).toHTTPRequest().send());

        assertFalse(second.indicatesSuccess());
        assertEquals("invalid_grant", second.toErrorResponse().getErrorObject().getCode());
        TokenIntrospectionResponse introspection = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                metadata.getIntrospectionEndpointURI(), new ClientSecretBasic(new ClientID(OAuthCalls.SERVICE),
                new Secret(OAuthCalls.SERVICE_SECRET)), accessToken).toHTTPRequest().send());
        assertTrue(introspection.indicatesSuccess());
        assertFalse(introspection.toSuccessResponse().isActive());
    }

    @Test
    void codeFlowWithoutOpenidThenPlainOAuthTokenResponse() throws Exception {
        Callback callback = authorize(new Scope("read"));

        TokenResponse parsed = TokenResponse.parse(exchange(callback).toHTTPRequest().send());

        assertTrue(parsed.indicatesSuccess());
        assertFalse(parsed.toSuccessResponse().getCustomParameters().containsKey("id_token"));
    }
}
