package dev.tollgate.impl.client;

import dev.tollgate.api.client.AccessToken;
import dev.tollgate.api.client.TokenClient;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the JAX-RS filter and {@link AuthorizedHttpClient} do around an API call, in one place: the
 * {@code Authorization} and {@code DPoP} headers before it, and after it the decision to send it once more.
 *
 * <p>A {@link TokenClient} that is not one of Tollgate's (no {@link Capable}) gets the plain Bearer behaviour.
 */
public final class SenderConstraint {

    /** A token client that may send DPoP proofs and configure itself from a protected resource (RFC 9728). */
    public interface Capable {

        /** The client's DPoP proofs, when DPoP is on. */
        Optional<DpopProofs> dpop();

        /** True while the client has no token endpoint and waits for a protected resource to name one. */
        boolean awaitingResourceDiscovery();

        /**
         * RFC 9728 §5: configure from the metadata a resource named in its 401.
         *
         * @return true when the client was configured by this call (then the request is worth sending again)
         * @throws dev.tollgate.api.error.TokenClientException when discovery is refused or fails
         */
        boolean discoverFromResource(URI requestUri, String resourceMetadataUrl);
    }

    /** Why a request is sent once more. */
    public enum Replay {
        /** Not at all. */
        NONE,
        /** The token was rejected and invalidated: a new token. */
        TOKEN_REJECTED,
        /** The resource server asked for a DPoP nonce (RFC 9449 §9): the same token, a proof with the nonce. */
        DPOP_NONCE,
        /** The client was configured from the resource's metadata (RFC 9728): now with a token. */
        DISCOVERED
    }

    private SenderConstraint() {
    }

    /**
     * The token to send, or null when the client waits for RFC 9728 discovery (the request then goes without one,
     * and the resource's 401 names its authorization server).
     */
    public static AccessToken tokenFor(TokenClient tokens) {
        if (tokens instanceof Capable c && c.awaitingResourceDiscovery()) {
            return null;
        }
        return tokens.accessToken();
    }

    /**
     * The headers that carry {@code token} on a request: {@code Authorization} ({@code Bearer} or {@code DPoP},
     * RFC 9449 §7.1) and, for a DPoP token, a new {@code DPoP} proof with {@code ath}. Empty without a token.
     */
    public static Map<String, String> headers(TokenClient tokens, AccessToken token, String method, URI uri) {
        Map<String, String> headers = new LinkedHashMap<>(2);
        if (token == null) {
            return headers;
        }
        headers.put("Authorization", token.authorizationHeader());
        if (DpopProofs.TOKEN_TYPE.equalsIgnoreCase(token.tokenType()) && tokens instanceof Capable c
                && c.dpop().isPresent()) {
            headers.put(DpopProofs.HEADER, c.dpop().get().proof(method, uri, token));
        }
        return headers;
    }

    /** RFC 9449 §8.2 / §9: every answer's {@code DPoP-Nonce} replaces the one known for its origin. */
    public static void rememberNonce(TokenClient tokens, URI uri, Function<String, List<String>> headers) {
        if (tokens instanceof Capable c && c.dpop().isPresent()) {
            List<String> nonce = headers.apply(DpopProofs.NONCE_HEADER);
            if (!nonce.isEmpty()) {
                c.dpop().get().rememberNonce(uri, nonce.get(0));
            }
        }
    }

    /**
     * After the answer to a request sent with {@code used} (null: sent without a token): remembers a
     * {@code DPoP-Nonce}, invalidates a rejected token, configures the client from the resource's metadata, and says
     * whether the request is worth sending once more. The caller sends it at most once more, whatever the answer.
     */
    public static Replay after(TokenClient tokens, URI uri, AccessToken used, int status,
                               Function<String, List<String>> headers) {
        Capable capable = tokens instanceof Capable c ? c : null;
        rememberNonce(tokens, uri, headers);
        if (status != 401) {
            return Replay.NONE;
        }
        if (used == null) {
            Optional<String> metadata = TokenRejection.resourceMetadata(status, headers);
            if (capable != null && metadata.isPresent() && capable.discoverFromResource(uri, metadata.get())) {
                return Replay.DISCOVERED;
            }
            return Replay.NONE;
        }
        if (capable != null && capable.dpop().isPresent() && DpopProofs.TOKEN_TYPE.equalsIgnoreCase(used.tokenType())
                && TokenRejection.nonceRequested(status, headers)) {
            return Replay.DPOP_NONCE;
        }
        if (TokenRejection.tokenRejected(status, headers)) {
            tokens.invalidate(used); // the next call gets a new token, replayed or not
            return Replay.TOKEN_REJECTED;
        }
        return Replay.NONE;
    }
}
