package dev.tollgate.impl.server.assertion;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The public keys a {@code private_key_jwt} client registers (RFC 7591 §2 {@code jwks} and {@code jwks_uri}),
 * checked on the way in, from registration or from a declaration. A JWK Set is accepted when it holds 1 to
 * {@value #MAX_KEYS} RSA (at least 2048 bits) or EC (P-256, P-384, P-521) keys, <b>public members only</b>: a key
 * with a private member ({@code d}, {@code p}, ...) is refused, so that a client who pasted its key pair learns it
 * at once rather than the server keeping a secret it must not hold. Symmetric keys ({@code kty: oct}) are refused:
 * a key the server knows proves nothing about the client. At most {@value #MAX_LENGTH} characters as JSON.
 */
public final class ClientJwks {

    public static final int MAX_LENGTH = 16_384;
    public static final int MAX_KEYS = 16;
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private ClientJwks() {
    }

    /** A JWK Set that cannot be registered; the message says why and is safe to send back. */
    public static final class InvalidJwksException extends IllegalArgumentException {
        InvalidJwksException(String message) {
            super(message);
        }
    }

    /**
     * Checks a JWK Set given as a JSON object (already parsed).
     *
     * @return the set as it will be stored: compact JSON of the public members
     * @throws InvalidJwksException saying what is wrong
     */
    public static String check(Map<String, Object> json) {
        return check(JSONObjectUtils.toJSONString(json));
    }

    /**
     * Checks a JWK Set given as JSON text.
     *
     * @return the set as it will be stored: compact JSON of the public members
     * @throws InvalidJwksException saying what is wrong
     */
    public static String check(String json) {
        if (json == null || json.length() > MAX_LENGTH) {
            throw new InvalidJwksException("jwks must be a JWK Set of at most " + MAX_LENGTH + " characters");
        }
        Map<String, Object> object;
        try {
            object = JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new InvalidJwksException("jwks must be a JWK Set (RFC 7517 §5)");
        }
        Object keys = object.get("keys");
        if (!(keys instanceof List<?> list) || list.isEmpty() || list.size() > MAX_KEYS) {
            throw new InvalidJwksException("jwks must hold 1 to " + MAX_KEYS + " keys");
        }
        for (Object key : list) {
            if (key instanceof Map<?, ?> members && members.keySet().stream().anyMatch(PRIVATE_MEMBERS::contains)) {
                throw new InvalidJwksException("jwks must hold public keys only: a key has private members");
            }
        }
        JWKSet set;
        try {
            set = JWKSet.parse(object);
        } catch (ParseException e) {
            throw new InvalidJwksException("jwks must be a JWK Set (RFC 7517 §5) of RSA or EC public keys");
        }
        for (JWK key : set.getKeys()) {
            checkKey(key);
        }
        return JSONObjectUtils.toJSONString(set.toJSONObject(true));
    }

    /** Parses a set that {@link #check} accepted before. @throws InvalidJwksException when it cannot be read */
    public static JWKSet parse(String stored) {
        try {
            return JWKSet.parse(stored);
        } catch (ParseException e) {
            throw new InvalidJwksException("the stored jwks cannot be read");
        }
    }

    /**
     * Checks a {@code jwks_uri}: https (or http on a loopback host, for tests and local set-ups) on one of the
     * allowed hosts, at most 2000 characters, no user information and no fragment.
     *
     * @return the URI as it will be stored
     * @throws InvalidJwksException saying what is wrong (also when no host is allowed)
     */
    public static String checkUri(String uri, Set<String> allowedHosts) {
        if (allowedHosts.isEmpty()) {
            throw new InvalidJwksException("jwks_uri is not accepted by this server: register jwks instead");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException | NullPointerException e) {
            throw new InvalidJwksException("jwks_uri must be an absolute https URI");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        String host = parsed.getHost() == null ? "" : parsed.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("localhost");
        if (uri.length() > 2000 || !parsed.isAbsolute() || parsed.getRawUserInfo() != null
                || parsed.getRawFragment() != null || host.isEmpty()
                || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
            throw new InvalidJwksException("jwks_uri must be an absolute https URI");
        }
        if (!allowedHosts.contains(host)) {
            throw new InvalidJwksException("jwks_uri must be on a host this server allows");
        }
        return uri;
    }

    private static void checkKey(JWK key) {
        if (key.isPrivate()) {
            throw new InvalidJwksException("jwks must hold public keys only: a key has private members");
        }
        if (KeyUse.ENCRYPTION.equals(key.getKeyUse())) {
            return; // an encryption key is never used to verify a signature, but may sit in the set
        }
        if (key instanceof RSAKey rsa) {
            if (rsa.size() < 2048) {
                throw new InvalidJwksException("jwks: RSA keys must have at least 2048 bits");
            }
        } else if (!(key instanceof ECKey)) {
            throw new InvalidJwksException("jwks may hold only RSA and EC public keys");
        }
    }
}
