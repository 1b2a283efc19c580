package dev.tollgate.api.client;

/**
 * Obtains, caches and refreshes the access token for calls to one API.
 *
 * <p>In CDI: {@code @Inject @OAuth2Client("ryvn") TokenClient ryvn;} with configuration under
 * {@code tollgate.client.ryvn.*}. Thread-safe: one instance serves every caller, and a valid cached token is
 * returned without locking.
 */
public interface TokenClient {

    /**
     * A valid access token: the cached one, or a fresh one when it is absent or within the refresh skew of expiry.
     *
     * @throws dev.tollgate.api.error.TokenClientException when no token can be obtained
     */
    AccessToken accessToken();

    /**
     * {@code "Bearer " + accessToken().value()} (or {@code "DPoP " + …} for a DPoP-bound token, which also needs a
     * proof: use the JAX-RS filter or {@code AuthorizedHttpClient}), for an {@code Authorization} header.
     */
    default String authorizationHeader() {
        return accessToken().authorizationHeader();
    }

    /**
     * Forget {@code rejected} if it is still the cached token, so the next call obtains a new one. Called when an
     * API answered 401 {@code invalid_token}; a token already replaced by another thread is left alone.
     */
    void invalidate(AccessToken rejected);
}
