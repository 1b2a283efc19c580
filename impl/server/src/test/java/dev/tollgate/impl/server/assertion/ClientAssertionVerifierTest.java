package dev.tollgate.impl.server.assertion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.impl.server.assertion.ClientAssertionVerifier.Failure;
import dev.tollgate.impl.server.assertion.ClientAssertionVerifier.Result;
import dev.tollgate.impl.server.store.ClientId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every rule of {@link ClientAssertionVerifier}, each broken alone from a valid assertion (STYLE 14: a catalogue of
 * broken tokens), with the exact {@link Failure} it must give.
 */
class ClientAssertionVerifierTest {

    static final String ISSUER = "https://as.example.com";
    static final ClientId CLIENT = new ClientId("key-client");
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    static final ECKey EC_KEY = generateEc("ec-1");
    static final ECKey OTHER_CLIENT_KEY = generateEc("ec-1");
    static final RSAKey RSA_KEY = generateRsa();

    private final Set<String> ledger = new HashSet<>();
    private final ClientAssertionVerifier verifier = new ClientAssertionVerifier(ClientAssertionSettings.defaults(),
            (client, jti, expiresAt) -> ledger.add(client.value() + " " + jti), Clock.fixed(NOW, ZoneOffset.UTC));
    private final JWKSet registered = new JWKSet(List.of(EC_KEY.toPublicJWK(), RSA_KEY.toPublicJWK()));

    /** Each case breaks one rule of a valid ES256 assertion. */
    enum Broken {
        WRONG_AUDIENCE(Failure.WRONG_AUDIENCE, a -> a.claims(c -> c.audience("https://other.example.com"))),
        TOKEN_ENDPOINT_AUDIENCE(Failure.WRONG_AUDIENCE, a -> a.claims(c -> c.audience(ISSUER + "/oauth2/token"))),
        NO_AUDIENCE(Failure.WRONG_AUDIENCE, a -> a.claims(c -> c.audience((String) null))),
        EXPIRED(Failure.EXPIRED, a -> a.claims(c -> c.expirationTime(at(NOW.minusSeconds(31))))),
        EXP_TOO_FAR(Failure.EXPIRY_TOO_FAR, a -> a.claims(c -> c.expirationTime(at(NOW.plus(Duration.ofMinutes(6)))))),
        NO_EXP(Failure.MISSING_EXPIRY, a -> a.claims(c -> c.expirationTime(null))),
        NOT_YET_VALID(Failure.NOT_YET_VALID, a -> a.claims(c -> c.notBeforeTime(at(NOW.plusSeconds(120))))),
        ISSUED_IN_FUTURE(Failure.ISSUED_IN_FUTURE, a -> a.claims(c -> c.issueTime(at(NOW.plusSeconds(120))))),
        NO_JTI(Failure.MISSING_JTI, a -> a.claims(c -> c.jwtID(null))),
        BLANK_JTI(Failure.MISSING_JTI, a -> a.claims(c -> c.jwtID(" "))),
        LONG_JTI(Failure.MISSING_JTI, a -> a.claims(c -> c.jwtID("j".repeat(257)))),
        WRONG_ISSUER(Failure.WRONG_ISSUER, a -> a.claims(c -> c.issuer("other-client"))),
        WRONG_SUBJECT(Failure.WRONG_SUBJECT, a -> a.claims(c -> c.subject("other-client"))),
        UNKNOWN_KID(Failure.UNKNOWN_KEY, a -> a.kid("no-such-key")),
        KEY_OF_ANOTHER_CLIENT(Failure.BAD_SIGNATURE, a -> a.signWith(OTHER_CLIENT_KEY)),
        HMAC(Failure.ALGORITHM_NOT_ALLOWED, a -> a.hmac()),
        ALG_NONE(Failure.ALGORITHM_NOT_ALLOWED, a -> a.unsecured()),
        NOT_A_JWT(Failure.MALFORMED, a -> a.raw("not.a.jwt")),
        TOO_LONG(Failure.MALFORMED, a -> a.raw("e".repeat(9000))),
        TAMPERED(Failure.BAD_SIGNATURE, a -> a.tampered());

        final Failure failure;
        final UnaryOperator<AssertionBuilder> breaker;

        Broken(Failure failure, UnaryOperator<AssertionBuilder> breaker) {
            this.failure = failure;
            this.breaker = breaker;
        }
    }

    @Test
    void verifyWhenValidEcAssertionThenAccepted() {
        assertTrue(verifier.verify(CLIENT, new AssertionBuilder().build(), registered, ISSUER).accepted());
    }

    @Test
    void verifyWhenValidRsaAssertionWithoutKidThenAccepted() {
        String assertion = new AssertionBuilder().signWith(RSA_KEY).kid(null).build();
        assertTrue(verifier.verify(CLIENT, assertion, registered, ISSUER).accepted());
    }

