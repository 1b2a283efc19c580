package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.store.ClientId;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636 §4.3): what {@link AuthorizationRequests}
 * accepted, immutable. Only ever built from a request whose client and redirect URI were checked.
 *
 * @param redirectUri     the redirect URI in effect: the one sent, or the client's only registered one
 * @param redirectUriSent whether {@code redirect_uri} was in the request; then the token request must repeat it
 *                        (RFC 6749 §4.1.3)
 * @param codeChallenge   BASE64URL(SHA-256(code_verifier)); the method is always {@code S256}
 */
public record AuthorizationRequest(ClientId clientId, String redirectUri, boolean redirectUriSent, Scopes scope,
                                   Optional<String> state, String codeChallenge, Optional<String> nonce) {

    /** The only {@code code_challenge_method} accepted; {@code plain} is refused. */
    public static final String S256 = "S256";

    public AuthorizationRequest {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(nonce, "nonce");
    }
}
