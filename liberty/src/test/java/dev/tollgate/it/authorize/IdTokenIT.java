package dev.tollgate.it.authorize;

import static dev.tollgate.it.authorize.Browser.authorizeQuery;
import static dev.tollgate.it.authorize.Browser.location;
import static dev.tollgate.it.authorize.Browser.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.UserSubjects;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ID Token of the authorization code flow (OpenID Connect Core §3.1.3.3), checked as a relying party would. */
class IdTokenIT {

    private static final String TRUSTED = "it-authz-trusted";
    private static final String TRUSTED_CB = "https://trusted.it.tollgate.dev/cb";

    private static Map<String, Object> codeFlow(String scope, String nonce) throws Exception {
        Browser browser = new Browser();
        Instant before = Instant.now().minusSeconds(2);
        HttpResponse<String> callback = browser.startAndLogIn(authorizeQuery("client_id", TRUSTED, "redirect_uri",
                TRUSTED_CB, "scope", scope, "nonce", nonce));
        String code = query(location(callback)).get("code");
        HttpResponse<String> token = browser.post("/oauth2/token", Map.of("grant_type", "authorization_code",
                "client_id", TRUSTED, "code", code, "redirect_uri", TRUSTED_CB, "code_verifier", Browser.VERIFIER));
        assertEquals(200, token.statusCode(), token.body());
        Map<String, Object> body = JSONObjectUtils.parse(token.body());
        assertTrue(Instant.now().getEpochSecond() >= before.getEpochSecond());
        return body;
    }

    @Test
    void tokenWhenOpenidThenIdTokenVerifiesAgainstTheJwksWithNonceAndAtHash() throws Exception {
        Instant start = Instant.now().minusSeconds(5);
        Map<String, Object> response = codeFlow("openid read", "n-it-4711");

        SignedJWT idToken = SignedJWT.parse((String) response.get("id_token"));
        JWKSet jwks = JWKSet.parse(LibertyServer.get("/oauth2/jwks").body());
        JWK key = jwks.getKeyByKeyId(idToken.getHeader().getKeyID());
        assertTrue(idToken.verify(new DefaultJWSVerifierFactory().createJWSVerifier(idToken.getHeader(),
                ((AsymmetricJWK) key).toPublicKey())));
        assertEquals(JOSEObjectType.JWT, idToken.getHeader().getType());
        Map<String, Object> metadata = JSONObjectUtils.parse(LibertyServer.get("/.well-known/openid-configuration")
                .body());
        assertTrue(((List<?>) metadata.get("id_token_signing_alg_values_supported"))
                .contains(idToken.getHeader().getAlgorithm().getName()));

        JWTClaimsSet claims = idToken.getJWTClaimsSet();
        assertEquals(LibertyServer.baseUrl(), claims.getIssuer());
        assertEquals(UserSubjects.of(Browser.USER), claims.getSubject());
        assertEquals(List.of(TRUSTED), claims.getAudience());
        assertEquals("n-it-4711", claims.getStringClaim("nonce"));
        long authTime = claims.getLongClaim("auth_time");
        assertTrue(authTime >= start.getEpochSecond() && authTime <= Instant.now().getEpochSecond());
        assertTrue(claims.getExpirationTime().after(claims.getIssueTime()));
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(((String) response.get("access_token"))
                .getBytes(StandardCharsets.US_ASCII));
        assertEquals(Base64URL.encode(Arrays.copyOf(hash, 16)).toString(), claims.getStringClaim("at_hash"));
    }

    @Test
    void tokenWhenNoOpenidThenNoIdToken() throws Exception {
        assertFalse(codeFlow("read", "n").containsKey("id_token"));
    }
}
