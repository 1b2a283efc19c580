package dev.tollgate.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.api.client.AccessToken;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9449 §4.2: the proof's header and claims. */
class DpopProofsTest {

    private final MutableClock clock = new MutableClock();
    private final DpopProofs proofs = new DpopProofs(SigningKey.generatedP256(), clock, new SecureRandom());

    static SignedJWT parse(String proof) throws Exception {
        return SignedJWT.parse(proof);
    }

    @Test
    void proofHeaderIsDpopJwtWithThePublicKeyOnlyAndVerifies() throws Exception {
        SignedJWT jwt = parse(proofs.proof("POST", URI.create("https://as.example/token"), (String) null));

        assertEquals("dpop+jwt", jwt.getHeader().getType().getType());
        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        ECKey jwk = (ECKey) jwt.getHeader().getJWK();
        assertFalse(jwk.isPrivate());
        assertTrue(jwt.verify(new ECDSAVerifier(jwk)));
        assertEquals(proofs.thumbprint(), jwk.computeThumbprint().toString());
    }

    @Test
    void tokenRequestProofHasJtiHtmHtuIatAndNoAth() throws Exception {
        JWTClaimsSet claims = parse(proofs.proof("post", URI.create("https://as.example/token"), (String) null))
                .getJWTClaimsSet();

        assertEquals("POST", claims.getStringClaim("htm"));
        assertEquals("https://as.example/token", claims.getStringClaim("htu"));
        assertEquals(Instant.ofEpochSecond(clock.instant().getEpochSecond()), claims.getIssueTime().toInstant());
        assertTrue(claims.getJWTID().length() >= 22);
        assertNull(claims.getClaim("ath"));
        assertNull(claims.getClaim("nonce"));
    }

    @Test
    void resourceProofCarriesTheTokensHash() throws Exception {
        AccessToken token = new AccessToken("the-access-token", "DPoP", Optional.empty(), null);
        JWTClaimsSet claims = parse(proofs.proof("GET", URI.create("https://api.example/x"), token))
                .getJWTClaimsSet();

        byte[] sha = MessageDigest.getInstance("SHA-256")
                .digest("the-access-token".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Base64URL.encode(sha).toString(), claims.getStringClaim("ath"));
    }

    @Test
    void everyProofHasItsOwnJti() throws Exception {
        URI uri = URI.create("https://api.example/x");
        assertNotEquals(parse(proofs.proof("GET", uri, (String) null)).getJWTClaimsSet().getJWTID(),
                parse(proofs.proof("GET", uri, (String) null)).getJWTClaimsSet().getJWTID());
    }

    @ParameterizedTest
    @CsvSource({
        "https://api.example/orders?id=1#top, https://api.example/orders",
        "HTTPS://API.Example:443/orders, https://api.example/orders",
        "http://api.example:80, http://api.example/",
        "http://127.0.0.1:8080/a/b?c, http://127.0.0.1:8080/a/b",
        "https://[::1]:8443/x, https://[::1]:8443/x",
    })
    void htuHasNoQueryNorFragmentAndNoDefaultPort(String target, String htu) {
        assertEquals(htu, DpopProofs.htu(URI.create(target)));
    }

    @Test
    void noncesAreKeptPerOrigin() throws Exception {
        URI as = URI.create("https://as.example/token");
        URI api = URI.create("https://api.example/orders");
        proofs.rememberNonce(as, "as-nonce");
        proofs.rememberNonce(URI.create("https://api.example:443/other?q"), "api-nonce");

        assertEquals("as-nonce", parse(proofs.proof("POST", as, (String) null)).getJWTClaimsSet()
                .getStringClaim("nonce"));
        assertEquals("api-nonce", parse(proofs.proof("GET", api, (String) null)).getJWTClaimsSet()
                .getStringClaim("nonce"));
        assertNull(parse(proofs.proof("GET", URI.create("https://api.example:8443/"), (String) null))
                .getJWTClaimsSet().getClaim("nonce"));

        proofs.rememberNonce(api, "newer");
        assertEquals(Optional.of("newer"), proofs.nonce(api));
    }

    @Test
    void nonceThatIsNotNqcharIsIgnored() {
        URI api = URI.create("https://api.example/");
        proofs.rememberNonce(api, "bad \"nonce\"");
        assertEquals(Optional.empty(), proofs.nonce(api));
    }
}
