package dev.tollgate.impl.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.api.client.AccessToken;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DPoP proofs of one client (RFC 9449 §4): one key for the client's lifetime, a new signed proof for every
 * request, and the nonces the servers asked for, remembered per origin (the authorization server's and each
 * resource server's apart, §8 and §9).
 *
 * <p>A proof is a JWT with the header {@code typ: dpop+jwt}, {@code alg} and the public {@code jwk} (§4.2), and the
 * claims {@code jti} (random, 128 bits), {@code htm}, {@code htu} (the target URI without query and fragment,
 * §4.2), {@code iat}, {@code ath} (base64url SHA-256 of the access token, on resource requests, §4.2) and
 * {@code nonce} (when the origin gave one, §8, §9).
 */
public final class DpopProofs {

    /** The request header that carries a proof (RFC 9449 §4.1). */
    public static final String HEADER = "DPoP";
    /** The response header that carries a server's nonce (RFC 9449 §8.1). */
    public static final String NONCE_HEADER = "DPoP-Nonce";
    /** The token type of a DPoP-bound token (RFC 9449 §5), also the {@code Authorization} scheme (§7.1). */
    public static final String TOKEN_TYPE = "DPoP";

    private static final JOSEObjectType TYPE = new JOSEObjectType("dpop+jwt");

    private final SigningKey key;
    private final JWSHeader header;
    private final String thumbprint;
    private final Clock clock;
    private final SecureRandom random;
    private final ConcurrentHashMap<String, String> nonces = new ConcurrentHashMap<>();
    /** The last token's {@code ath}: most proofs are for the cached token, whose hash needs computing once. */
    private volatile Ath lastAth;

    private record Ath(String token, String hash) {
    }

    DpopProofs(SigningKey key, Clock clock, SecureRandom random) {
        this.key = Objects.requireNonNull(key, "key");
        this.clock = clock;
        this.random = random;
        JWK publicJwk = key.publicJwk();
        JWSHeader built = new JWSHeader.Builder(key.algorithm()).type(TYPE).jwk(publicJwk).build();
        try {
            // parsed back, the header keeps its base64url form: it is not serialized again for every proof
            this.header = JWSHeader.parse(built.toBase64URL());
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("cannot encode the DPoP proof header", e);
        }
        try {
            this.thumbprint = publicJwk.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the DPoP key's thumbprint", e);
        }
    }

    /** The RFC 7638 thumbprint of the proof key: the {@code cnf.jkt} of the tokens bound to it (RFC 9449 §6.1). */
    public String thumbprint() {
        return thumbprint;
    }

    /** The public key that proofs carry. */
    public JWK publicKey() {
        return key.publicJwk();
    }

    /**
     * A proof for a request to a resource server carrying {@code token} ({@code ath} set), or, when
     * {@code token} is null, for a token request (no {@code ath}).
     */
    public String proof(String method, URI target, AccessToken token) {
        return proof(method, target, token == null ? null : token.value());
    }

    /** A proof for {@code method} at {@code target}; {@code accessToken} null for requests without one. */
    String proof(String method, URI target, String accessToken) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .jwtID(Base64URL.encode(id).toString())                             // jti (REQUIRED)
                .claim("htm", method.toUpperCase(Locale.ROOT))                      // htm (REQUIRED)
                .claim("htu", htu(target))                                          // htu (REQUIRED)
                .issueTime(Date.from(clock.instant()));                             // iat (REQUIRED)
        if (accessToken != null) {
            claims.claim("ath", ath(accessToken));                                  // ath (REQUIRED with a token)
        }
        String nonce = nonces.get(origin(target));
        if (nonce != null) {
            claims.claim("nonce", nonce);                                           // nonce (when given, §8, §9)
        }
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a DPoP proof (" + e.getClass().getSimpleName() + ")", e);
        }
        return jwt.serialize();
    }

    /** Remembers {@code nonce} for the origin of {@code target}; later proofs to that origin carry it. */
    public void rememberNonce(URI target, String nonce) {
        if (nonce == null || nonce.isBlank()) {
            return;
        }
        // RFC 9449 §8.1: nonce = 1*NQCHAR; anything else is not put into a signed proof
        String value = nonce.strip();
        if (value.length() > 1024 || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E && c != '"'
                && c != '\\')) {
            return;
        }
        nonces.put(origin(target), value);
    }

    /** The nonce remembered for the origin of {@code target}. */
    public Optional<String> nonce(URI target) {
        return Optional.ofNullable(nonces.get(origin(target)));
    }

    /** RFC 9449 §4.2: "The HTTP target URI ... without query and fragment parts". */
    static String htu(URI target) {
        String scheme = target.getScheme().toLowerCase(Locale.ROOT);
        // an IPv6 host comes in brackets from URI.getHost()
        String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        int port = target.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80
                || scheme.equals("https") && port == 443;
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port)
                + path;
    }

    /** RFC 9449 §4.2 {@code ath}: base64url of the SHA-256 of the token's ASCII. */
    String ath(String accessToken) {
        Ath cached = lastAth;
        if (cached != null && cached.token.equals(accessToken)) {
            return cached.hash;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            String hash = Base64URL.encode(digest).toString();
            lastAth = new Ath(accessToken, hash);
            return hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The origin (RFC 6454) a nonce belongs to: scheme, host and port. */
    static String origin(URI target) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        int port = target.getPort() != -1 ? target.getPort() : scheme.equals("https") ? 443 : 80;
        String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }

    @Override
    public String toString() {
        return "DpopProofs[" + key + ", jkt=" + thumbprint + "]";
    }
}
