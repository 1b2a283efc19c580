package dev.tollgate.impl.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.gate.GateConfig;
import dev.tollgate.impl.testing.TestClock;
import dev.tollgate.impl.testing.TestConfigs;
import dev.tollgate.impl.testing.TestKeys;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.impl.verification.CallerMapper;
import dev.tollgate.impl.verification.ClaimMapping;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import dev.tollgate.impl.verification.VerificationResult.Success;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtVerifierTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-hs256";

    @TempDir
    static Path dir;
    static Path jwksFile;

    final TestClock clock = TestClock.now();
    final Instant now = clock.instant();

    @BeforeAll
    static void writeKeys() {
        jwksFile = TestKeys.get().writeTrustedPublicJwks(dir.resolve("jwks.json"));
    }

    JwtVerifier verifier(String... extra) {
        GateConfig config = GateConfig.from(TestConfigs.settings(TestConfigs.itLike(jwksFile, extra)));
        JwtConfig jwt = config.jwt().orElseThrow();
        return new JwtVerifier(jwt, KeySources.create(jwt, clock), new CallerMapper(config.claims()), clock);
    }

    TestTokens.Builder token() {
        return TestTokens.token(TestKeys.get(), now);
    }

    static ProblemType problemOf(VerificationResult result) {
        return assertInstanceOf(Failure.class, result).problem();
    }

    @ParameterizedTest
    @ValueSource(strings = {TestKeys.RSA, TestKeys.PS, TestKeys.EC, TestKeys.ED})
    void tokenSignedWithEachTrustedKeyIsAccepted(String kid) {
        VerificationResult result = verifier().verify(token().key(kid).sign());

        assertEquals("alice", assertInstanceOf(Success.class, result).caller().subject());
    }

    @Test
    void callerCarriesSubjectClientScopesRolesKindAndExpiry() {
        Instant exp = now.plus(Duration.ofMinutes(3));
        String token = token().subject("svc-42").clientId("billing").scope("read write").roles("admin")
                .groups("ops").expiresAt(exp).jwtId("jti-1").sign();

        Success success = assertInstanceOf(Success.class, verifier().verify(token));
        Caller caller = success.caller();

        assertEquals("svc-42", caller.subject());
        assertEquals("billing", caller.clientId().orElseThrow());
        assertEquals(Set.of("read", "write"), caller.scopes());
        assertEquals(Set.of("admin", "ops"), caller.roles(), "scopes are not roles by default");
        assertEquals(CredentialKind.JWT, caller.credentialKind());
        assertEquals(exp, caller.expiresAt().orElseThrow());
        assertEquals("jti-1", success.tokenId());
    }

    @Test
    void rolesComeOnlyFromTheConfiguredClaims() {
        String token = token().scope("read").roles("admin").claim("permissions", "a b  c").sign();

        Caller caller = assertInstanceOf(Success.class, verifier("roles-claims", "permissions").verify(token))
                .caller();

        assertEquals(Set.of("a", "b", "c"), caller.roles());
    }

    @Test
    void nestedValuesInRolesClaimsAreIgnored() {
        String token = token().claim("roles", List.of("admin", List.of("nested"), 7)).sign();

        Caller caller = assertInstanceOf(Success.class, verifier().verify(token)).caller();

        assertEquals(Set.of("admin"), caller.roles());
    }

    @Test
    void azpAndScpStandInForClientIdAndScope() {
        String token = token().without("client_id").claim("azp", "spa").without("scope")
                .claim("scp", List.of("a", "b")).sign();

        Caller caller = assertInstanceOf(Success.class, verifier().verify(token)).caller();

        assertEquals("spa", caller.clientId().orElseThrow());
        assertEquals(Set.of("a", "b"), caller.scopes());
    }

    @Test
    void tokenWithoutKidIsCheckedAgainstEveryKeyOfItsType() {
        assertInstanceOf(Success.class, verifier().verify(token().withoutKeyId().sign()));
    }

    @Test
    void expiredTokenIsRejectedAsExpired() {
        assertEquals(ProblemType.TOKEN_EXPIRED, problemOf(verifier().verify(token().expiresIn(Duration.ofSeconds(-31))
                .sign())));
    }

    @Test
    void tokenExpiredWithinTheClockSkewIsAccepted() {
        assertInstanceOf(Success.class, verifier().verify(token().expiresIn(Duration.ofSeconds(-29)).sign()));
    }

    @Test
    void tokenWithoutExpIsRejectedForItsClaims() {
        assertEquals(ProblemType.TOKEN_CLAIMS, problemOf(verifier().verify(token().without("exp").sign())));
    }

    @Test
    void tokenWithoutSubIsRejectedForItsClaims() {
        assertEquals(ProblemType.TOKEN_CLAIMS, problemOf(verifier().verify(token().without("sub").sign())));
    }

    @Test
    void tokenWithBlankSubIsRejectedForItsClaims() {
        assertEquals(ProblemType.TOKEN_CLAIMS, problemOf(verifier().verify(token().subject(" ").sign())));
    }

    @Test
    void expOfTheWrongTypeIsMalformed() {
        assertEquals(ProblemType.TOKEN_MALFORMED, problemOf(verifier().verify(token().claim("exp", "tomorrow")
                .sign())));
    }

    @Test
    void notBeforeInTheFutureIsNotYetValid() {
        assertEquals(ProblemType.TOKEN_NOT_YET_VALID, problemOf(verifier().verify(
                token().notBefore(now.plusSeconds(31)).sign())));
    }

    @Test
    void notBeforeWithinTheClockSkewIsAccepted() {
        assertInstanceOf(Success.class, verifier().verify(token().notBefore(now.plusSeconds(29)).sign()));
    }

    @Test
    void issuedAtTooFarInTheFutureIsNotYetValid() {
        assertEquals(ProblemType.TOKEN_NOT_YET_VALID, problemOf(verifier().verify(
                token().issuedAt(now.plusSeconds(120)).expiresIn(Duration.ofMinutes(10)).sign())));
    }

    @Test
    void wrongIssuerIsRejected() {
        assertEquals(ProblemType.TOKEN_ISSUER, problemOf(verifier().verify(token().issuer("https://x.example")
                .sign())));
    }

    @Test
    void missingIssuerIsRejectedWhenAnIssuerIsConfigured() {
        assertEquals(ProblemType.TOKEN_ISSUER, problemOf(verifier().verify(token().without("iss").sign())));
    }

    @Test
    void wrongIssuerIsReportedBeforeExpiry() {
        assertEquals(ProblemType.TOKEN_ISSUER, problemOf(verifier().verify(
                token().issuer("https://x.example").expiresIn(Duration.ofMinutes(-10)).sign())));
    }

    @Test
    void audienceListContainingAnAcceptedValueIsAccepted() {
        assertInstanceOf(Success.class, verifier().verify(token().audience("other", TestTokens.AUDIENCE).sign()));
    }

    @Test
    void audienceWithoutAnAcceptedValueIsRejected() {
        assertEquals(ProblemType.TOKEN_AUDIENCE, problemOf(verifier().verify(token().audience("a", "b").sign())));
    }

    @Test
    void missingAudienceIsRejectedWhenAnAudienceIsConfigured() {
        assertEquals(ProblemType.TOKEN_AUDIENCE, problemOf(verifier().verify(token().without("aud").sign())));
    }

    @Test
    void anyAudienceIsAcceptedWhenNoneIsConfigured() {
        GateConfig config = GateConfig.from(TestConfigs.settings("jwks-file", jwksFile.toString()));
        JwtConfig jwt = config.jwt().orElseThrow();
        JwtVerifier verifier = new JwtVerifier(jwt, KeySources.create(jwt, clock), new CallerMapper(ClaimMapping.defaults()), clock);

        assertInstanceOf(Success.class, verifier.verify(token().audience("whatever").issuer("any").sign()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "AT+JWT", "application/at+jwt", "Application/At+JWT"})
    void requiredTypeMatchesCaseInsensitivelyWithOrWithoutApplicationPrefix(String typ) {
        assertInstanceOf(Success.class, verifier("required-type", "at+jwt").verify(token().type(typ).sign()));
    }

    @Test
    void requiredTypeConfiguredWithApplicationPrefixStillMatches() {
        assertInstanceOf(Success.class, verifier("required-type", "application/at+jwt")
                .verify(token().type("at+jwt").sign()));
    }

    @Test
    void missingTypeIsRejectedWhenATypeIsRequired() {
        assertEquals(ProblemType.TOKEN_TYPE, problemOf(verifier("required-type", "at+jwt").verify(token().sign())));
    }

    @Test
    void anyTypeIsAcceptedWhenNoneIsRequired() {
        assertInstanceOf(Success.class, verifier().verify(token().type("at+jwt").sign()));
        assertInstanceOf(Success.class, verifier().verify(token().type("JWT").sign()));
    }

    @Test
    void algorithmOutsideTheAllowListIsRejected() {
        assertEquals(ProblemType.TOKEN_ALGORITHM, problemOf(verifier("algorithms", "ES256").verify(token().sign())));
    }

    @Test
    void algNoneIsRejectedForItsAlgorithmEvenWithASignaturePart() {
        String valid = token().sign();
        String none = com.nimbusds.jose.util.Base64URL.encode("{\"alg\":\"none\"}") + valid.substring(
                valid.indexOf('.'));

        assertEquals(ProblemType.TOKEN_ALGORITHM, problemOf(verifier().verify(none)));
    }

    @Test
    void hs256IsAcceptedWithTheConfiguredSecret() throws JOSEException {
        String token = token().algorithm(JWSAlgorithm.HS256).signer(new MACSigner(SECRET)).sign();

        assertInstanceOf(Success.class, verifier("hmac-secret", SECRET).verify(token));
    }

    @Test
    void hs256WithAnotherSecretHasABadSignature() throws JOSEException {
        String token = token().algorithm(JWSAlgorithm.HS256)
                .signer(new MACSigner("another-secret-another-secret-another")).sign();

        assertEquals(ProblemType.TOKEN_SIGNATURE, problemOf(verifier("hmac-secret", SECRET).verify(token)));
    }

    @Test
    void hs256IsRejectedWithoutAConfiguredSecret() throws JOSEException {
        String token = token().algorithm(JWSAlgorithm.HS256).signer(new MACSigner(SECRET)).sign();

        assertEquals(ProblemType.TOKEN_ALGORITHM, problemOf(verifier().verify(token)));
    }

    @Test
    void hs512IsRejectedEvenWithAConfiguredSecret() throws JOSEException {
        String token = token().algorithm(JWSAlgorithm.HS512).signer(new MACSigner(SECRET + SECRET)).sign();

        assertEquals(ProblemType.TOKEN_ALGORITHM, problemOf(verifier("hmac-secret", SECRET).verify(token)));
    }

    @Test
    void keyWhoseAlgDiffersFromTheTokensIsNotUsed() {
        // test-ps-1 declares alg PS256; an RS256 token under its kid finds no key.
        String token = token().key(TestKeys.PS).algorithm(JWSAlgorithm.RS256).sign();

        assertEquals(ProblemType.TOKEN_UNKNOWN_KEY, problemOf(verifier().verify(token)));
    }

    @Test
    void kidOfAKeyOfAnotherTypeIsAnUnknownKey() {
        String token = token().keyId(TestKeys.EC).algorithm(JWSAlgorithm.RS256)
                .signer(TestKeys.get().signer(TestKeys.RSA)).sign();

        assertEquals(ProblemType.TOKEN_UNKNOWN_KEY, problemOf(verifier().verify(token)));
    }

    @Test
    void tamperedEdDsaSignatureIsRejected() {
        String token = token().key(TestKeys.ED).sign();
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);

        assertEquals(ProblemType.TOKEN_SIGNATURE, problemOf(verifier().verify(tampered)));
    }

    @Test
    void unknownCriticalHeaderIsRejected() {
        String token = token().critical("x-unknown").header("x-unknown", "1").sign();

        assertEquals(ProblemType.TOKEN_SIGNATURE, problemOf(verifier().verify(token)));
    }

    @Test
    void payloadThatIsNotAJsonObjectIsMalformed() throws JOSEException {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestKeys.RSA).build(),
                new Payload("[1,2,3]"));
        jws.sign(TestKeys.get().signer(TestKeys.RSA));

        assertEquals(ProblemType.TOKEN_MALFORMED, problemOf(verifier().verify(jws.serialize())));
    }

    @Test
    void deeplyNestedHeaderIsMalformedNotAnError() {
        String header = com.nimbusds.jose.util.Base64URL.encode("{\"alg\":\"RS256\",\"x\":" + "[".repeat(5000)
                + "]".repeat(5000) + "}").toString();

        assertEquals(ProblemType.TOKEN_MALFORMED, problemOf(verifier().verify(header + ".e30.AAAA")));
    }
}
