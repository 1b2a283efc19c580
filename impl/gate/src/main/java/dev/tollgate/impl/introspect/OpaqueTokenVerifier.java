package dev.tollgate.impl.introspect;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.verification.CallerMapper;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Verifies an opaque Bearer token by introspection, with a cache: an active answer is reused until the token's
 * {@code exp} or for {@code max-cache}, whichever comes first; an inactive one for {@code inactive-cache}. An
 * unreachable endpoint is {@link VerificationResult.Unavailable}, never a refusal.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.2">RFC 7662 §2.2</a>
 */
public final class OpaqueTokenVerifier {

    private static final Logger LOG = Logger.getLogger(OpaqueTokenVerifier.class.getName());

    /** Retry-After, in seconds, when the endpoint is unreachable. */
    static final long RETRY_AFTER_SECONDS = 5;

    private record Entry(VerificationResult result, long expiresAtMillis) {
    }

    private final IntrospectionClient client;
    private final IntrospectionConfig config;
    private final CallerMapper callers;
    private final Duration clockSkew;
    private final Clock clock;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    /** @param maxEntries the most answers kept ({@code tollgate.gate.token-cache-size}); 0 disables the cache */
    public OpaqueTokenVerifier(IntrospectionConfig config, CallerMapper callers, int maxEntries, Duration clockSkew,
                               Clock clock) {
        this.client = new IntrospectionClient(config);
        this.config = config;
        this.callers = callers;
        this.maxEntries = maxEntries;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    public VerificationResult verify(String token) {
        long now = clock.millis();
        Entry cached = cache.get(token);
        if (cached != null) {
            if (now < cached.expiresAtMillis()) {
                return cached.result();
            }
            cache.remove(token, cached);
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
        Optional<Caller> caller = callers.toCaller(answer, CredentialKind.OPAQUE_TOKEN);
        if (caller.isEmpty()) {
            return Failure.of(ProblemType.TOKEN_CLAIMS);
        }
        Optional<Instant> expiry = caller.get().expiresAt();
        if (expiry.isPresent() && now >= expiry.get().plus(clockSkew).toEpochMilli()) {
            return Failure.of(ProblemType.TOKEN_EXPIRED);
        }
        Object jti = answer.get("jti");
        return new VerificationResult.Success(caller.get(), jti instanceof String s ? s : null);
    }

    private VerificationResult remember(String token, VerificationResult result, long now) {
        long until;
        if (result instanceof VerificationResult.Success success) {
            until = now + config.maxCache().toMillis();
            Optional<Instant> expiry = success.caller().expiresAt();
            if (expiry.isPresent()) {
                until = Math.min(until, expiry.get().plus(clockSkew).toEpochMilli());
            }
        } else if (result instanceof Failure failure && failure.problem() == ProblemType.TOKEN_INACTIVE) {
            until = now + config.inactiveCache().toMillis();
        } else {
            return result;
        }
        if (maxEntries > 0 && until > now) {
            if (cache.size() >= maxEntries) {
                cache.values().removeIf(entry -> entry.expiresAtMillis() <= now);
                if (cache.size() >= maxEntries) {
                    cache.clear();
                }
            }
            cache.put(token, new Entry(result, until));
        }
        return result;
    }
}
