package dev.tollgate.impl.server.protocol;

import dev.tollgate.api.error.OAuthError;
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

    /** For messages: {@code basic}, {@code post}, {@code none}. */
    static String method(ClientAuthentication authentication) {
        return authentication.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
