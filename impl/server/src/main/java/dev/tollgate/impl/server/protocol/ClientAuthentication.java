package dev.tollgate.impl.server.protocol;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.impl.server.assertion.ClientAssertionVerifier;
import dev.tollgate.impl.server.store.ClientId;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * How a client authenticated a request (RFC 6749 §2.3.1), as presented; checking it is
 * {@code ClientAuthenticator}'s job. {@link #toString()} never prints a secret.
 */
public sealed interface ClientAuthentication {

    /** The id the client claims, if any. */
    Optional<ClientId> clientId();

    /** Whether HTTP Basic was used: a failure must then be challenged with {@code WWW-Authenticate: Basic}. */
    default boolean basic() {
        return false;
    }

    /** {@code client_secret_basic}. */
    record Basic(ClientId id, String secret) implements ClientAuthentication {
        @Override
        public Optional<ClientId> clientId() {
            return Optional.of(id);
        }

        @Override
        public boolean basic() {
            return true;
        }

        @Override
        public String toString() {
            return "Basic[" + id.value() + ", secret=redacted]";
        }
    }

    /** {@code client_secret_post}. */
    record Post(ClientId id, String secret) implements ClientAuthentication {
        @Override
        public Optional<ClientId> clientId() {
            return Optional.of(id);
        }

        @Override
        public String toString() {
            return "Post[" + id.value() + ", secret=redacted]";
        }
    }

    /** {@code none}: a public client that names itself with {@code client_id} (RFC 6749 §3.2.1). */
    record PublicClient(ClientId id) implements ClientAuthentication {
        @Override
        public Optional<ClientId> clientId() {
            return Optional.of(id);
        }
    }

    /**
     * {@code private_key_jwt} (RFC 7523 §2.2): a JWT signed with the client's key. The client is the
     * {@code client_id} parameter when sent (RFC 7521 §4.2: it must then match the assertion), else the assertion's
     * {@code sub}; checking the assertion is {@code ClientAssertionVerifier}'s job.
     */
    record Assertion(ClientId id, String assertion) implements ClientAuthentication {
        @Override
        public Optional<ClientId> clientId() {
            return Optional.of(id);
        }

        @Override
        public String toString() {
            return "Assertion[" + id.value() + ", assertion=redacted]";
        }
    }

    /** Nothing at all. */
    record Anonymous() implements ClientAuthentication {
        @Override
        public Optional<ClientId> clientId() {
            return Optional.empty();
        }
    }

    /**
     * Reads client authentication from the {@code Authorization} header and the body parameters.
     *
     * @throws RequestParseException invalid_request when two methods are used at once (Basic and a body secret:
     *                               RFC 6749 §2.3 "MUST NOT use more than one authentication method in each
     *                               request"), when the body's {@code client_id} contradicts Basic, or when a
     *                               Basic header is malformed; invalid_client for a malformed client id
     */
    static ClientAuthentication parse(Optional<String> authorization, Parameters parameters)
            throws RequestParseException {
        Optional<String> bodyId = parameters.optional("client_id");
        Optional<String> bodySecret = parameters.optional("client_secret");
        Optional<String> basic = authorization.filter(ClientAuthentication::isBasic);
        Optional<String> assertionType = parameters.optional("client_assertion_type");
        Optional<String> assertion = parameters.optional("client_assertion");
        if (assertionType.isPresent() || assertion.isPresent()) {
            return assertion(basic.isPresent() || bodySecret.isPresent(), bodyId, assertionType, assertion);
        }
        if (basic.isPresent()) {
            if (bodySecret.isPresent()) {
                throw RequestParseException.invalidRequest("the client authenticated with both HTTP Basic and"
                        + " client_secret");
            }
            Basic credentials = decodeBasic(basic.get());
            if (bodyId.isPresent() && !bodyId.get().equals(credentials.id().value())) {
                throw RequestParseException.invalidRequest("client_id does not match the HTTP Basic client");
            }
            return credentials;
        }
        if (bodySecret.isPresent()) {
            String id = bodyId.orElseThrow(() -> RequestParseException.invalidRequest(
                    "client_secret without client_id"));
            return new Post(clientId(id, false), bodySecret.get());
        }
        if (bodyId.isPresent()) {
            return new PublicClient(clientId(bodyId.get(), false));
        }
        return new Anonymous();
    }

    /** RFC 7521 §4.2 and RFC 7523 §2.2: client_assertion_type and client_assertion, and no other method. */
    private static Assertion assertion(boolean secretToo, Optional<String> bodyId, Optional<String> type,
                                       Optional<String> assertion) throws RequestParseException {
        if (secretToo) {
            // RFC 6749 §2.3: "MUST NOT use more than one authentication method in each request"
            throw RequestParseException.invalidRequest("the client authenticated with both a client secret and a"
                    + " client assertion");
        }
        // client_assertion_type (REQUIRED)
        if (type.isEmpty() || assertion.isEmpty()) {
            throw RequestParseException.invalidRequest("client_assertion_type and client_assertion go together");
        }
        if (!ClientAssertionVerifier.JWT_BEARER.equals(type.get())) {
            throw RequestParseException.invalidRequest("client_assertion_type must be "
                    + ClientAssertionVerifier.JWT_BEARER);
        }
        // client_assertion (REQUIRED); client_id (OPTIONAL, RFC 7521 §4.2): the assertion names the client
        Optional<String> claimed = ClientAssertionVerifier.claimedClient(assertion.get());
        String id = bodyId.or(() -> claimed).orElseThrow(() -> new RequestParseException(OAuthError.INVALID_CLIENT,
                "client authentication failed"));
        return new Assertion(clientId(id, false), assertion.get());
    }

    private static boolean isBasic(String header) {
        return header.length() >= 5 && header.regionMatches(true, 0, "Basic", 0, 5)
                && (header.length() == 5 || header.charAt(5) == ' ');
    }

    /** RFC 6749 §2.3.1: the id and secret are form-urlencoded, then joined by a colon, then Base64. */
    private static Basic decodeBasic(String header) throws RequestParseException {
        String encoded = header.substring(5).trim();
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RequestParseException.invalidRequest("the HTTP Basic credentials are not Base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw RequestParseException.invalidRequest("the HTTP Basic credentials are not client_id:client_secret");
        }
        try {
            String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            if (secret.isEmpty()) {
                throw RequestParseException.invalidRequest("the HTTP Basic credentials have no secret");
            }
            return new Basic(clientId(id, true), secret);
        } catch (IllegalArgumentException e) {
            throw RequestParseException.invalidRequest("the HTTP Basic credentials are not form-urlencoded");
        }
    }

    private static ClientId clientId(String value, boolean basic) throws RequestParseException {
        return ClientId.parse(value).orElseThrow(() -> new RequestParseException(OAuthError.INVALID_CLIENT,
                "client authentication failed", basic));
    }

    /** For messages: {@code basic}, {@code post}, {@code publicclient}, {@code assertion}. */
    static String method(ClientAuthentication authentication) {
        return authentication.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
