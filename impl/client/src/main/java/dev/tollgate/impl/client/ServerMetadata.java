package dev.tollgate.impl.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the client needs from the authorization server's metadata.
 *
 * @param issuer the {@code issuer}, identical to the configured one
 * @param tokenEndpoint {@code token_endpoint}
 * @param authorizationEndpoint {@code authorization_endpoint}, if advertised
 * @param revocationEndpoint {@code revocation_endpoint}, if advertised
 * @param issParameterSupported {@code authorization_response_iss_parameter_supported} (RFC 9207 §3)
 * @param codeChallengeMethods {@code code_challenge_methods_supported} (RFC 7636 via RFC 8414), empty if absent
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-2">RFC 8414 §2</a>
 */
record ServerMetadata(URI issuer, URI tokenEndpoint, Optional<URI> authorizationEndpoint,
                      Optional<URI> revocationEndpoint, boolean issParameterSupported,
                      List<String> codeChallengeMethods) {

    /** Metadata that could not be used; the message says which member and why. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** The metadata built from configured endpoints only, when there is nothing to discover. */
    static ServerMetadata configured(ClientConfig config) {
        return new ServerMetadata(config.issuer().orElse(null), config.tokenUrl().orElse(null),
                config.authorizationUrl(), config.revocationUrl(), false, List.of());
    }

    /**
     * Parses a metadata document. RFC 8414 §3.3: "The issuer value returned MUST be identical to the authorization
     * server's issuer identifier value" — a different one is refused.
     */
    static ServerMetadata parse(Map<String, Object> json, URI expectedIssuer) throws Invalid {
        String issuer = string(json, "issuer").orElseThrow(() -> new Invalid("metadata has no issuer"));
        if (!issuer.equals(expectedIssuer.toString())) {
            throw new Invalid("metadata issuer '" + issuer + "' is not the configured issuer '" + expectedIssuer
                    + "'");
        }
        boolean tls = expectedIssuer.getScheme().equalsIgnoreCase("https");
        URI token = uri(json, "token_endpoint", tls)
                .orElseThrow(() -> new Invalid("metadata has no token_endpoint"));
        Optional<URI> authorization = uri(json, "authorization_endpoint", tls);
        Optional<URI> revocation = uri(json, "revocation_endpoint", tls);
        boolean iss = Boolean.TRUE.equals(json.get("authorization_response_iss_parameter_supported"));
        List<String> methods = new ArrayList<>();
        if (json.get("code_challenge_methods_supported") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    methods.add(s);
                }
            }
        }
        return new ServerMetadata(expectedIssuer, token, authorization, revocation, iss, List.copyOf(methods));
    }

    /** Configured endpoints win over discovered ones. */
    ServerMetadata overriddenBy(ClientConfig config) {
        return new ServerMetadata(issuer, config.tokenUrl().orElse(tokenEndpoint),
                config.authorizationUrl().or(() -> authorizationEndpoint),
                config.revocationUrl().or(() -> revocationEndpoint), issParameterSupported, codeChallengeMethods);
    }

    private static Optional<String> string(Map<String, Object> json, String member) throws Invalid {
        Object v = json.get(member);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new Invalid("metadata " + member + " is not a string");
        }
        return Optional.of(s);
    }

    /** An absolute http(s) URL; {@code https} only when the issuer itself is reached over TLS (no downgrade). */
    private static Optional<URI> uri(Map<String, Object> json, String member, boolean tls) throws Invalid {
        Optional<String> raw = string(json, member);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
                throw new Invalid("metadata " + member + " is not an absolute http(s) URL");
            }
            if (tls && !scheme.equals("https")) {
                throw new Invalid("metadata " + member + " is not https although the issuer is");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new Invalid("metadata " + member + " is not a URL");
        }
    }
}
