package dev.tollgate.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.testing.HostileToken;
import dev.tollgate.impl.testing.StubServer;
import dev.tollgate.impl.testing.TestClock;
import dev.tollgate.impl.testing.TestConfigs;
import dev.tollgate.impl.testing.TestKeys;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every entry of the hostile-token catalogue, through the verifier configured as the integration-test server is. */
class HostileTokenTest {

    @TempDir
    static Path dir;
    static Path jwksFile;

    @BeforeAll
    static void writeKeys() {
        jwksFile = TestKeys.get().writeTrustedPublicJwks(dir.resolve("jwks.json"));
    }

    private static Verifier verifier(TestClock clock, String... extra) {
        Map<String, String> keys = TestConfigs.itLike(jwksFile, extra);
        return Verifier.create(GateConfig.from(TestConfigs.settings(keys)), GateServices.none(), clock);
    }

    @ParameterizedTest
    @EnumSource(HostileToken.class)
    void everyHostileTokenIsRefusedForItsOwnReason(HostileToken hostile) {
        TestClock clock = TestClock.now();
        Verifier verifier = hostile.needsRequiredType()
                ? verifier(clock, "required-type", "at+jwt") : verifier(clock);

        VerificationResult result = verifier.verify(new Credentials.Bearer(hostile.token(TestKeys.get(),
                clock.instant())));

        Failure failure = assertInstanceOf(Failure.class, result, hostile.name());
        assertEquals(hostile.problem(), failure.problem(), hostile.name());
        assertEquals(hostile.status(), failure.problem().status(), hostile.name());
        assertEquals(hostile.expiredHeader(), failure.problem() == ProblemType.TOKEN_EXPIRED, hostile.name());
    }

    @ParameterizedTest
    @EnumSource(HostileToken.class)
    void everyHostileTokenIsRefusedAgainWhenSentTwice(HostileToken hostile) {
        TestClock clock = TestClock.now();
        Verifier verifier = hostile.needsRequiredType()
                ? verifier(clock, "required-type", "at+jwt") : verifier(clock);
        String token = hostile.token(TestKeys.get(), clock.instant());

        verifier.verify(new Credentials.Bearer(token));
        Failure again = assertInstanceOf(Failure.class, verifier.verify(new Credentials.Bearer(token)));

        assertEquals(hostile.problem(), again.problem(), hostile.name());
    }

    @Test
    void badTypeTokenIsValidWhereNoTypeIsRequired() {
        TestClock clock = TestClock.now();

        VerificationResult result = verifier(clock).verify(new Credentials.Bearer(
                HostileToken.BAD_TYPE.token(TestKeys.get(), clock.instant())));

        assertInstanceOf(VerificationResult.Success.class, result);
    }

    @Test
    void jkuX5uAndEmbeddedJwkAreNeverFollowed() {
        try (StubServer attacker = new StubServer()) {
            attacker.on("/jwks.json", StubServer.Response.json(new com.nimbusds.jose.jwk.JWKSet(
                    TestKeys.get().rogue().toPublicJWK()).toString()));
            TestClock clock = TestClock.now();
            Verifier verifier = verifier(clock);
            URI jku = attacker.uri("/jwks.json");
            String[] tokens = {
                TestTokens.token().key(TestKeys.ROGUE).jku(jku).sign(),
                TestTokens.token().key(TestKeys.ROGUE).x5u(attacker.uri("/cert.pem")).sign(),
                TestTokens.token().key(TestKeys.ROGUE).embeddedJwk(TestKeys.get().rogue()).jku(jku).sign(),
                TestTokens.token().key(TestKeys.ROGUE).withoutKeyId().embeddedJwk(TestKeys.get().rogue()).sign(),
            };
            for (String token : tokens) {
                assertInstanceOf(Failure.class, verifier.verify(new Credentials.Bearer(token)));
            }

            assertEquals(0, attacker.totalHits());
        }
    }
}
