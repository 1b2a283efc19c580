package dev.tollgate.impl.client;

import dev.tollgate.impl.protocol.ServerMetadata;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * What the client accepts from discovered metadata: the configured issuer's own document, with endpoints it can
 * call safely. Only the endpoints the client calls are checked (token, authorization, revocation).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-3.3">RFC 8414 §3.3</a>
 */
final class DiscoveredMetadata {

    /** Metadata that cannot be used; the message says which member and why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private DiscoveredMetadata() {
    }

    /** @return {@code metadata}, with a {@code token_endpoint} */
    static ServerMetadata accept(ServerMetadata metadata, URI expectedIssuer) throws Refused {
        // RFC 8414 §3.3: "The issuer value returned MUST be identical to the authorization server's issuer
        // identifier value": compared as strings, so a different one is refused.
        if (!metadata.issuer().equals(expectedIssuer.toString())) {
            throw new Refused("metadata issuer '" + metadata.issuer() + "' is not the configured issuer '"
                    + expectedIssuer + "'");
        }
        boolean tls = expectedIssuer.getScheme().equalsIgnoreCase("https");
        if (metadata.tokenEndpoint().isEmpty()) {
            throw new Refused("metadata has no token_endpoint");
        }
        callable("token_endpoint", metadata.tokenEndpoint(), tls);
        callable("authorization_endpoint", metadata.authorizationEndpoint(), tls);
        callable("revocation_endpoint", metadata.revocationEndpoint(), tls);
        return metadata;
    }

    /** RFC 9126 §5 {@code pushed_authorization_request_endpoint}, held to the same rules as the other endpoints. */
    static Optional<URI> parEndpoint(java.util.Map<String, Object> json, URI issuer) throws Refused {
        Object value = json.get("pushed_authorization_request_endpoint");
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String raw)) {
            throw new Refused("metadata pushed_authorization_request_endpoint is not a string");
        }
        Optional<URI> uri;
        try {
            uri = Optional.of(new URI(raw));
        } catch (java.net.URISyntaxException e) {
            throw new Refused("metadata pushed_authorization_request_endpoint is not a URI");
        }
        callable("pushed_authorization_request_endpoint", uri, issuer.getScheme().equalsIgnoreCase("https"));
        return uri;
    }

    /** An absolute http(s) URL; {@code https} only when the issuer itself is reached over TLS (no downgrade). */
    private static void callable(String member, Optional<URI> endpoint, boolean tls) throws Refused {
        if (endpoint.isEmpty()) {
            return;
        }
        URI uri = endpoint.get();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new Refused("metadata " + member + " is not an absolute http(s) URL");
        }
        if (tls && !scheme.equals("https")) {
            throw new Refused("metadata " + member + " is not https although the issuer is");
        }
    }
}
