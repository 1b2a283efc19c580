package dev.tollgate.api.client;

import java.util.Optional;

/**
 * Keeps each user's tokens between requests, for the authorization code flow. The default keeps them in memory,
 * bounded; implement this to keep them in the HTTP session, a database or a distributed cache.
 *
 * <p>Implementations must be thread-safe. The values hold live credentials: store them encrypted at rest, and never
 * log them.
 */
public interface UserTokenStore {

    /** The tokens stored for {@code userKey}, if any. */
    Optional<UserTokens> get(String userKey);

    /** Store (or replace) the tokens of {@code userKey}. */
    void put(String userKey, UserTokens tokens);

    /** Forget the tokens of {@code userKey}; nothing happens if there are none. */
    void remove(String userKey);
}
