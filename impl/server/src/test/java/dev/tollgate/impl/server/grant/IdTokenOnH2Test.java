package dev.tollgate.impl.server.grant;

import static dev.tollgate.impl.server.grant.ServerFixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.protocol.ServerMetadata;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.authorize.AuthorizationRequest;
import dev.tollgate.impl.server.authorize.Scopes;
import dev.tollgate.impl.server.protocol.DiscoveryMetadata;
import dev.tollgate.impl.server.protocol.ServerEndpoints;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenID Connect ID Token (Core §2, §3.1.3.3, §3.1.3.6) of the authorization_code and password grants. */
class IdTokenOnH2Test extends ServerOnH2Test {

    private static final String OIDC = "oidc-app";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    @BeforeEach
    void registerOidcClient() {
        server.clients.upsert(ClientDefinition.builder(new ClientId(OIDC)).name("OIDC app")
                .secretHash(SecretHash.of(SECRET))
                .grantTypes(GrantType.AUTHORIZATION_CODE, GrantType.PASSWORD, GrantType.REFRESH_TOKEN)
                .redirectUris(List.of(REDIRECT_URI)).scopes(List.of("openid", "read"))
                .accessTokenLifetime(Duration.ofMinutes(5)).build());
    }

    private TokenResponse codeFlow(String scope, Optional<String> nonce, Instant authTime) throws Exception {
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));
        String code = server.codes.issue(new AuthorizationRequest(new ClientId(OIDC), REDIRECT_URI, true,
                Scopes.parse(scope).orElseThrow(), Optional.empty(), challenge, nonce), USER, authTime);
        return server.token(basic(OIDC, SECRET), "grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT_URI, "code_verifier", VERIFIER);
    }

    /** Verified against the published keys, as a relying party would through the JWKS. */
    private SignedJWT verified(String idToken) throws Exception {
        SignedJWT jwt = SignedJWT.parse(idToken);
        AsymmetricJWK key = (AsymmetricJWK) server.keys.publicKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), key.toPublicKey())));
        return jwt;
    }

    @Test
    void tokenWhenCodeWithOpenidThenIdTokenSignedWithTheCurrentKey() throws Exception {
        Instant login = server.clock.instant().minusSeconds(30);
        TokenResponse response = codeFlow("openid read", Optional.of("n-0S6_WzA2Mj"), login);

        SignedJWT jwt = verified(response.idToken().orElseThrow());
        assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
        assertEquals(server.keys.signingKey().getKeyID(), jwt.getHeader().getKeyID());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(server.settings.issuer().value(), claims.getIssuer());
        assertEquals(server.userSubject, claims.getSubject());
        assertEquals(List.of(OIDC), claims.getAudience());
        assertEquals(server.clock.instant().getEpochSecond(), claims.getIssueTime().toInstant().getEpochSecond());
        assertEquals(Duration.ofMinutes(5), Duration.between(claims.getIssueTime().toInstant(),
                claims.getExpirationTime().toInstant()));
        assertEquals(login.getEpochSecond(), claims.getLongClaim("auth_time"));
        assertEquals("n-0S6_WzA2Mj", claims.getStringClaim("nonce"));
        assertTrue(response.toJson().contains("\"id_token\""));
    }

    /** ES256 and RS256 both hash with SHA-256 (OpenID Connect Core §3.1.3.6). */
    @Test
    void idTokenAtHashIsTheLeftHalfOfTheAccessTokensSha256() throws Exception {
        TokenResponse response = codeFlow("openid", Optional.empty(), server.clock.instant());

        byte[] hash = MessageDigest.getInstance("SHA-256").digest(response.accessToken()
                .getBytes(StandardCharsets.US_ASCII));
        String expected = Base64URL.encode(Arrays.copyOf(hash, 16)).toString();
        JWTClaimsSet claims = verified(response.idToken().orElseThrow()).getJWTClaimsSet();
        assertEquals(expected, claims.getStringClaim("at_hash"));
        assertNull(claims.getClaim("nonce"));
    }

    @Test
    void tokenWhenNoOpenidThenNoIdToken() throws Exception {
        TokenResponse response = codeFlow("read", Optional.of("n"), server.clock.instant());

        assertTrue(response.idToken().isEmpty());
        assertTrue(!response.toJson().contains("id_token"));
    }

    @Test
    void tokenWhenPasswordGrantWithOpenidThenIdTokenAuthenticatedNow() throws Exception {
        TokenResponse response = server.token(basic(OIDC, SECRET), "grant_type", "password", "username", USER,
                "password", PASSWORD, "scope", "openid read");

        JWTClaimsSet claims = verified(response.idToken().orElseThrow()).getJWTClaimsSet();
        assertEquals(server.clock.instant().getEpochSecond(), claims.getLongClaim("auth_time"));
        assertEquals(List.of(OIDC), claims.getAudience());
    }

    @Test
    void tokenWhenRefreshedThenNoIdToken() throws Exception {
        TokenResponse first = codeFlow("openid read", Optional.empty(), server.clock.instant());

        TokenResponse refreshed = server.token(basic(OIDC, SECRET), "grant_type", "refresh_token", "refresh_token",
                first.refreshToken().orElseThrow());

        assertTrue(refreshed.idToken().isEmpty());
    }

    @Test
    void openidConfigurationListsTheAlgorithmThatSignsIdTokens() throws Exception {
        TokenResponse response = codeFlow("openid", Optional.empty(), server.clock.instant());
        String alg = SignedJWT.parse(response.idToken().orElseThrow()).getHeader().getAlgorithm().getName();
        URI userinfo = URI.create(ISSUER + "/oauth2/userinfo");
        ServerEndpoints endpoints = new ServerEndpoints(ISSUER, URI.create(ISSUER + "/oauth2/authorize"),
                URI.create(ISSUER + "/oauth2/token"), URI.create(ISSUER + "/oauth2/jwks"),
                URI.create(ISSUER + "/oauth2/revoke"), URI.create(ISSUER + "/oauth2/introspect"), userinfo,
                URI.create(ISSUER + "/oauth2/register"));
        ServerMetadata openid = new DiscoveryMetadata(endpoints, server.token.supportedGrants(),
                server.keys.keys().stream().map(key -> key.algorithm().name()).distinct().toList()).openid();

        assertTrue(openid.idTokenSigningAlgValuesSupported().contains(alg));
        assertEquals(Optional.of(userinfo), openid.userinfoEndpoint());
    }
}
