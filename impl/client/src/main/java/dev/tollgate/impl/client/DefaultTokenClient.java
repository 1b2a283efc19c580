package dev.tollgate.impl.client;

import dev.tollgate.api.client.AccessToken;
import dev.tollgate.api.client.TokenClient;
import dev.tollgate.api.error.TokenClientException;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.protocol.TokenResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The token client: one token for all callers, obtained, cached and refreshed for one configured client.
 *
 * <h2>Hot path</h2>
 * A valid cached token is returned after one volatile read of an immutable {@link State} and one clock read: no
 * lock, no allocation.
 *
 * <h2>Single flight</h2>
 * When the token is absent, or inside {@code refresh-skew} of its expiry, exactly one request goes to the token
 * endpoint however many threads ask: the first installs a {@link CompletableFuture} by compare-and-set, the others
 * find it. Callers that still hold an unexpired token keep using it while the refresh runs in the background;
 * callers without one wait for that single request (at most the time its exchanges may take).
 *
 * <h2>Lifetimes</h2>
 * <ul>
 *   <li>The refresh starts {@code refresh-skew} before expiry, but never earlier than half the token's lifetime
 *       and never sooner than {@value #MIN_TOKEN_USE_MILLIS} ms after the token was obtained; a token is used
 *       for at least that long even if {@code expires_in} is shorter. So a tiny {@code expires_in} cannot cause a
 *       request storm.</li>
 *   <li>A token without {@code expires_in} is cached and treated as valid until {@link #invalidate} is called
 *       (the API's 401 {@code invalid_token}, via the bearer filter).</li>
 * </ul>
 *
 * <h2>Refresh tokens</h2>
 * When the last response carried a {@code refresh_token}, the next token comes from the refresh grant first; a
 * rotated refresh token replaces the old one, and one past its {@code refresh_expires_in} is not used. When the
 * server refuses it with {@code invalid_grant}, the client falls back to its configured grant (for grant-type
 * {@code refresh_token} there is nothing to fall back to: a new {@code refresh-token} must be configured).
 *
 * <h2>Failures and back-off</h2>
 * Every failure is a {@link TokenClientException} carrying the endpoint's {@code error}, {@code error_description}
 * and HTTP status. After a failure no request is sent before the back-off ends: {@code Retry-After} of a 429 or 503
 * when given, otherwise (and at least) full jitter, a random delay up to {@code backoff-initial × 2^(failures−1)}
 * capped at {@code backoff-max}, never under {@value #MIN_RETRY_DELAY_MILLIS} ms. During the back-off, callers
 * that hold an unexpired token get it; callers that have none get a {@code TokenClientException} at once, with the
 * last failure's error and status — they are not held waiting for the back-off, which may be long.
 */
public final class DefaultTokenClient implements TokenClient, SenderConstraint.Capable, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DefaultTokenClient.class.getName());

    /** A token is used for at least this long, and not refreshed sooner. */
    static final long MIN_TOKEN_USE_MILLIS = 1_000;
    /** The shortest back-off after a failure. */
    static final long MIN_RETRY_DELAY_MILLIS = 100;
    /** Token requests one fetch may make: two discovery documents, a refresh, the configured grant. */
    private static final int MAX_EXCHANGES_PER_FETCH = 4;

    private final ServerConnection connection;
    private final ClientConfig config;
    private final Clock clock;
    private final DoubleSupplier random;
    private final long awaitMillis;
    private final AtomicReference<State> state;
    private final AtomicReference<CompletableFuture<State>> inflight = new AtomicReference<>();

    /**
     * The cached token and what is known about the next fetch; replaced as a whole, never changed.
     *
     * @param token the cached token, or null
     * @param refreshAt epoch millis from which a new token is fetched
     * @param expiresAt epoch millis from which {@code token} is no longer handed out
     * @param refreshToken the newest refresh token, or null
     * @param refreshExpiresAt epoch millis from which {@code refreshToken} is not used
     * @param failures consecutive failed fetches
     * @param retryAt epoch millis before which no request is sent
     * @param lastFailure why the last fetch failed, or null
     * @param closed true once {@link #close()} was called
     */
    record State(AccessToken token, long refreshAt, long expiresAt, Secret refreshToken, long refreshExpiresAt,
                 int failures, long retryAt, EndpointException lastFailure, boolean closed) {

        State withoutToken() {
            return new State(null, 0, 0, refreshToken, refreshExpiresAt, failures, retryAt, lastFailure, closed);
        }

        State withoutRefreshToken() {
            return new State(token, refreshAt, expiresAt, null, 0, failures, retryAt, lastFailure, closed);
        }

        State failed(long until, EndpointException e) {
            return new State(token, refreshAt, expiresAt, refreshToken, refreshExpiresAt, failures + 1, until, e,
                    closed);
        }

        State asClosed() {
            return new State(null, 0, 0, refreshToken, refreshExpiresAt, failures, retryAt, lastFailure, true);
        }
    }

    DefaultTokenClient(ServerConnection connection, DoubleSupplier random) {
        this.connection = connection;
        this.config = connection.config();
        this.clock = connection.clock();
        this.random = random;
        this.awaitMillis = connection.exchanges().deadline().toMillis() * MAX_EXCHANGES_PER_FETCH + 1_000;
        Secret configuredRefresh = config.grantType() == GrantType.REFRESH_TOKEN
                ? config.refreshToken().orElseThrow() : null;
        this.state = new AtomicReference<>(
                new State(null, 0, 0, configuredRefresh, Long.MAX_VALUE, 0, 0, null, false));
    }

    /** The configuration this client was built from. */
    public ClientConfig config() {
        return config;
    }

    @Override
    public AccessToken accessToken() {
        State s = state.get();
        AccessToken token = s.token;
        if (token != null && clock.millis() < s.refreshAt) {
            return token;
        }
        return acquire();
    }

    @Override
    public Optional<DpopProofs> dpop() {
        return connection.dpop();
    }

    @Override
    public boolean awaitingResourceDiscovery() {
        return connection.awaitingResourceDiscovery();
    }

    /**
     * RFC 9728 §5: configures the token endpoint from the metadata of the resource that answered
     * {@code requestUri} with 401 and {@code resource_metadata}, when {@code resource-metadata-discovery} allows it.
     * Clears the back-off of the failures that the missing endpoint caused.
     */
    @Override
    public boolean discoverFromResource(URI requestUri, String resourceMetadataUrl) {
        try {
            if (!connection.discoverFromResource(requestUri, resourceMetadataUrl)) {
                return false;
            }
        } catch (EndpointException e) {
            throw e.toPublic();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenClientException("OAuth client '" + config.name() + "': interrupted", null, null, 0, e);
        }
        state.updateAndGet(cur -> new State(cur.token, cur.refreshAt, cur.expiresAt, cur.refreshToken,
                cur.refreshExpiresAt, 0, 0, null, cur.closed));
        LOG.info(() -> "OAuth client '" + config.name() + "' uses the authorization server "
                + connection.issuer().map(URI::toString).orElse("?") + ", named by " + requestUri.getHost());
        return true;
    }

    @Override
    public void invalidate(AccessToken rejected) {
        if (rejected == null) {
            return;
        }
        State before = state.getAndUpdate(cur -> cur.token != null && cur.token.value().equals(rejected.value())
                ? cur.withoutToken() : cur);
        if (before.token != null && before.token.value().equals(rejected.value())) {
            LOG.fine(() -> "OAuth client '" + config.name() + "': token invalidated after it was rejected");
        }
    }

    /**
     * Stops handing out tokens and, with {@code revoke-on-shutdown}, revokes the refresh token (or, without one,
     * the access token) per RFC 7009. Failures to revoke are logged, not thrown.
     */
    @Override
    public void close() {
        State before = state.getAndUpdate(State::asClosed);
        if (before.closed) {
            return;
        }
        try {
            if (config.revokeOnShutdown()) {
                revoke(before);
            }
        } finally {
            connection.close();
        }
    }

    /** The slow path: no token, or one due for refresh. */
    private AccessToken acquire() {
        if (config.grantType() == GrantType.AUTHORIZATION_CODE) {
            throw new TokenClientException("OAuth client '" + config.name() + "' uses the authorization code"
                    + " grant: its tokens belong to users, use AuthorizationCodeFlow.accessToken(userKey)",
                    null, null, 0, null);
        }
        for (int attempt = 0; attempt < 8; attempt++) {
            State s = state.get();
            long now = clock.millis();
            if (s.closed) {
                throw new TokenClientException("OAuth client '" + config.name() + "' is closed", null, null, 0,
                        null);
            }
            if (s.token != null && now < s.refreshAt) {
                return s.token;
            }
            boolean usable = s.token != null && now < s.expiresAt;
            CompletableFuture<State> flight = inflight.get();
            if (flight == null) {
                if (now < s.retryAt) {
                    if (usable) {
                        return s.token;
                    }
                    throw backingOff(s, now);
                }
                CompletableFuture<State> mine = new CompletableFuture<>();
                if (!inflight.compareAndSet(null, mine)) {
                    continue; // another thread started a fetch: look again
                }
                if (state.get() != s) {
                    // A fetch finished (or the token was invalidated) between our read and our CAS: look again
                    // rather than send a second request.
                    inflight.compareAndSet(mine, null);
                    mine.complete(state.get());
                    continue;
                }
                flight = mine;
                start(mine, s, usable);
            }
            if (usable) {
                return s.token; // keep using it while the refresh is in flight
            }
            State result = await(flight);
            if (result.token != null && clock.millis() < result.expiresAt) {
                return result.token;
            }
        }
        throw new TokenClientException("OAuth client '" + config.name() + "' could not obtain a token: the token"
                + " kept changing", null, null, 0, null);
    }

    /** Runs the fetch in the caller's thread when it has to wait anyway, in the background when it does not. */
    private void start(CompletableFuture<State> mine, State s, boolean callerHasToken) {
        if (!callerHasToken) {
            runFetch(mine, s);
            return;
        }
        try {
            connection.executor().execute(() -> runFetch(mine, s));
        } catch (RejectedExecutionException e) {
            finish(mine, null, EndpointException.noResponse("OAuth client '" + config.name() + "' is closed", e),
                    false);
        }
    }

    private void runFetch(CompletableFuture<State> mine, State s) {
        try {
            finish(mine, fetch(s), null, false);
        } catch (EndpointException e) {
            finish(mine, null, e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(mine, null, EndpointException.noResponse("OAuth client '" + config.name()
                    + "' token request interrupted", e), false);
        } catch (RuntimeException e) {
            finish(mine, null, EndpointException.noResponse("OAuth client '" + config.name()
                    + "' token request failed (" + e.getClass().getSimpleName() + ")", e), true);
        }
    }

    /** State first, then the in-flight slot, then the waiters: whoever looks next sees the outcome. */
    private void finish(CompletableFuture<State> mine, State next, EndpointException failure, boolean backOff) {
        if (failure != null && backOff) {
            long now = clock.millis();
            State after = state.updateAndGet(cur -> cur.failed(now + delayMillis(cur.failures + 1, failure), failure));
            LOG.log(Level.WARNING, "{0}; no new token request for {1} ms (failure {2} in a row)",
                    new Object[] {failure.getMessage(), Long.toString(after.retryAt - now),
                        Integer.toString(after.failures)});
        }
        inflight.compareAndSet(mine, null);
        if (failure != null) {
            mine.completeExceptionally(failure);
        } else {
            mine.complete(next);
        }
    }

    /** Back-off after the {@code failures}-th failure in a row. */
    long delayMillis(int failures, EndpointException failure) {
        long initial = config.backoffInitial().toMillis();
        long max = config.backoffMax().toMillis();
        int shift = Math.min(failures - 1, 30);
        long cap = Math.min(max, initial << shift < 0 ? max : initial << shift);
        long jitter = (long) (random.getAsDouble() * cap);
        long delay = Math.max(MIN_RETRY_DELAY_MILLIS, jitter);
        Optional<Duration> retryAfter = failure.retryAfter();
        if (retryAfter.isPresent()) {
            delay = Math.max(delay, retryAfter.get().toMillis());
        }
        return delay;
    }

    /** One fetch: refresh grant first when there is a usable refresh token, else the configured grant. */
    private State fetch(State s) throws EndpointException, InterruptedException {
        URI tokenUri = connection.tokenUri();
        AuthorizationServerExchanges exchanges = connection.exchanges();
        if (s.refreshToken != null && clock.millis() < s.refreshExpiresAt) {
            try {
                return success(exchanges.token(tokenUri, refreshParameters(s.refreshToken)));
            } catch (EndpointException e) {
                if (!e.invalidGrant()) {
                    throw e;
                }
                // RFC 6749 §5.2 invalid_grant: the refresh token is invalid, expired or revoked. Never use it again.
                state.updateAndGet(cur -> cur.refreshToken == s.refreshToken ? cur.withoutRefreshToken() : cur);
                if (config.grantType() == GrantType.REFRESH_TOKEN) {
                    throw e;
                }
                LOG.fine(() -> "OAuth client '" + config.name() + "': refresh token refused, using grant "
                        + config.grantType().value());
            }
        }
        if (config.grantType() == GrantType.REFRESH_TOKEN) {
            throw EndpointException.noResponse("OAuth client '" + config.name() + "' has no usable refresh token"
                    + " (refused or expired); configure a new " + config.key("refresh-token"), null);
        }
        return success(exchanges.token(tokenUri, grantParameters()));
    }

    /** RFC 6749 §4.4.2 / §4.3.2: the configured grant's parameters. */
    private List<Map.Entry<String, String>> grantParameters() {
        List<Map.Entry<String, String>> p = new ArrayList<>();
        p.add(Map.entry("grant_type", config.grantType().value()));             // grant_type (REQUIRED)
        if (config.grantType() == GrantType.PASSWORD) {
            p.add(Map.entry("username", config.username().orElseThrow()));      // username (REQUIRED)
            p.add(Map.entry("password", config.password().orElseThrow().value())); // password (REQUIRED)
        }
        config.scopeParameter().ifPresent(scope -> p.add(Map.entry("scope", scope))); // scope (OPTIONAL)
        addAudience(p);
        return p;
    }

    /** RFC 6749 §6: the refresh grant; the scope is left out, so the original scope is kept. */
    private List<Map.Entry<String, String>> refreshParameters(Secret refreshToken) {
        List<Map.Entry<String, String>> p = new ArrayList<>();
        p.add(Map.entry("grant_type", "refresh_token"));                        // grant_type (REQUIRED)
        p.add(Map.entry("refresh_token", refreshToken.value()));                // refresh_token (REQUIRED)
        addAudience(p);
        return p;
    }

    private void addAudience(List<Map.Entry<String, String>> p) {
        config.audience().ifPresent(a -> p.add(Map.entry("audience", a)));
        for (URI resource : config.resources()) {
            p.add(Map.entry("resource", resource.toString()));                  // RFC 8707 §2.1 resource
        }
    }

    private State success(TokenResponse r) {
        long now = clock.millis();
        AccessToken token = AuthorizationServerExchanges.accessToken(r, Instant.ofEpochMilli(now));
        long refreshAt;
        long expiresAt;
        if (r.expiresIn().isPresent()) {
            long life = r.expiresIn().get().toMillis();
            long skew = Math.min(config.refreshSkew().toMillis(), life / 2);
            refreshAt = now + Math.max(life - skew, MIN_TOKEN_USE_MILLIS);
            expiresAt = now + Math.max(life, MIN_TOKEN_USE_MILLIS);
        } else {
            refreshAt = Long.MAX_VALUE; // valid until invalidated
            expiresAt = Long.MAX_VALUE;
        }
        Optional<Secret> issuedRefresh = r.refreshToken().map(Secret::new);
        Optional<Duration> refreshLifetime = AuthorizationServerExchanges.refreshTokenLifetime(r);
        State next = state.updateAndGet(cur -> {
            if (cur.closed) {
                return cur;
            }
            // RFC 6749 §6: a new refresh token replaces the old one; without one, the old one stays.
            Secret refresh = issuedRefresh.orElse(cur.refreshToken);
            long refreshExpiresAt = refreshLifetime.map(d -> now + d.toMillis())
                    .orElse(issuedRefresh.isPresent() ? Long.MAX_VALUE : cur.refreshExpiresAt);
            return new State(token, refreshAt, expiresAt, refresh, refreshExpiresAt, 0, 0, null, false);
        });
        // AccessToken.toString() prints no token value
        LOG.fine(() -> "OAuth client '" + config.name() + "' obtained " + token);
        return next;
    }

    private State await(CompletableFuture<State> flight) {
        try {
            return flight.get(awaitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EndpointException failure) {
                throw failure.toPublic();
            }
            throw new TokenClientException("OAuth client '" + config.name() + "' token request failed", null, null,
                    0, e.getCause());
        } catch (TimeoutException e) {
            throw new TokenClientException("OAuth client '" + config.name() + "': no token within " + awaitMillis
                    + " ms", null, null, 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenClientException("OAuth client '" + config.name() + "': interrupted while waiting for a"
                    + " token", null, null, 0, e);
        }
    }

    private TokenClientException backingOff(State s, long now) {
        String context = "OAuth client '" + config.name() + "' has no token and sends no token request until "
                + Instant.ofEpochMilli(s.retryAt) + " (" + (s.retryAt - now) + " ms) after " + s.failures
                + " failure(s)";
        if (s.lastFailure == null) {
            return new TokenClientException(context, null, null, 0, null);
        }
        return s.lastFailure.toPublic(context + "; last");
    }

    private void revoke(State s) {
        Secret token = s.refreshToken;
        String hint = "refresh_token";
        if (token == null && s.token != null && clock.millis() < s.expiresAt) {
            token = new Secret(s.token.value());
            hint = "access_token";
        }
        if (token == null) {
            return;
        }
        try {
            Optional<URI> uri = connection.revocationUri();
            if (uri.isEmpty()) {
                LOG.warning("OAuth client '" + config.name() + "': revoke-on-shutdown is set but the server has"
                        + " no revocation endpoint");
                return;
            }
            connection.exchanges().revoke(uri.get(), token, hint);
            LOG.fine("OAuth client '" + config.name() + "' revoked its " + hint);
        } catch (EndpointException e) {
            LOG.log(Level.WARNING, "OAuth client ''{0}'' could not revoke its {1}: {2}",
                    new Object[] {config.name(), hint, e.getMessage()});
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The current state, for tests. */
    State state() {
        return state.get();
    }
}
