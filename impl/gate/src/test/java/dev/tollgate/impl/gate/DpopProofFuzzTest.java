package dev.tollgate.impl.gate;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.impl.testing.TestConfigs;
import dev.tollgate.impl.testing.TestKeys;
import dev.tollgate.impl.testing.TestProofs;
import dev.tollgate.impl.testing.TestTokens;
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
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Fuzzes the DPoP proof a request carries with a good DPoP-bound token (RFC 9449 §4.3): {@link Verifier#verify} with
 * {@code Authorization: DPoP} as the filter calls it, for {@code GET https://api.example.com/app/api/items}.
 *
 * <p>The input is either a proof as sent (one line), or three lines: the JOSE header and the claims as JSON, which
 * the target base64url-encodes, and the signature part. When the signature line is {@code sign}, the target signs
 * the proof with the client's EC key, so that the fuzzer reaches the checks after the signature ({@code htm},
 * {@code htu}, {@code iat}, {@code ath}, the key binding, the replay cache). In the JSON, {@code "$JWK"} stands for
 * that key's public JWK and {@code $ATH} for the token's hash. The clock is fixed, so that the seeds stay valid.
 *
 * <p>Property: every proof ends as a success, a documented failure, or (a full replay cache) a 503, never an
 * exception; the catch-all ({@code unexpected ... while reading it}) is reached only for what Nimbus's parser itself
 * throws; no log line quotes the proof. Seeds: {@code DpopProofFuzzTestInputs/verify/}.
 */
class DpopProofFuzzTest {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final String PATH = "/app/api/items";

    private static final Verifier VERIFIER = verifier();
    private static final String TOKEN = TestTokens.token(TestKeys.get(), NOW)
            .claim("cnf", TestProofs.cnf(TestProofs.EC)).sign();
    private static final String JWK = JSONObjectUtils.toJSONString(TestProofs.EC.toPublicJWK().toJSONObject());
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
    @DictionaryEntries({"\"typ\":", "\"alg\":", "\"jwk\":", "\"$JWK\"", "\"dpop+jwt\"", "\"ES256\"", "\"RS256\"",
            "\"EdDSA\"", "\"HS256\"", "\"none\"", "\"kty\":", "\"EC\"", "\"RSA\"", "\"OKP\"", "\"oct\"", "\"crv\":",
            "\"P-256\"", "\"Ed25519\"", "\"d\":", "\"jti\":", "\"htm\":", "\"htu\":", "\"iat\":", "\"ath\":",
            "\"$ATH\"", "\"GET\"", "\"https://api.example.com/app/api/items\"", "1893456000", "sign", "."})
    void verify(byte[] input) {
        String proof = proof(input);
        LOGGED.clear();

        VerificationResult result = VERIFIER.verify(new Credentials.Dpop(TOKEN, List.of(proof)), false, null,
                "GET", PATH);

        assertNotNull(result);
        if (result instanceof VerificationResult.Failure failure) {
            assertNotNull(failure.problem());
        } else if (!(result instanceof VerificationResult.Success)
                && !(result instanceof VerificationResult.Unavailable)) {
            fail("not a documented outcome: " + result);
        }
        for (String message : LOGGED) {
            assertTrue(message == null || !message.matches("DPoP proof refused: unexpected \\w+ while reading it")
                    || nimbusParserFails(proof), message + ", and not in Nimbus's parser");
            assertTrue(message == null || proof.length() < 16 || !message.contains(proof),
                    "a log line quotes the proof");
        }
    }

    /** Whether Nimbus's own parser ends in an undeclared exception for this proof. */
    private static boolean nimbusParserFails(String proof) {
        try {
            int dot = proof.indexOf('.');
            if (dot > 0) {
                JSONObjectUtils.parse(new Base64URL(proof.substring(0, dot)).decodeToString());
            }
            SignedJWT jwt = SignedJWT.parse(proof);
            jwt.getJWTClaimsSet().getIssueTime();
            if (jwt.getHeader().getJWK() != null) {
                jwt.getHeader().getJWK().computeThumbprint();
            }
            return false;
        } catch (ParseException | JOSEException e) {
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            return true;
        }
    }

    /** One line: the proof as is. Three lines: header JSON, claims JSON, and the signature or {@code sign}. */
    static String proof(byte[] input) {
        int first = indexOf(input, 0);
        if (first < 0) {
            return new String(input, StandardCharsets.ISO_8859_1);
        }
        int second = indexOf(input, first + 1);
        String header = new String(Arrays.copyOfRange(input, 0, first), StandardCharsets.UTF_8)
                .replace("\"$JWK\"", JWK);
        String claims = new String(Arrays.copyOfRange(input, first + 1, second < 0 ? input.length : second),
                StandardCharsets.UTF_8).replace("$ATH", TestProofs.ath(TOKEN));
        String signature = second < 0 ? "" : new String(input, second + 1, input.length - second - 1,
                StandardCharsets.ISO_8859_1);
        String signingInput = Base64URL.encode(header) + "." + Base64URL.encode(claims);
        if (signature.equals("sign")) {
            try {
                signature = new ECDSASigner(TestProofs.EC).sign(new JWSHeader(JWSAlgorithm.ES256),
                        signingInput.getBytes(StandardCharsets.US_ASCII)).toString();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return signingInput + "." + signature;
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
        return Verifier.create(GateConfig.from(TestConfigs.settings(TestConfigs.itLike(jwks,
                        "external-base-url", "https://api.example.com", "dpop.replay-cache-size", "1000"))),
                GateServices.none(), Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
