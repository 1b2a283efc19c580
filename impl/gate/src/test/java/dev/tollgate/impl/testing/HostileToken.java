package dev.tollgate.impl.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.error.ProblemType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The catalogue of broken and malicious Bearer tokens. Each entry makes its token (from the test keys, as of "now")
 * and says how a gate configured like the integration-test server must answer it:
 * issuer {@value TestTokens#ISSUER}, audience {@value TestTokens#AUDIENCE}, JWK set = {@link
 * TestKeys#trustedPublicKeys()}, {@code max-token-size} 8192, no HS256 secret, no introspection endpoint.
 *
 * <p>{@link #BAD_TYPE} is hostile only where {@code tollgate.gate.required-type=at+jwt}: see
 * {@link #needsRequiredType()}; elsewhere it is a valid token.
 *
 * <p>Every answer is 401 with {@code WWW-Authenticate: Bearer ..., error="invalid_token"} and a problem of type
 * {@link #problem()}; {@link #expiredHeader()} says whether {@code X-API-Expired: true} comes with it.
 */
public enum HostileToken {

    /** {@code alg: none}, no signature (RFC 8725 §3.2). */
    ALG_NONE(ProblemType.TOKEN_ALGORITHM, (keys, now) -> {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        return header + "." + payload(keys, now) + ".";
    }),

    /** HS256, keyed with the bytes of the trusted RSA public key: the classic algorithm confusion (RFC 8725 §2.1). */
    HS256_WITH_RSA_PUBLIC_KEY(ProblemType.TOKEN_ALGORITHM, (keys, now) -> {
        try {
            byte[] publicKeyBytes = keys.rsa().toRSAPublicKey().getEncoded();
            return TestTokens.token(keys, now).key(TestKeys.RSA).algorithm(JWSAlgorithm.HS256)
                    .signer(new MACSigner(publicKeyBytes)).sign();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }),

    /** A {@code kid} the server has never heard of, even after refetching its keys. */
    UNKNOWN_KID(ProblemType.TOKEN_UNKNOWN_KEY, (keys, now) ->
            TestTokens.token(keys, now).keyId("no-such-key-1").signer(keys.signer(TestKeys.ROGUE)).sign()),

    /** Signed by the rogue key, with {@code jku} pointing at the attacker's JWK set, which must never be fetched. */
    JKU_ELSEWHERE(ProblemType.TOKEN_UNKNOWN_KEY, (keys, now) ->
            TestTokens.token(keys, now).key(TestKeys.ROGUE).jku(URI.create("https://attacker.example/jwks.json"))
                    .sign()),

    /** Signed by the rogue key, with {@code x5u} pointing at the attacker's certificate. */
    X5U_ELSEWHERE(ProblemType.TOKEN_UNKNOWN_KEY, (keys, now) ->
            TestTokens.token(keys, now).key(TestKeys.ROGUE).x5u(URI.create("https://attacker.example/cert.pem"))
                    .sign()),

    /**
     * Signed by the rogue key, which rides along in the {@code jwk} header, under the {@code kid} of a trusted key:
     * the trusted key is used, and the signature does not verify.
     */
    EMBEDDED_JWK(ProblemType.TOKEN_SIGNATURE, (keys, now) ->
            TestTokens.token(keys, now).keyId(TestKeys.RSA).signer(keys.signer(TestKeys.ROGUE))
                    .embeddedJwk(keys.rogue()).sign()),

    /** Expired ten minutes ago: well past any clock skew. */
    EXPIRED(ProblemType.TOKEN_EXPIRED, (keys, now) ->
            TestTokens.token(keys, now).issuedAt(now.minus(Duration.ofMinutes(20)))
                    .expiresAt(now.minus(Duration.ofMinutes(10))).sign()),

    /** {@code nbf} ten minutes ahead. */
    NOT_YET_VALID(ProblemType.TOKEN_NOT_YET_VALID, (keys, now) ->
            TestTokens.token(keys, now).notBefore(now.plus(Duration.ofMinutes(10)))
                    .expiresAt(now.plus(Duration.ofMinutes(20))).sign()),

    /** Another issuer, signed by a trusted key. */
    WRONG_ISSUER(ProblemType.TOKEN_ISSUER, (keys, now) ->
            TestTokens.token(keys, now).issuer("https://evil.example").sign()),

    /**
     * A token of another realm of the same server (another issuer, with its own key): refused for its issuer, chosen
     * before any key lookup, so it never makes the server refetch its keys.
     */
    FOREIGN_REALM(ProblemType.TOKEN_ISSUER, (keys, now) ->
            TestTokens.token(keys, now).issuer(TestTokens.ISSUER + "/realms/other").keyId("other-realm-key-1")
                    .signer(keys.signer(TestKeys.ROGUE)).sign()),

    /** Another audience, signed by a trusted key. */
    WRONG_AUDIENCE(ProblemType.TOKEN_AUDIENCE, (keys, now) ->
            TestTokens.token(keys, now).audience("some-other-api").sign()),

    /** {@code typ: JWT} where {@code at+jwt} is required (RFC 9068 §4); valid where no type is required. */
    BAD_TYPE(ProblemType.TOKEN_TYPE, (keys, now) -> TestTokens.token(keys, now).type("JWT").sign()),

    /** A valid token with the second half of its signature cut off. */
    TRUNCATED(ProblemType.TOKEN_SIGNATURE, (keys, now) -> {
        String token = TestTokens.token(keys, now).sign();
        int signature = token.lastIndexOf('.') + 1;
        return token.substring(0, signature + (token.length() - signature) / 2);
    }),

    /** Three parts, none of them base64url. */
    NON_BASE64(ProblemType.TOKEN_MALFORMED, (keys, now) -> "eyJ%%%.$$$!!!.@@@***"),

    /** Header and payload of a valid token, without the signature part. */
    TWO_PARTS(ProblemType.TOKEN_MALFORMED, (keys, now) -> {
        String token = TestTokens.token(keys, now).sign();
        return token.substring(0, token.lastIndexOf('.'));
    }),

    /** Five parts: a JWE, which the gate does not accept. */
    FIVE_PARTS(ProblemType.TOKEN_MALFORMED, (keys, now) ->
            Base64URL.encode("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"test-rsa-1\"}")
                    + ".AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA"),

    /** A properly signed token of over 100 KB: refused on its size before any parsing. */
    OVERSIZED(ProblemType.TOKEN_TOO_LARGE, (keys, now) ->
            TestTokens.token(keys, now).claim("padding", "x".repeat(100 * 1024)).sign()),

    /**
     * A payload nested {@value #NESTING_DEPTH} arrays deep, signed by a trusted key and under 8 KB: must be refused
     * as malformed, never end in a StackOverflowError or a 500.
     */
    DEEPLY_NESTED(ProblemType.TOKEN_MALFORMED, (keys, now) -> {
        Map<String, Object> claims = TestTokens.token(keys, now).claimMap();
        String json = JSONObjectUtils.toJSONString(claims);
        String nested = json.substring(0, json.length() - 1) + ",\"deep\":" + "[".repeat(HostileToken.NESTING_DEPTH)
                + "]".repeat(HostileToken.NESTING_DEPTH) + "}";
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestKeys.RSA).build(),
                new Payload(nested));
        try {
            jws.sign(keys.signer(TestKeys.RSA));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jws.serialize();
    }),

    /** A valid token whose payload was changed ({@code sub} is someone else) after signing. */
    BAD_SIGNATURE(ProblemType.TOKEN_SIGNATURE, (keys, now) -> {
        String[] parts = TestTokens.token(keys, now).sign().split("\\.");
        String forged = payload(keys, now, "mallory");
        return parts[0] + "." + forged + "." + parts[2];
    });

    /** How deep {@link #DEEPLY_NESTED} nests its arrays. */
    public static final int NESTING_DEPTH = 2000;

    private final ProblemType problem;
    private final BiFunction<TestKeys, Instant, String> maker;

    HostileToken(ProblemType problem, BiFunction<TestKeys, Instant, String> maker) {
        this.problem = problem;
        this.maker = maker;
    }

    /** The token, made with the test keys for the clock at {@code now}. */
    public String token(TestKeys keys, Instant now) {
        return maker.apply(keys, now);
    }

    /** The token, as of now. */
    public String token() {
        return token(TestKeys.get(), Instant.now());
    }

    /** The expected HTTP status: always 401. */
    public int status() {
        return problem.status();
    }

    /** The expected problem type (and reason). */
    public ProblemType problem() {
        return problem;
    }

    /** Whether the answer carries {@code X-API-Expired: true}. */
    public boolean expiredHeader() {
        return problem == ProblemType.TOKEN_EXPIRED;
    }

    /** Whether the entry is hostile only with {@code tollgate.gate.required-type=at+jwt}. */
    public boolean needsRequiredType() {
        return this == BAD_TYPE;
    }

    private static String payload(TestKeys keys, Instant now) {
        return Base64URL.encode(JSONObjectUtils.toJSONString(TestTokens.token(keys, now).claimMap())).toString();
    }

    private static String payload(TestKeys keys, Instant now, String subject) {
        return Base64URL.encode(JSONObjectUtils.toJSONString(TestTokens.token(keys, now).subject(subject).claimMap()))
                .toString();
    }
}
