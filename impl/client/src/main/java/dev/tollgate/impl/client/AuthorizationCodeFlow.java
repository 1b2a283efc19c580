package dev.tollgate.impl.client;

import dev.tollgate.api.client.AccessToken;
import dev.tollgate.api.client.TokenClient;
import dev.tollgate.api.client.UserTokenStore;
import dev.tollgate.api.client.UserTokens;
import dev.tollgate.api.error.TokenClientException;
import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.ServerMetadata;
import dev.tollgate.impl.protocol.TokenResponse;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The authorization code grant with PKCE (S256), for calls made on behalf of a signed-in user.
 *
 * <ol>
 *   <li>{@link #start(String)} builds the authorization URL (RFC 6749 §4.1.1) with a random {@code state} (256
 *       bits) and an S256 {@code code_challenge} (RFC 7636 §4.3). The verifier stays here, keyed by the state,
 *       bound to the user key, for {@code authorization-ttl}; at most {@value #DEFAULT_MAX_PENDING} are kept
 *       (the oldest is dropped).</li>
 *   <li>The application redirects the browser there; the server sends it back to {@code redirect-uri}.</li>
 *   <li>{@link #complete(String, Map)} takes the callback's query parameters: the state must be one this flow
 *       issued, unused, unexpired and started for the same user key; {@code iss} must be the issuer (RFC 9207
 *       §2.4), and is required when the server advertises it. Then the code is exchanged (RFC 6749 §4.1.3) with
 *       the verifier, and the tokens go into the {@link UserTokenStore}.</li>
 *   <li>{@link #accessToken(String)} returns the user's token, refreshed with the refresh token (one request per
 *       user at a time) when it is within {@code refresh-skew} of expiry.</li>
 * </ol>
 *
 * <p>The user key is whatever identifies the signed-in user or session in the application (a session id, a
 * subject); it must be the same at {@code start}, {@code complete} and later, and must not be guessable by others.
 */
public final class AuthorizationCodeFlow implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuthorizationCodeFlow.class.getName());

    /** The most authorizations waiting for their callback at once. */
    public static final int DEFAULT_MAX_PENDING = 10_000;

    private final ServerConnection connection;
    private final ClientConfig config;
    private final UserTokenStore store;
    private final SecureRandom random;
    private final int maxPending;
    private final Map<String, Pending> pending;
    private final ConcurrentHashMap<String, CompletableFuture<UserTokens>> refreshing = new ConcurrentHashMap<>();

    /** A started authorization: where to send the browser, and the state that will come back. */
    public record AuthorizationRequest(URI uri, String state) {
    }

    private record Pending(String userKey, String verifier, long expiresAt) {
    }

    AuthorizationCodeFlow(ServerConnection connection, UserTokenStore store, SecureRandom random) {
        this(connection, store, random, DEFAULT_MAX_PENDING);
    }

    AuthorizationCodeFlow(ServerConnection connection, UserTokenStore store, SecureRandom random, int maxPending) {
        this.connection = connection;
        this.config = connection.config();
        this.store = Objects.requireNonNull(store, "store");
        this.random = random;
        this.maxPending = maxPending;
        this.pending = new LinkedHashMap<>();
        if (config.redirectUri().isEmpty()) {
            throw new dev.tollgate.impl.config.ConfigurationException(config.key("redirect-uri"),
                    "is required for the authorization code flow");
        }
    }

    public ClientConfig config() {
        return config;
    }

    /**
     * Starts an authorization for {@code userKey}: redirect the browser to the returned URI.
     *
     * @throws TokenClientException when the authorization endpoint cannot be discovered
     */
    public AuthorizationRequest start(String userKey) {
        Objects.requireNonNull(userKey, "userKey");
        URI endpoint = call(connection::authorizationUri);
        connection.discovered().map(ServerMetadata::codeChallengeMethodsSupported).ifPresent(methods -> {
            // RFC 8414: code_challenge_methods_supported omitted means no PKCE advertised; we send S256 anyway.
            if (!methods.isEmpty() && !methods.contains("S256")) {
                throw new TokenClientException("OAuth client '" + config.name() + "': the server does not support"
                        + " PKCE S256", null, null, 0, null);
            }
        });
        String state = Pkce.randomToken(random, 32);
        String verifier = Pkce.verifier(random);
        long now = connection.clock().millis();
        synchronized (pending) {
            pending.values().removeIf(p -> p.expiresAt <= now);
            while (pending.size() >= maxPending) {
                pending.remove(pending.keySet().iterator().next()); // the oldest
            }
            pending.put(state, new Pending(userKey, verifier, now + config.authorizationTtl().toMillis()));
        }
        List<Map.Entry<String, String>> q = new ArrayList<>();
        q.add(Map.entry("response_type", "code"));                           // response_type (REQUIRED)
        q.add(Map.entry("client_id", config.clientId()));                    // client_id (REQUIRED)
        q.add(Map.entry("redirect_uri", config.redirectUri().orElseThrow().toString())); // redirect_uri (OPTIONAL)
        config.scopeParameter().ifPresent(s -> q.add(Map.entry("scope", s))); // scope (OPTIONAL)
        q.add(Map.entry("state", state));                                    // state (RECOMMENDED)
        q.add(Map.entry("code_challenge", Pkce.challenge(verifier)));        // RFC 7636 §4.3 (REQUIRED)
        q.add(Map.entry("code_challenge_method", "S256"));
        for (URI resource : config.resources()) {
            q.add(Map.entry("resource", resource.toString()));               // RFC 8707 §2.1
        }
        Optional<URI> par = parEndpoint();
        if (par.isPresent()) {
            // RFC 9126 §2.1: the same parameters, pushed with client authentication; the client_id goes in the
            // body with the authentication unless that is HTTP Basic (then it stays a request parameter).
            List<Map.Entry<String, String>> pushed = q.stream().filter(p -> !p.getKey().equals("client_id")
                    || config.authMethod() == ClientAuthMethod.CLIENT_SECRET_BASIC && !config.privateKeyJwt()).toList();
            String requestUri = call(() -> connection.exchanges().pushAuthorizationRequest(par.get(), pushed));
            // RFC 9126 §4: the authorization request then carries client_id and request_uri only
            q.clear();
            q.add(Map.entry("client_id", config.clientId()));
            q.add(Map.entry("request_uri", requestUri));
        }
        String query = AuthorizationServerExchanges.formBody(q).replace("+", "%20");
        String base = endpoint.toString();
        URI uri = URI.create(base + (endpoint.getRawQuery() == null ? "?" : "&") + query);
        return new AuthorizationRequest(uri, state);
    }

    /** The PAR endpoint to push to, as {@code par} says; {@code always} without one is an error. */
    private Optional<URI> parEndpoint() {
        return switch (config.par()) {
            case NEVER -> Optional.empty();
            case AUTO -> call(connection::parUri);
            case ALWAYS -> Optional.of(call(connection::parUri).orElseThrow(() -> new TokenClientException(
                    "OAuth client '" + config.name() + "' has par=always, but the server advertises no"
                            + " pushed_authorization_request_endpoint; set " + config.key("par-url"), null, null, 0,
                    null)));
        };
    }

    /**
     * Completes the authorization from the callback's query parameters ({@code code}, {@code state}, {@code iss};
     * or {@code error}, {@code error_description}) and stores the user's tokens.
     *
     * @throws TokenClientException when the callback is refused (unknown, reused, expired or foreign state; wrong
     *     or missing {@code iss}; an {@code error} from the server) or the code exchange fails
     */
    public UserTokens complete(String userKey, Map<String, String> callback) {
        Objects.requireNonNull(userKey, "userKey");
        String state = callback.get("state");
        if (state == null || state.isEmpty()) {
            throw refused("the callback has no state");
        }
        Pending p;
        synchronized (pending) {
            p = pending.remove(state); // one use only
        }
        long now = connection.clock().millis();
        if (p == null) {
            throw refused("the state is unknown or was already used");
        }
        if (p.expiresAt <= now) {
            throw refused("the authorization expired; start again");
        }
        if (!p.userKey.equals(userKey)) {
            throw refused("the state was issued for another user");
        }
        checkIssuer(callback.get("iss"));
        String error = callback.get("error");
        if (error != null) {
            // RFC 6749 §4.1.2.1: the server refused, e.g. access_denied when the user said no.
            throw new TokenClientException("OAuth client '" + config.name() + "': the authorization was refused ("
                    + error.replaceAll("[^\\x20-\\x7E]", "?") + ")", error, callback.get("error_description"), 0,
                    null);
        }
        String code = callback.get("code");
        if (code == null || code.isEmpty()) {
            throw refused("the callback has no code");
        }
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(Map.entry("grant_type", "authorization_code"));                     // grant_type (REQUIRED)
        params.add(Map.entry("code", code));                                           // code (REQUIRED)
        params.add(Map.entry("redirect_uri", config.redirectUri().orElseThrow().toString())); // (REQUIRED)
        params.add(Map.entry("code_verifier", p.verifier));                            // RFC 7636 §4.5
        for (URI resource : config.resources()) {
            params.add(Map.entry("resource", resource.toString()));
        }
        TokenResponse response = call(() -> connection.exchanges().token(connection.tokenUri(), params));
        UserTokens tokens = toUserTokens(response, Optional.empty());
        store.put(userKey, tokens);
        return tokens;
    }

    /**
     * The user's access token, refreshed when it is within {@code refresh-skew} of expiry.
     *
     * @throws TokenClientException when the user has no tokens, or they expired and cannot be refreshed (the user
     *     must sign in again: {@link #start(String)}); the refresh token is then forgotten
     */
    public AccessToken accessToken(String userKey) {
        UserTokens tokens = store.get(userKey).orElseThrow(() -> notSignedIn());
        Instant now = connection.clock().instant();
        if (!dueForRefresh(tokens.accessToken(), now)) {
            return tokens.accessToken();
        }
        if (!tokens.canRefreshAt(now)) {
            if (!tokens.accessToken().expiresBefore(now)) {
                return tokens.accessToken();
            }
            store.remove(userKey);
            throw notSignedIn();
        }
        return refresh(userKey, tokens).accessToken();
    }

    /** A {@link TokenClient} view of one user's tokens, e.g. for a {@code BearerClientFilter}. */
    public TokenClient forUser(String userKey) {
        Objects.requireNonNull(userKey, "userKey");
        class UserTokenClient implements TokenClient, SenderConstraint.Capable {
            @Override
            public AccessToken accessToken() {
                return AuthorizationCodeFlow.this.accessToken(userKey);
            }

            @Override
            public Optional<DpopProofs> dpop() {
                return connection.dpop();
            }

            @Override
            public boolean awaitingResourceDiscovery() {
                return false;
            }

            @Override
            public boolean discoverFromResource(URI requestUri, String resourceMetadataUrl) {
                return false; // a user's tokens come from the server that signed the user in
            }

            @Override
            public void invalidate(AccessToken rejected) {
                AuthorizationCodeFlow.this.invalidate(userKey, rejected);
            }
        }
        return new UserTokenClient();
    }

    /** Marks the user's access token as expired if it is {@code rejected}, so the next call refreshes it. */
    public void invalidate(String userKey, AccessToken rejected) {
        store.get(userKey).ifPresent(t -> {
            if (t.accessToken().value().equals(rejected.value())) {
                AccessToken expired = new AccessToken(t.accessToken().value(), t.accessToken().tokenType(),
                        Optional.of(Instant.EPOCH), t.accessToken().scopes());
                store.put(userKey, new UserTokens(expired, t.refreshToken(), t.refreshExpiresAt()));
            }
        });
    }

    /**
     * Forgets the user's tokens and revokes the refresh token (RFC 7009) when the server has a revocation
     * endpoint. A failed revocation is logged, not thrown.
     */
    public void logout(String userKey) {
        Optional<UserTokens> tokens = store.get(userKey);
        store.remove(userKey);
        if (tokens.isEmpty() || tokens.get().refreshToken().isEmpty()) {
            return;
        }
        try {
            Optional<URI> uri = connection.revocationUri();
            if (uri.isPresent()) {
                connection.exchanges().revoke(uri.get(), new Secret(tokens.get().refreshToken().get()),
                        "refresh_token");
            }
        } catch (EndpointException e) {
            LOG.log(Level.WARNING, "OAuth client ''{0}'' could not revoke a user''s refresh token: {1}",
                    new Object[] {config.name(), e.getMessage()});
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        connection.close();
    }

    /** How many authorizations are waiting for their callback. */
    int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    private boolean dueForRefresh(AccessToken token, Instant now) {
        return token.expiresAt().map(exp -> !now.plus(config.refreshSkew()).isBefore(exp)).orElse(false);
    }

    /** One refresh per user at a time; a caller that finds one running waits for it. */
    private UserTokens refresh(String userKey, UserTokens seen) {
        CompletableFuture<UserTokens> mine = new CompletableFuture<>();
        CompletableFuture<UserTokens> running = refreshing.putIfAbsent(userKey, mine);
        if (running == null) {
            try {
                // Another thread may have refreshed between our read and our putIfAbsent: never send a refresh
                // token that has just been rotated away.
                UserTokens current = store.get(userKey).orElse(null);
                if (current != null && !current.refreshToken().equals(seen.refreshToken())) {
                    mine.complete(current);
                } else {
                    mine.complete(doRefresh(userKey, seen));
                }
            } catch (TokenClientException e) {
                mine.completeExceptionally(e);
            } finally {
                refreshing.remove(userKey, mine);
            }
            running = mine;
        }
        try {
            return running.get(connection.exchanges().deadline().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TokenClientException t) {
                throw new TokenClientException(t.getMessage(), t.error().orElse(null),
                        t.errorDescription().orElse(null), t.httpStatus(), t);
            }
            throw new TokenClientException("OAuth client '" + config.name() + "': refresh failed", null, null, 0,
                    e.getCause());
        } catch (TimeoutException e) {
            throw new TokenClientException("OAuth client '" + config.name() + "': refresh timed out", null, null, 0,
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenClientException("OAuth client '" + config.name() + "': interrupted", null, null, 0, e);
        }
    }

    private UserTokens doRefresh(String userKey, UserTokens seen) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(Map.entry("grant_type", "refresh_token"));
        params.add(Map.entry("refresh_token", seen.refreshToken().orElseThrow()));
        for (URI resource : config.resources()) {
            params.add(Map.entry("resource", resource.toString()));
        }
        try {
            TokenResponse response = connection.exchanges().token(connection.tokenUri(), params);
            UserTokens tokens = toUserTokens(response, Optional.of(seen));
            store.put(userKey, tokens);
            return tokens;
        } catch (EndpointException e) {
            if (e.invalidGrant()) {
                store.remove(userKey); // the grant is gone: the user has to sign in again
            }
            throw e.toPublic();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenClientException("OAuth client '" + config.name() + "': interrupted", null, null, 0, e);
        }
    }

    private UserTokens toUserTokens(TokenResponse r, Optional<UserTokens> previous) {
        Instant now = connection.clock().instant();
        // RFC 6749 §6: a new refresh token replaces the old one; without one, the old one stays.
        Optional<String> refresh = r.refreshToken().or(() -> previous.flatMap(UserTokens::refreshToken));
        Optional<Instant> refreshExpiresAt = AuthorizationServerExchanges.refreshTokenLifetime(r).map(now::plus)
                .or(() -> r.refreshToken().isPresent() ? Optional.empty()
                        : previous.flatMap(UserTokens::refreshExpiresAt));
        return new UserTokens(AuthorizationServerExchanges.accessToken(r, now), refresh, refreshExpiresAt);
    }

    /** RFC 9207 §2.4: compare {@code iss} with the issuer; refuse its absence when the server advertises it. */
    private void checkIssuer(String iss) {
        Optional<URI> issuer = config.issuer();
        if (iss != null) {
            if (issuer.isPresent() && !iss.equals(issuer.get().toString())) {
                throw refused("the iss parameter is not the configured issuer (mix-up attack?)");
            }
            return;
        }
        Optional<ServerMetadata> metadata = connection.discovered();
        if (metadata.isEmpty() && issuer.isPresent()) {
            try {
                metadata = Optional.of(connection.metadata());
            } catch (EndpointException e) {
                LOG.log(Level.FINE, "OAuth client ''{0}'': no metadata to tell whether iss is advertised: {1}",
                        new Object[] {config.name(), e.getMessage()});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refused("interrupted");
            }
        }
        if (metadata.map(ServerMetadata::authorizationResponseIssParameterSupported).orElse(false)) {
            throw refused("the server advertises the iss parameter but the callback has none");
        }
    }

    private TokenClientException refused(String why) {
        return new TokenClientException("OAuth client '" + config.name() + "': authorization callback refused: "
                + why, null, null, 0, null);
    }

    private TokenClientException notSignedIn() {
        return new TokenClientException("OAuth client '" + config.name() + "': no usable tokens for this user;"
                + " start the authorization again", null, null, 0, null);
    }

    private interface Exchange<T> {
        T run() throws EndpointException, InterruptedException;
    }

    private <T> T call(Exchange<T> exchange) {
        try {
            return exchange.run();
        } catch (EndpointException e) {
            throw e.toPublic();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenClientException("OAuth client '" + config.name() + "': interrupted", null, null, 0, e);
        }
    }
}
