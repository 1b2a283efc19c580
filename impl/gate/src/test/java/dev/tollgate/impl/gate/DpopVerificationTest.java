package dev.tollgate.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.testing.HostileProof;
import dev.tollgate.impl.testing.StubServer;
import dev.tollgate.impl.testing.TestClock;
import dev.tollgate.impl.testing.TestConfigs;
import dev.tollgate.impl.testing.TestKeys;
import dev.tollgate.impl.testing.TestProofs;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import dev.tollgate.impl.verification.VerificationResult.Success;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DPoP at the gate (RFC 9449 §4.3, §6.1, §7), through {@link Verifier}: every rule of the proof, with its own problem
 * type, and the rules between the two schemes (§7.2). Proofs are made by Nimbus with EC P-256 and RSA keys; tokens
 * are signed by the test issuer and bound with {@code cnf.jkt}.
 */
class DpopVerificationTest {

    static final String PATH = "/app/api/items";
    static final String URI = TestProofs.BASE + PATH;

    @TempDir
    static Path dir;
    static Path jwksFile;

    final TestClock clock = TestClock.now();

    @BeforeAll
    static void writeKeys() {
        jwksFile = TestKeys.get().writeTrustedPublicJwks(dir.resolve("jwks.json"));
    }

    Verifier verifier(String... extra) {
        String[] keys = new String[extra.length + 2];
        keys[0] = "external-base-url";
        keys[1] = TestProofs.BASE;
        System.arraycopy(extra, 0, keys, 2, extra.length);
        GateConfig config = GateConfig.from(TestConfigs.settings(TestConfigs.itLike(jwksFile, keys)));
        return Verifier.create(config, GateServices.none(), clock);
    }

    String boundToken(JWK key) {
        return TestTokens.token(TestKeys.get(), clock.instant()).claim("cnf", TestProofs.cnf(key)).sign();
    }

    String unboundToken() {
        return TestTokens.token(TestKeys.get(), clock.instant()).sign();
    }

    static VerificationResult dpop(Verifier verifier, String token, String method, String requestUri,
                                   String... proofs) {
        return verifier.verify(new Credentials.Dpop(token, List.of(proofs)), false, null, method, requestUri);
    }

    static void assertRefused(ProblemType expected, VerificationResult result) {
        assertEquals(expected, assertInstanceOf(Failure.class, result).problem());
    }

    @Test
    void boundTokenWithGoodEcProofIsAdmitted() {
        String token = boundToken(TestProofs.EC);
        String proof = TestProofs.proof(TestProofs.EC, clock.instant()).uri(URI).token(token).sign();

        Success success = assertInstanceOf(Success.class, dpop(verifier(), token, "GET", PATH, proof));

        assertEquals("alice", success.caller().subject());
        assertEquals(TestProofs.thumbprint(TestProofs.EC), success.boundKeyThumbprint());
    }

    @Test
    void boundTokenWithGoodRsaProofIsAdmitted() {
        String token = boundToken(TestProofs.RSA);
        String proof = TestProofs.proof(TestProofs.RSA, clock.instant()).method("POST").uri(URI).token(token).sign();

        assertInstanceOf(Success.class, dpop(verifier(), token, "POST", PATH, proof));
    }

    @Test
    void boundTokenWithGoodEd25519ProofIsAdmitted() {
        JWK ed = TestKeys.get().ed();
        String token = boundToken(ed);
        String proof = TestProofs.proof(ed, clock.instant()).uri(URI).token(token).sign();

        assertInstanceOf(Success.class, dpop(verifier(), token, "GET", PATH, proof));
    }

    @ParameterizedTest
    @EnumSource(HostileProof.class)
    void everyBrokenProofIsRefusedForItsOwnReason(HostileProof broken) {
        String token = boundToken(TestProofs.EC);
        String proof = broken.proof(clock.instant(), "GET", URI, token);

        assertRefused(broken.expected(), dpop(verifier(), token, "GET", PATH, proof));
    }

    @Test
    void replayedProofIsRefusedAfterItsFirstUse() {
        Verifier verifier = verifier();
        String token = boundToken(TestProofs.EC);
        String proof = TestProofs.proof(TestProofs.EC, clock.instant()).uri(URI).token(token).sign();

        assertInstanceOf(Success.class, dpop(verifier, token, "GET", PATH, proof));
        clock.advance(Duration.ofSeconds(10));
        assertRefused(ProblemType.DPOP_PROOF_REPLAYED, dpop(verifier, token, "GET", PATH, proof));
    }

