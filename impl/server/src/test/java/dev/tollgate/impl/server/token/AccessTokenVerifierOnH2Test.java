package dev.tollgate.impl.server.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.impl.server.grant.ServerOnH2Test;
import dev.tollgate.impl.server.key.KeySettings;
import java.text.ParseException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The server's recognition of its own access tokens (introspection, revocation, userinfo), with the verifiers it keeps
 * per published key: the key's own algorithm is still required of every token, and a rotation is followed.
 */
class AccessTokenVerifierOnH2Test extends ServerOnH2Test {

    @Test
    void verifyWhenOwnTokenThenItsClaimsEveryTime() {
        String token = server.login().accessToken();

        Optional<AccessTokenVerifier.Verified> first = server.verifier.verify(token);
        Optional<AccessTokenVerifier.Verified> again = server.verifier.verify(token);

        assertTrue(first.isPresent());
        assertEquals(first.get().jti(), again.orElseThrow().jti());
    }

    @Test
    void verifyWhenSignedByThePublishedKeyWithAnotherAlgorithmThenRefusedAlsoOnceItsVerifierIsKept()
            throws Exception {
        String token = server.login().accessToken();
        String ps256 = resign(token, JWSAlgorithm.PS256, token(token).getHeader().getKeyID());

        assertTrue(server.verifier.verifySignature(ps256).isEmpty(), "before the key's verifier is made");
        assertTrue(server.verifier.verify(token).isPresent());
        assertTrue(server.verifier.verifySignature(ps256).isEmpty(), "after the key's verifier is kept");
    }

    @Test
    void verifyWhenUnknownKidOrTamperedThenEmpty() throws Exception {
        String token = server.login().accessToken();
        String kid = token(token).getHeader().getKeyID();

        assertTrue(server.verifier.verifySignature(resign(token, JWSAlgorithm.RS256, kid + "-other")).isEmpty());
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertTrue(server.verifier.verifySignature(tampered).isEmpty());
        assertTrue(server.verifier.verifySignature(token + ".x").isEmpty());
        assertTrue(server.verifier.verify(token).isPresent());
    }

    @Test
    void verifyAfterRotationThenTokensOfTheNewAndTheOldKey() throws Exception {
        String old = server.login().accessToken();
        assertTrue(server.verifier.verify(old).isPresent());

        server.clock.advance(KeySettings.defaults().rotationPeriod());
        server.keys.refresh();
        server.clock.advance(KeySettings.defaults().publishAhead());
        String renewed = server.login().accessToken();

        assertNotEquals(token(old).getHeader().getKeyID(), token(renewed).getHeader().getKeyID());
        assertTrue(server.verifier.verify(renewed).isPresent(), "signed by the new key");
        assertTrue(server.verifier.verifySignature(old).isPresent(), "the old key is still published");
    }

    private static SignedJWT token(String compact) throws ParseException {
        return SignedJWT.parse(compact);
    }

    /** The token's claims signed by the server's own private key, under another algorithm or kid. */
    private String resign(String token, JWSAlgorithm algorithm, String kid) throws ParseException, JOSEException {
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid)
                .type(TokenIssuer.AT_JWT).build(), token(token).getJWTClaimsSet());
        forged.sign(new RSASSASigner((RSAKey) server.keys.signingKey()));
        return forged.serialize();
    }
}
