package dev.tollgate.it.oauth;

import static dev.tollgate.it.oauth.OAuthCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.UserSubjects;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /oauth2/token} over real HTTP: each grant, each error, and RFC 9068 access tokens. */
class TokenEndpointIT {

    private static final String TOKEN = "/oauth2/token";

    @Test
    void clientCredentialsWithBasicGivesAnAt9068TokenSignedByAPublishedKey() throws Exception {
        HttpResponse<String> response = postForm(TOKEN, params("grant_type", "client_credentials", "scope", "read"),
                "Authorization", basic(SERVICE, SERVICE_SECRET));

        Map<String, Object> body = assertTokenResponse(response);
        assertEquals("read", body.get("scope"));
        assertNull(body.get("refresh_token"), "no refresh token for client_credentials (RFC 6749 §4.4.3)");
        SignedJWT jwt = SignedJWT.parse((String) body.get("access_token"));
        assertEquals(new JOSEObjectType("at+jwt"), jwt.getHeader().getType());
        JWKSet keys = JWKSet.parse(LibertyServer.get("/oauth2/jwks").body());
        var key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertNotNull(key, "the kid is published");
        assertTrue(jwt.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
                ((AsymmetricJWK) key).toPublicKey())));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(LibertyServer.baseUrl(), claims.getIssuer());
        assertEquals(SERVICE, claims.getSubject());
        assertEquals(SERVICE, claims.getClaim("client_id"));
        assertEquals("read", claims.getClaim("scope"));
        assertNotNull(claims.getJWTID());
        assertNotNull(claims.getIssueTime());
        assertEquals(900, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertEquals(List.of(LibertyServer.baseUrl()), claims.getAudience(), "default audience: the issuer");
        assertNull(claims.getClaim("roles"));
    }

    @Test
    void clientCredentialsWithPostAndAResourceGivesThatAudience() throws Exception {
        HttpResponse<String> response = postForm(TOKEN, params("grant_type", "client_credentials",
                "client_id", SERVICE, "client_secret", SERVICE_SECRET, "resource", "tollgate-demo"));

        Map<String, Object> body = assertTokenResponse(response);
        JWTClaimsSet claims = SignedJWT.parse((String) body.get("access_token")).getJWTClaimsSet();
        assertEquals(List.of("tollgate-demo"), claims.getAudience());
    }

    @Test
    void clientCredentialsWithADisallowedResourceIsInvalidTarget() {
        assertError(postForm(TOKEN, params("grant_type", "client_credentials", "resource", "https://billing.example"),
                "Authorization", basic(SERVICE, SERVICE_SECRET)), 400, "invalid_target");
    }

    @Test
    void clientCredentialsWithoutScopeGetsEveryAllowedScope() {
        Map<String, Object> body = assertTokenResponse(postForm(TOKEN, params("grant_type", "client_credentials"),
                "Authorization", basic(SERVICE, SERVICE_SECRET)));

        assertEquals(List.of("read", "write", "aud:tollgate-demo"), List.of(((String) body.get("scope")).split(" ")));
    }

    @Test
    void passwordGrantWithAJsonBodyAsInTheRipsSeed() throws Exception {
        HttpResponse<String> response = postJson(TOKEN, params("grant_type", "password", "client_id", GLOBAL,
                "username", ADMIN, "password", ADMIN_PASSWORD));

        Map<String, Object> body = assertTokenResponse(response);
        assertTrue(body.get("refresh_token") instanceof String);
        assertEquals(30L * 24 * 3600, ((Number) body.get("refresh_expires_in")).longValue());
        JWTClaimsSet claims = SignedJWT.parse((String) body.get("access_token")).getJWTClaimsSet();
        // sub is the user's opaque id (OpenID Connect Core 1.0 §2), and no claim carries the email.
        assertEquals(UserSubjects.admin(), claims.getSubject());
        assertFalse(claims.toString().contains(ADMIN), claims.toString());
        assertEquals(GLOBAL, claims.getClaim("client_id"));
        assertTrue(claims.getStringListClaim("roles").contains("admin"));
    }

    @Test
    void passwordGrantUsesThePerClientAccessTokenLifetime() {
        Map<String, Object> body = assertTokenResponse(postForm(TOKEN, params("grant_type", "password",
                "username", ADMIN, "password", ADMIN_PASSWORD), "Authorization", basic(APP, APP_SECRET)));

        assertEquals(300, ((Number) body.get("expires_in")).intValue());
    }

    @Test
    void wrongPasswordIsInvalidGrant() {
        assertError(postJson(TOKEN, params("grant_type", "password", "client_id", GLOBAL, "username", ADMIN,
                "password", "wrong-password-123")), 400, "invalid_grant");
    }

    @Test
    void wrongSecretWithBasicIsInvalidClientWithABasicChallenge() {
        HttpResponse<String> response = postForm(TOKEN, params("grant_type", "client_credentials"),
                "Authorization", basic(SERVICE, "wrong-secret-0123456789"));

        assertError(response, 401, "invalid_client");
        assertBasicChallenge(response);
    }

    @Test
    void unknownClientWithPostIsInvalidClient() {
        HttpResponse<String> response = postForm(TOKEN, params("grant_type", "client_credentials",
                "client_id", "nobody", "client_secret", "whatever-secret-123"));

        assertError(response, 401, "invalid_client");
    }

    @Test
    void noClientAuthenticationIsInvalidClient() {
        assertError(postForm(TOKEN, params("grant_type", "client_credentials")), 401, "invalid_client");
    }

    @Test
    void basicAndBodySecretTogetherIsInvalidRequest() {
        assertError(postForm(TOKEN, params("grant_type", "client_credentials", "client_secret", SERVICE_SECRET),
                "Authorization", basic(SERVICE, SERVICE_SECRET)), 400, "invalid_request");
    }

    @Test
    void repeatedParameterIsInvalidRequest() {
        assertError(post(TOKEN, "application/x-www-form-urlencoded",
                "grant_type=client_credentials&scope=read&scope=write", "Authorization",
                basic(SERVICE, SERVICE_SECRET)), 400, "invalid_request");
    }

    @Test
    void unsupportedGrantTypeIsUnsupportedGrantType() {
        assertError(postForm(TOKEN, params("grant_type", "urn:example:magic"), "Authorization",
                basic(SERVICE, SERVICE_SECRET)), 400, "unsupported_grant_type");
    }

    @Test
    void scopeTheClientMayNotHaveIsInvalidScope() {
        assertError(postForm(TOKEN, params("grant_type", "client_credentials", "scope", "read admin"),
                "Authorization", basic(SERVICE, SERVICE_SECRET)), 400, "invalid_scope");
    }

    @Test
    void grantTheClientMayNotUseIsUnauthorizedClient() {
        assertError(postForm(TOKEN, params("grant_type", "password", "username", ADMIN, "password",
                ADMIN_PASSWORD), "Authorization", basic(SERVICE, SERVICE_SECRET)), 400, "unauthorized_client");
    }

    @Test
    void publicClientCannotUseClientCredentials() {
        assertError(postForm(TOKEN, params("grant_type", "client_credentials", "client_id", GLOBAL)), 400,
                "unauthorized_client");
    }

    @Test
    void malformedBodiesAreInvalidRequestNever500() {
        String auth = basic(SERVICE, SERVICE_SECRET);
        assertError(post(TOKEN, "application/json", "{not json", "Authorization", auth), 400, "invalid_request");
        assertError(post(TOKEN, "application/json", "[1,2]", "Authorization", auth), 400, "invalid_request");
        assertError(post(TOKEN, "application/json", "{\"grant_type\":{\"x\":1}}", "Authorization", auth), 400,
                "invalid_request");
        assertError(post(TOKEN, "text/plain", "grant_type=client_credentials", "Authorization", auth), 400,
                "invalid_request");
        assertError(post(TOKEN, null, "", "Authorization", auth), 400, "invalid_request");
        assertError(post(TOKEN, "application/x-www-form-urlencoded", "grant_type=%ZZ", "Authorization", auth), 400,
                "invalid_request");
        assertError(post(TOKEN, "application/x-www-form-urlencoded", "", "Authorization", auth), 400,
                "invalid_request");
        assertError(post(TOKEN, "application/x-www-form-urlencoded", "grant_type=client_credentials",
                "Authorization", "Basic !!!notbase64"), 400, "invalid_request");
    }

    @Test
    void tokenResponseNeverAppearsInTheLogs() {
        Map<String, Object> body = assertTokenResponse(postForm(TOKEN, params("grant_type", "client_credentials"),
                "Authorization", basic(SERVICE, SERVICE_SECRET)));

        String logs = LibertyServer.logs();
        assertFalse(logs.contains((String) body.get("access_token")));
        assertFalse(logs.contains(SERVICE_SECRET));
    }
}