    @Test
    void refusedProofDoesNotBlockTheSameJtiLater() {
        // The replay cache records a proof only when every other check passed.
        Verifier verifier = verifier();
        String token = boundToken(TestProofs.EC);
        String wrongMethod = TestProofs.proof(TestProofs.EC, clock.instant()).jwtId("j-1").method("PUT").uri(URI)
                .token(token).sign();
        String good = TestProofs.proof(TestProofs.EC, clock.instant()).jwtId("j-1").uri(URI).token(token).sign();

        assertRefused(ProblemType.DPOP_PROOF_METHOD, dpop(verifier, token, "GET", PATH, wrongMethod));
        assertInstanceOf(Success.class, dpop(verifier, token, "GET", PATH, good));
    }

    @Test
    void withNoncesOnAProofNeedsTheGatesCurrentNonce() {
        Verifier verifier = verifier("dpop.nonce", "true", "dpop.nonce-lifetime", "60s",
                "dpop.nonce-secret", "a-nonce-secret-shared-by-every-node!");
        String token = boundToken(TestProofs.EC);
        String nonce = verifier.currentDpopNonce().orElseThrow();
        String without = TestProofs.proof(TestProofs.EC, clock.instant()).uri(URI).token(token).sign();
        String forged = TestProofs.proof(TestProofs.EC, clock.instant()).uri(URI).token(token)
                .claim("nonce", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").sign();

        assertRefused(ProblemType.DPOP_NONCE, dpop(verifier, token, "GET", PATH, without));
        assertRefused(ProblemType.DPOP_NONCE, dpop(verifier, token, "GET", PATH, forged));
        assertInstanceOf(Success.class, dpop(verifier, token, "GET", PATH, TestProofs.proof(TestProofs.EC,
                clock.instant()).uri(URI).token(token).claim("nonce", nonce).sign()));

        // accepted in its slot and the next one, then stale
        clock.advance(Duration.ofSeconds(60));
        assertInstanceOf(Success.class, dpop(verifier, token, "GET", PATH, TestProofs.proof(TestProofs.EC,
                clock.instant()).uri(URI).token(token).claim("nonce", nonce).sign()));
        clock.advance(Duration.ofSeconds(60));
        assertRefused(ProblemType.DPOP_NONCE, dpop(verifier, token, "GET", PATH, TestProofs.proof(TestProofs.EC,
                clock.instant()).uri(URI).token(token).claim("nonce", nonce).sign()));
    }

    @Test
    void nodesSharingTheNonceSecretAcceptEachOthersNoncesAndOthersDoNot() {
        String[] shared = {"dpop.nonce", "true", "dpop.nonce-secret", "a-nonce-secret-shared-by-every-node!"};
        String nonce = verifier(shared).currentDpopNonce().orElseThrow();
        String token = boundToken(TestProofs.EC);

        assertInstanceOf(Success.class, dpop(verifier(shared), token, "GET", PATH, TestProofs.proof(TestProofs.EC,
                clock.instant()).uri(URI).token(token).claim("nonce", nonce).sign()));
        assertRefused(ProblemType.DPOP_NONCE, dpop(verifier("dpop.nonce", "true"), token, "GET", PATH,
                TestProofs.proof(TestProofs.EC, clock.instant()).uri(URI).token(token).claim("nonce", nonce).sign()));
        assertTrue(verifier().currentDpopNonce().isEmpty(), "no nonce unless dpop.nonce=true");
    }

    @Test
    void fullReplayCacheRefusesNewProofsWith503RatherThanForgetALiveOne() {
        Verifier verifier = verifier("dpop.replay-cache-size", "100");
        String token = boundToken(TestProofs.EC);
        for (int i = 0; i < 100; i++) {
            String proof = TestProofs.proof(TestProofs.EC, clock.instant()).uri(URI).token(token).sign();
            assertInstanceOf(Success.class, dpop(verifier, token, "GET", PATH, proof));
        }
        String oneMore = TestProofs.proof(TestProofs.EC, clock.instant()).uri(URI).token(token).sign();

        assertInstanceOf(VerificationResult.Unavailable.class, dpop(verifier, token, "GET", PATH, oneMore));
        // once the window (60 s + 2 x 30 s) has passed, the entries expire and there is room again
        clock.advance(Duration.ofSeconds(121));
        String laterToken = boundToken(TestProofs.EC);
        String later = TestProofs.proof(TestProofs.EC, clock.instant()).uri(URI).token(laterToken).sign();
        assertInstanceOf(Success.class, dpop(verifier, laterToken, "GET", PATH, later));
    }

    @Test
    void proofUpToTheMaxAgePlusSkewIsAcceptedAndOlderIsStale() {
        Verifier verifier = verifier("dpop.max-proof-age", "20s", "clock-skew", "5s");
        String token = boundToken(TestProofs.EC);

        String edge = TestProofs.proof(TestProofs.EC, clock.instant().minusSeconds(25)).uri(URI).token(token).sign();
        String over = TestProofs.proof(TestProofs.EC, clock.instant().minusSeconds(26)).uri(URI).token(token).sign();
        String ahead = TestProofs.proof(TestProofs.EC, clock.instant().plusSeconds(5)).uri(URI).token(token).sign();
        String tooFar = TestProofs.proof(TestProofs.EC, clock.instant().plusSeconds(6)).uri(URI).token(token).sign();

        assertInstanceOf(Success.class, dpop(verifier, token, "GET", PATH, edge));
        assertRefused(ProblemType.DPOP_PROOF_STALE, dpop(verifier, token, "GET", PATH, over));
        assertInstanceOf(Success.class, dpop(verifier, token, "GET", PATH, ahead));
        assertRefused(ProblemType.DPOP_PROOF_FUTURE, dpop(verifier, token, "GET", PATH, tooFar));
    }

    @Test
    void htuIgnoresQueryAndFragmentAndComparesNormalisedUris() {
        Verifier verifier = verifier();
        String token = boundToken(TestProofs.EC);

        for (String htu : List.of(URI + "?page=2", URI + "#top", "HTTPS://API.Example.COM:443" + PATH,
                "https://api.example.com/app/./api/items", "https://api.example.com/%61pp/api/items")) {
            String proof = TestProofs.proof(TestProofs.EC, clock.instant()).uri(htu).token(token).sign();
            assertInstanceOf(Success.class, dpop(verifier, token, "GET", PATH, proof), htu);
        }
        String proof = TestProofs.proof(TestProofs.EC, clock.instant()).uri(URI).token(token).sign();
        assertInstanceOf(Success.class, dpop(verifier, token, "GET", "/app/api/%69tems", proof),
                "the request's own path is normalised too");
    }

    @Test
    void externalBaseUrlWithAPathPrefixIsPartOfTheHtu() {
        Verifier verifier = verifier("external-base-url", TestProofs.BASE + "/edge/");
        String token = boundToken(TestProofs.EC);
        String proof = TestProofs.proof(TestProofs.EC, clock.instant()).uri(TestProofs.BASE + "/edge" + PATH)
                .token(token).sign();
        String direct = TestProofs.proof(TestProofs.EC, clock.instant()).uri(URI).token(token).sign();

        assertInstanceOf(Success.class, dpop(verifier, token, "GET", PATH, proof));
        assertRefused(ProblemType.DPOP_PROOF_URI, dpop(verifier, token, "GET", PATH, direct));
    }

    @Test
    void noProofHeaderIsMissingAndTwoAreRefused() {
        Verifier verifier = verifier();
        String token = boundToken(TestProofs.EC);
        String proof = TestProofs.proof(TestProofs.EC, clock.instant()).uri(URI).token(token).sign();

        assertRefused(ProblemType.DPOP_PROOF_MISSING, dpop(verifier, token, "GET", PATH));
        assertRefused(ProblemType.DPOP_PROOF_MISSING, dpop(verifier, token, "GET", PATH, " "));
        assertRefused(ProblemType.DPOP_PROOF_MULTIPLE, dpop(verifier, token, "GET", PATH, proof, proof));
        assertRefused(ProblemType.DPOP_PROOF_MULTIPLE, dpop(verifier, token, "GET", PATH, proof + "," + proof));
    }

    @Test
    void algorithmOffTheConfiguredListIsRefused() {
        Verifier verifier = verifier("dpop.algorithms", "ES256");
        String token = boundToken(TestProofs.RSA);
        String proof = TestProofs.proof(TestProofs.RSA, clock.instant()).uri(URI).token(token).sign();

        assertRefused(ProblemType.DPOP_PROOF_ALGORITHM, dpop(verifier, token, "GET", PATH, proof));
    }

    @Test
    void boundTokenPresentedAsBearerIsRefused() {
        String token = boundToken(TestProofs.EC);

        assertRefused(ProblemType.TOKEN_DPOP_BOUND, verifier().verify(new Credentials.Bearer(token)));
    }

    @Test
    void boundTokenPresentedAsBearerIsRefusedEvenWithDpopOff() {
        GateConfig config = GateConfig.from(TestConfigs.settings(TestConfigs.itLike(jwksFile)));
        Verifier verifier = Verifier.create(config, GateServices.none(), clock);

        assertRefused(ProblemType.TOKEN_DPOP_BOUND, verifier.verify(new Credentials.Bearer(boundToken(TestProofs.EC))));
    }

    @Test
    void unboundTokenWithTheDpopSchemeIsRefused() {
        String token = unboundToken();
        String proof = TestProofs.proof(TestProofs.EC, clock.instant()).uri(URI).token(token).sign();

        assertRefused(ProblemType.TOKEN_NOT_DPOP_BOUND, dpop(verifier(), token, "GET", PATH, proof));
    }

    @Test
    void unboundBearerTokenStillWorks() {
        assertInstanceOf(Success.class, verifier().verify(new Credentials.Bearer(unboundToken())));
    }

    @Test
    void whenDpopIsRequiredABearerTokenIsRefused() {
        assertRefused(ProblemType.DPOP_REQUIRED,
                verifier("dpop.required", "true").verify(new Credentials.Bearer(unboundToken())));
    }

    @Test
    void badTokenWithTheDpopSchemeIsRefusedForTheToken() {
        String token = TestTokens.token(TestKeys.get(), clock.instant()).claim("cnf", TestProofs.cnf(TestProofs.EC))
                .audience("someone-else").sign();
        String proof = TestProofs.proof(TestProofs.EC, clock.instant()).uri(URI).token(token).sign();

        assertRefused(ProblemType.TOKEN_AUDIENCE, dpop(verifier(), token, "GET", PATH, proof));
    }

    @Test
    void cnfThatIsNotAnObjectOrAJktThatIsNotAStringMakesTheTokenUnusable() {
        for (Object cnf : List.of("jkt", Map.of("jkt", 42), Map.of("jkt", ""))) {
            String token = TestTokens.token(TestKeys.get(), clock.instant()).claim("cnf", cnf).sign();
            assertRefused(ProblemType.TOKEN_CLAIMS, verifier().verify(new Credentials.Bearer(token)));
        }
    }

    @Test
    void cnfWithoutJktIsNoDpopBinding() {
        // e.g. an mTLS-bound token (x5t#S256, RFC 8705): not a DPoP binding.
        String token = TestTokens.token(TestKeys.get(), clock.instant())
                .claim("cnf", Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2")).sign();
        assertInstanceOf(Success.class, verifier().verify(new Credentials.Bearer(token)));
    }

    @Test
    void introspectedTokenIsBoundByTheCnfOfTheIntrospectionAnswer() {
        // RFC 9449 §6.2: an opaque token's binding comes from introspection.
        try (StubServer server = new StubServer()) {
            String answer = "{\"active\":true,\"sub\":\"alice\",\"exp\":" + (clock.instant().getEpochSecond() + 600)
                    + ",\"cnf\":{\"jkt\":\"" + TestProofs.thumbprint(TestProofs.EC) + "\"}}";
            server.on("/introspect", StubServer.Response.json(answer));
            GateConfig config = GateConfig.from(TestConfigs.settings(TestConfigs.map(
                    "external-base-url", TestProofs.BASE,
                    "introspection.endpoint", server.uri("/introspect").toString(),
                    "introspection.client-id", "gate", "introspection.client-secret", "s")));
            Verifier verifier = Verifier.create(config, GateServices.none(), clock);
            String token = "2YotnFZFEjr1zCsicMWpAA";

            String good = TestProofs.proof(TestProofs.EC, clock.instant()).uri(URI).token(token).sign();
            String otherKey = TestProofs.proof(TestProofs.RSA, clock.instant()).uri(URI).token(token).sign();

            assertInstanceOf(Success.class, dpop(verifier, token, "GET", PATH, good));
            assertRefused(ProblemType.DPOP_KEY_BINDING, dpop(verifier, token, "GET", PATH, otherKey));
            assertRefused(ProblemType.TOKEN_DPOP_BOUND, verifier.verify(new Credentials.Bearer(token)));
        }
    }

    @Test
    void cachedBoundTokenStillNeedsAFreshProofEachTime() {
        Verifier verifier = verifier();
        String token = boundToken(TestProofs.EC);
        String first = TestProofs.proof(TestProofs.EC, clock.instant()).uri(URI).token(token).sign();

        assertInstanceOf(Success.class, dpop(verifier, token, "GET", PATH, first));
        assertTrue(dpop(verifier, token, "GET", PATH, first) instanceof Failure, "the same proof twice");
        assertRefused(ProblemType.TOKEN_DPOP_BOUND, verifier.verify(new Credentials.Bearer(token)));
    }
}
