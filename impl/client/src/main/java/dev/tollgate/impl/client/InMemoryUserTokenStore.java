package dev.tollgate.impl.client;

import dev.tollgate.api.client.UserTokenStore;
import dev.tollgate.api.client.UserTokens;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The default {@link UserTokenStore}: in this JVM's memory, bounded. Beyond {@code maxUsers} the user whose tokens
 * were used least recently is forgotten (and has to log in again). Tokens do not survive a restart and are not
 * shared between nodes; implement {@link UserTokenStore} for that.
 */
public final class InMemoryUserTokenStore implements UserTokenStore {

    /** The default bound. */
    public static final int DEFAULT_MAX_USERS = 10_000;

    private final Map<String, UserTokens> tokens;

    public InMemoryUserTokenStore() {
        this(DEFAULT_MAX_USERS);
    }

    public InMemoryUserTokenStore(int maxUsers) {
        if (maxUsers < 1) {
            throw new IllegalArgumentException("maxUsers must be at least 1");
        }
        this.tokens = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, UserTokens> eldest) {
                return size() > maxUsers;
            }
        };
    }

    @Override
    public synchronized Optional<UserTokens> get(String userKey) {
        return Optional.ofNullable(tokens.get(userKey));
    }

    @Override
    public synchronized void put(String userKey, UserTokens userTokens) {
        tokens.put(userKey, userTokens);
    }

    @Override
    public synchronized void remove(String userKey) {
        tokens.remove(userKey);
    }

    /** How many users have tokens here. */
    public synchronized int size() {
        return tokens.size();
    }
}
