package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.store.ClientId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636 §4.3): what {@link AuthorizationRequests}
 * accepted, immutable. Only ever built from a request whose client and redirect URI were checked. Every field is
 * bounded: the redirect URI is a registered one, the scope is within the client's, {@code state} and {@code nonce}
 * are at most 2,000 characters, the challenge 43. This, not the query it came from, is what a pending request keeps.
 *
 * @param redirectUri     the redirect URI in effect: the one sent, or the client's only registered one
 * @param redirectUriSent whether {@code redirect_uri} was in the request; then the token request must repeat it
 *                        (RFC 6749 §4.1.3)
 * @param codeChallenge   BASE64URL(SHA-256(code_verifier)); the method is always {@code S256}
 * @param dpopJkt         RFC 9449 §10 {@code dpop_jkt}: the thumbprint of the DPoP key the code's redemption must
 *                        prove; 43 base64url characters
 */
public record AuthorizationRequest(ClientId clientId, String redirectUri, boolean redirectUriSent, Scopes scope,
                                   Optional<String> state, String codeChallenge, Optional<String> nonce,
                                   Optional<String> dpopJkt) {

    /** Without {@code dpop_jkt}. */
    public AuthorizationRequest(ClientId clientId, String redirectUri, boolean redirectUriSent, Scopes scope,
                                Optional<String> state, String codeChallenge, Optional<String> nonce) {
        this(clientId, redirectUri, redirectUriSent, scope, state, codeChallenge, nonce, Optional.empty());
    }

    /** The only {@code code_challenge_method} accepted; {@code plain} is refused. */
    public static final String S256 = "S256";

    public AuthorizationRequest {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(dpopJkt, "dpopJkt");
    }

    /**
     * The request back on the wire: the query parameters that {@link AuthorizationRequests#validate} turns into this
     * request again (for the same client). A pending request is validated again from them at every step, and they
     * are the form in which it can be stored outside this node.
     */
    public Map<String, List<String>> toParameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("response_type", List.of("code"));
        parameters.put("client_id", List.of(clientId.value()));
        if (redirectUriSent) {
            parameters.put("redirect_uri", List.of(redirectUri));
        }
        if (!scope.isEmpty()) {
            parameters.put("scope", List.of(scope.value()));
        }
        state.ifPresent(value -> parameters.put("state", List.of(value)));
        parameters.put("code_challenge", List.of(codeChallenge));
        parameters.put("code_challenge_method", List.of(S256));
        nonce.ifPresent(value -> parameters.put("nonce", List.of(value)));
        dpopJkt.ifPresent(value -> parameters.put("dpop_jkt", List.of(value)));
        return parameters;
    }
}
