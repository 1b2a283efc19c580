package dev.tollgate.impl.introspect;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.api.spi.GateObserver;
import dev.tollgate.impl.cache.BoundedCache;
import dev.tollgate.impl.verification.CallerMapper;
import dev.tollgate.impl.verification.Observations;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Verifies an opaque Bearer token by introspection, with a cache: an active answer is reused until the token's
 * {@code exp} or for {@code max-cache}, whichever comes first; an inactive one (or one refused for its issuer or
 * audience) for {@code inactive-cache}. An unreachable endpoint is {@link VerificationResult.Unavailable}, never a
 * refusal.
 *
 * <p>An active answer passes the same issuer and audience checks as a JWT, with the same keys and problem types: when
 * {@code issuer} is configured its {@code iss} must be that issuer, and when {@code audience} is, its {@code aud} (a
 * string or an array) must name one of them. RFC 7662 makes both OPTIONAL in the answer; an answer without them is
 * refused when they are configured, as a JWT without them would be.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.2">RFC 7662 §2.2</a>
 */
public final class OpaqueTokenVerifier {

    private static final Logger LOG = Logger.getLogger(OpaqueTokenVerifier.class.getName());

    /** Retry-After, in seconds, when the endpoint is unreachable. */
    static final long RETRY_AFTER_SECONDS = 5;

    /** Refusals that asking again would not change, reused like an inactive answer. */
    private static final Set<ProblemType> STABLE_REFUSALS =
            EnumSet.of(ProblemType.TOKEN_INACTIVE, ProblemType.TOKEN_ISSUER, ProblemType.TOKEN_AUDIENCE);

    private final IntrospectionClient client;
    private final IntrospectionConfig config;
    private final CallerMapper callers;
    private final Duration clockSkew;
    private final Clock clock;
    /** Answers by token, bounded with the verified-token cache's eviction instead of emptying itself when full. */
    private final BoundedCache<VerificationResult> cache;
    private final boolean caching;
    /** Told of every cache look-up, hit or miss. */
    private final Supplier<Optional<GateObserver>> observer;

    /** @param maxEntries the most answers kept ({@code tollgate.gate.token-cache-size}); 0 disables the cache */
    public OpaqueTokenVerifier(IntrospectionConfig config, CallerMapper callers, int maxEntries, Duration clockSkew,
                               Clock clock) {
        this(config, callers, maxEntries, clockSkew, clock, Observations.NONE);
    }

    /** @param observer told of every look-up in the cache (none when it is disabled): a hit or a miss */
    public OpaqueTokenVerifier(IntrospectionConfig config, CallerMapper callers, int maxEntries, Duration clockSkew,
                               Clock clock, Supplier<Optional<GateObserver>> observer) {
        this.client = new IntrospectionClient(config);
        this.config = config;
        this.callers = callers;
        this.cache = new BoundedCache<>(maxEntries);
        this.caching = maxEntries > 0;
        this.observer = Objects.requireNonNull(observer, "observer");
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    public VerificationResult verify(String token) {
        long now = clock.millis();
        BoundedCache.Entry<VerificationResult> cached = cache.get(token, now);
        if (cached != null) {
            if (now < cached.validUntilMillis()) {
                Observations.introspectionCache(observer, true);
                return cached.value();
            }
            cache.remove(cached);
        }
        if (caching) {
            Observations.introspectionCache(observer, false);
        }
        Map<String, Object> answer;
        try {
            answer = client.introspect(token);
        } catch (IntrospectionClient.UnavailableException e) {
            LOG.fine(() -> "Token not verified: " + e.getMessage());
            return new VerificationResult.Unavailable(RETRY_AFTER_SECONDS);
        }
        return remember(token, interpret(answer, now), now);
    }

    private VerificationResult interpret(Map<String, Object> answer, long now) {
        // active (REQUIRED): anything but the JSON literal true is inactive.
        if (!Boolean.TRUE.equals(answer.get("active"))) {
            LOG.fine("Token refused: " + ProblemType.TOKEN_INACTIVE);
            return Failure.of(ProblemType.TOKEN_INACTIVE);
        }
        // iss (OPTIONAL, RFC 7662 §2.2): the configured issuer's, as for a JWT (RFC 9068 §4).
        if (config.issuer().isPresent() && !config.issuer().get().equals(answer.get("iss"))) {
            LOG.fine("Token refused: " + ProblemType.TOKEN_ISSUER);
            return Failure.of(ProblemType.TOKEN_ISSUER);
        }
        // aud (OPTIONAL, RFC 7662 §2.2): a string or an array; one of ours, as for a JWT (RFC 9068 §4).
        if (!config.audiences().isEmpty() && !namesOneOf(answer.get("aud"), config.audiences())) {
            LOG.fine("Token refused: " + ProblemType.TOKEN_AUDIENCE);
            return Failure.of(ProblemType.TOKEN_AUDIENCE);
        }
        Optional<Caller> caller = callers.toCaller(answer, CredentialKind.OPAQUE_TOKEN);
        if (caller.isEmpty()) {
            return VerificationResult.Failure.missingClaim("sub");
        }
        Optional<Instant> expiry = caller.get().expiresAt();
        if (expiry.isPresent() && now >= expiry.get().plus(clockSkew).toEpochMilli()) {
            return Failure.of(ProblemType.TOKEN_EXPIRED);
        }
        // cnf.jkt (RFC 9449 §6.2): the introspection answer says which key a DPoP-bound token is bound to
        if (VerificationResult.Success.hasMalformedBinding(answer)) {
            return VerificationResult.Failure.MALFORMED_BINDING;
        }
        Object jti = answer.get("jti");
        return new VerificationResult.Success(caller.get(), jti instanceof String s ? s : null,
                VerificationResult.Success.boundKeyThumbprint(answer).orElse(null));
    }

    private static boolean namesOneOf(Object audience, Set<String> accepted) {
        if (audience instanceof String single) {
            return accepted.contains(single);
        }
        if (audience instanceof Collection<?> many) {
            return many.stream().anyMatch(accepted::contains);
        }
        return false;
    }

    private VerificationResult remember(String token, VerificationResult result, long now) {
        long until;
        if (result instanceof VerificationResult.Success success) {
            until = now + config.maxCache().toMillis();
            Optional<Instant> expiry = success.caller().expiresAt();
            if (expiry.isPresent()) {
                until = Math.min(until, expiry.get().plus(clockSkew).toEpochMilli());
            }
        } else if (result instanceof Failure failure && STABLE_REFUSALS.contains(failure.problem())) {
            until = now + config.inactiveCache().toMillis();
        } else {
            return result;
        }
        cache.put(token, result, until, now);
        return result;
    }
}