    @Test
    void verifyWhenAudienceIsArrayHoldingIssuerThenAccepted() {
        String assertion = new AssertionBuilder().claims(c -> c.audience(List.of(ISSUER, "https://x.example"))).build();
        assertTrue(verifier.verify(CLIENT, assertion, registered, ISSUER).accepted());
    }

    @ParameterizedTest
    @EnumSource(Broken.class)
    void verifyWhenBrokenThenRefusedWithItsReason(Broken broken) {
        String assertion = broken.breaker.apply(new AssertionBuilder()).build();
        assertEquals(new Result.Refused(broken.failure), verifier.verify(CLIENT, assertion, registered, ISSUER));
    }

    @Test
    void verifyWhenJtiReplayedThenRefused() {
        String assertion = new AssertionBuilder().build();
        assertTrue(verifier.verify(CLIENT, assertion, registered, ISSUER).accepted());
        assertEquals(new Result.Refused(Failure.REPLAYED_JTI), verifier.verify(CLIENT, assertion, registered, ISSUER));
    }

    @Test
    void verifyWhenRefusedBeforeJtiThenJtiNotRecorded() {
        String assertion = new AssertionBuilder().claims(c -> c.audience("https://other.example.com")).build();
        assertFalse(verifier.verify(CLIENT, assertion, registered, ISSUER).accepted());
        assertTrue(ledger.isEmpty(), "only a valid assertion's jti is recorded");
    }

    @Test
    void verifyWhenAlgorithmNotInAllowListThenRefused() {
        ClientAssertionVerifier esOnly = new ClientAssertionVerifier(new ClientAssertionSettings(
                Duration.ofMinutes(5), Duration.ofSeconds(30), Set.of(JWSAlgorithm.ES256), Set.of()),
                (client, jti, exp) -> true, Clock.fixed(NOW, ZoneOffset.UTC));
        String rsa = new AssertionBuilder().signWith(RSA_KEY).build();
        assertEquals(new Result.Refused(Failure.ALGORITHM_NOT_ALLOWED), esOnly.verify(CLIENT, rsa, registered,
                ISSUER));
    }

    @Test
    void claimedClientWhenAssertionThenItsSubject() {
        assertEquals("key-client", ClientAssertionVerifier.claimedClient(new AssertionBuilder().build()).orElseThrow());
        assertTrue(ClientAssertionVerifier.claimedClient("junk").isEmpty());
    }

    // ---- building assertions ------------------------------------------------------------------------------

    static Date at(Instant instant) {
        return Date.from(instant);
    }

    static ECKey generateEc(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey generateRsa() {
        try {
            return new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid assertion of {@link #CLIENT} for {@link #ISSUER} at {@link #NOW}, unless told otherwise. */
    static final class AssertionBuilder {
        private JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(CLIENT.value()).subject(CLIENT.value()).audience(ISSUER)
                .issueTime(at(NOW)).expirationTime(at(NOW.plusSeconds(60))).jwtID("jti-" + System.nanoTime());
        private Object key = EC_KEY;
        private String kid = "ec-1";
        private String mode = "signed";
        private String raw;

        AssertionBuilder claims(UnaryOperator<JWTClaimsSet.Builder> change) {
            claims = change.apply(claims);
            return this;
        }

        AssertionBuilder kid(String kid) {
            this.kid = kid;
            return this;
        }

        AssertionBuilder signWith(Object key) {
            this.key = key;
            if (key instanceof RSAKey rsa) {
                kid = rsa.getKeyID();
            }
            return this;
        }

        AssertionBuilder hmac() {
            mode = "hmac";
            return this;
        }

        AssertionBuilder unsecured() {
            mode = "none";
            return this;
        }

        AssertionBuilder tampered() {
            mode = "tampered";
            return this;
        }

        AssertionBuilder raw(String raw) {
            this.raw = raw;
            return this;
        }

        String build() {
            if (raw != null) {
                return raw;
            }
            try {
                JWTClaimsSet set = claims.build();
                if (mode.equals("none")) {
                    return new PlainJWT(set).serialize();
                }
                if (mode.equals("hmac")) {
                    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), set);
                    jwt.sign(new MACSigner("0123456789abcdef0123456789abcdef")); // a secret the server knows
                    return jwt.serialize();
                }
                JWSAlgorithm alg = key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(),
                        set);
                jwt.sign(key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key));
                String serialized = jwt.serialize();
                if (mode.equals("tampered")) {
                    String[] parts = serialized.split("\\.");
                    JWTClaimsSet other = new JWTClaimsSet.Builder(set).claim("scope", "admin").build();
                    return parts[0] + "." + com.nimbusds.jose.util.Base64URL.encode(other.toString()) + "." + parts[2];
                }
                return serialized;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
