package dev.tollgate.impl.gate;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.impl.jwt.LocalIssuer;
import dev.tollgate.impl.testing.TestConfigs;
import dev.tollgate.impl.testing.TestKeys;
import dev.tollgate.impl.verification.VerificationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Fuzzes how the gate routes a JWT by its JOSE header and unverified claims ({@code alg}, {@code kid}, {@code typ},
 * {@code iss}, {@code jku}, {@code crit}, ...) to a verifier, and that verifier: {@link Verifier#verify} with a
 * Bearer token, as the filter calls it. The gate trusts three issuers and knows a local one:
 * <ul>
 *   <li>the test issuer, with the trusted test keys (RS256, PS256, ES256, EdDSA) from a JWK set file;</li>
 *   <li>an HS256 issuer ({@code hmac-secret});</li>
 *   <li>the application's own server ({@link LocalIssuer}, the rogue test key, {@code typ at+jwt}).</li>
 * </ul>
 *
 * <p>The input is either a token as sent (one line), or three lines: the JOSE header and the claims as JSON, which
 * the target base64url-encodes, and the signature part as is. The second form lets the fuzzer mutate the JSON
 * rather than its base64url. The clock is fixed, so that the signed seeds stay valid.
 *
 * <p>Property: every token ends as a success or a documented failure, never an exception; the verifiers' defensive
 * catch-all ({@code unexpected ... while parsing}) is reached only for what Nimbus's parser itself throws, never
 * for an exception of ours, which it would hide as a malformed token; no log line quotes the token. Seeds:
 * {@code JwtRoutingFuzzTestInputs/verify/}.
 */
class JwtRoutingFuzzTest {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final String LOCAL = "https://auth.local.example";
    static final String HMAC_ISSUER = "https://hmac.example";
    static final String HMAC_SECRET = "fuzzing-hmac-secret-of-32-bytes!";

    private static final Verifier VERIFIER = verifier();
    private static final Logger TOLLGATE = Logger.getLogger("dev.tollgate");
    private static final List<String> LOGGED = new ArrayList<>();

    static {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                LOGGED.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.FINE);
        TOLLGATE.setLevel(Level.FINE);
        TOLLGATE.addHandler(handler);
    }

    @FuzzTest(maxDuration = "2s")
    @DictionaryEntries({"\"alg\":", "\"kid\":", "\"typ\":", "\"iss\":", "\"aud\":", "\"exp\":", "\"crit\":",
            "\"jku\":", "\"x5u\":", "\"jwk\":", "\"b64\":", "\"none\"", "\"RS256\"", "\"PS256\"", "\"ES256\"",
            "\"EdDSA\"", "\"HS256\"", "\"at+jwt\"", "\"test-rsa-1\"", "\"test-ec-1\"", "\"rogue-rsa-1\"",
            "\"https://issuer.test.tollgate.dev\"", "\"https://hmac.example\"", "\"https://auth.local.example\"",
            "eyJ", "."})
    void verify(byte[] input) {
        String token = token(input);
        LOGGED.clear();

        VerificationResult result = VERIFIER.verify(new Credentials.Bearer(token));

        assertNotNull(result);
        if (result instanceof VerificationResult.Failure failure) {
            assertNotNull(failure.problem());
        } else if (!(result instanceof VerificationResult.Success)) {
            fail("no key source here can be unavailable: " + result);
        }
        for (String message : LOGGED) {
            assertTrue(message == null || !isCatchAll(message) || nimbusParserFails(token),
                    message + ", and not in Nimbus's parser");
            assertTrue(message == null || token.length() < 16 || !message.contains(token),
                    "a log line quotes the token");
        }
    }

    /**
     * Whether a log line is the verifiers' catch-all ({@code Token refused: unexpected X while parsing}). Matched by
     * its shape, not by the word alone: other lines quote the token's {@code iss}, which the fuzzer can make say
     * "unexpected".
     */
    private static boolean isCatchAll(String message) {
        return message.matches("Token refused: unexpected \\w+ while parsing");
    }

    /**
     * Whether Nimbus's own parser ends in an undeclared exception for this token (e.g. a NullPointerException for a
     * JOSE header that is JSON {@code null}): the case the verifiers' catch-all is for.
     */
    private static boolean nimbusParserFails(String token) {
        try {
            SignedJWT.parse(token).getJWTClaimsSet();
            return false;
        } catch (ParseException e) {
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            return true;
        }
    }

    /** One line: the token as is. Three lines: header JSON, claims JSON (base64url-encoded here), signature. */
    static String token(byte[] input) {
        int first = indexOf(input, 0);
        if (first < 0) {
            return new String(input, StandardCharsets.ISO_8859_1);
        }
        int second = indexOf(input, first + 1);
        byte[] header = Arrays.copyOfRange(input, 0, first);
        byte[] claims = Arrays.copyOfRange(input, first + 1, second < 0 ? input.length : second);
        String signature = second < 0 ? "" : new String(input, second + 1, input.length - second - 1,
                StandardCharsets.ISO_8859_1);
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        return base64url.encodeToString(header) + "." + base64url.encodeToString(claims) + "." + signature;
    }

    private static int indexOf(byte[] input, int from) {
        for (int i = from; i < input.length; i++) {
            if (input[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static Verifier verifier() {
        Path jwks;
        try {
            Path dir = Files.createTempDirectory("tollgate-fuzz");
            dir.toFile().deleteOnExit();
            jwks = TestKeys.get().writeTrustedPublicJwks(dir.resolve("jwks.json"));
            jwks.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = TestConfigs.itLike(jwks,
                "issuers.h.issuer", HMAC_ISSUER, "issuers.h.discovery", "false",
                "issuers.h.hmac-secret", HMAC_SECRET,
                "issuers.h.audience", "hmac-api");
        JWKSource<SecurityContext> localKeys = new ImmutableJWKSet<>(new JWKSet(TestKeys.get().rogue().toPublicJWK()));
        LocalIssuer local = new LocalIssuer() {
            @Override
            public String issuer() {
                return LOCAL;
            }

            @Override
            public JWKSource<SecurityContext> publicKeys() {
                return localKeys;
            }
        };
        GateServices services = new GateServices(Optional::empty, Optional::empty, () -> Optional.of(local));
        return Verifier.create(GateConfig.from(TestConfigs.settings(config)), services,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
