package dev.tollgate.impl.gate;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.introspect.OpaqueTokenVerifier;
import dev.tollgate.impl.jwt.CompactJws;
import dev.tollgate.impl.jwt.JwtConfig;
import dev.tollgate.impl.jwt.JwtVerifier;
import dev.tollgate.impl.jwt.LocalIssuer;
import dev.tollgate.impl.verification.CallerMapper;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Sends each JWT to the verifier of the issuer that issued it, chosen before any key is looked up:
 * <ol>
 *   <li>the token is parsed once (its claims are not parsed again by the verifier); {@code alg: none}, and an
 *       {@code alg} on no verifier's allow-list, are refused for their algorithm (RFC 8725 §3.1, §3.2), whatever
 *       else is wrong with the token;
 *   <li>the application's own authorization server ({@link LocalIssuer}, when the application has one) takes a token
 *       whose {@code kid} is among its keys, which it holds in memory;
 *   <li>else the token's {@code iss}, read from the still unverified payload, picks the trusted issuer configured
 *       with exactly that {@code issuer} (RFC 9068 §4: iss MUST exactly match). An {@code iss} nobody is configured
 *       for is {@code token-issuer} at once: no key lookup, no JWK set refetch, no network call. A short-form issuer
 *       configured without {@code issuer} (only a key source) takes every token, as the only issuer.
 * </ol>
 * Routing only chooses which keys and policy apply; the chosen verifier then checks everything, {@code iss} included.
 * An issuer configured with introspection but without JWT keys has its JWTs introspected.
 */
final class JwtRouter {

    private static final Logger LOG = Logger.getLogger(JwtRouter.class.getName());

    /** The gate's JWT defaults, for the local issuer when no external issuer is configured. */
    private static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);

    /** The longest {@code iss} quoted in a FINE line: it comes from an unverified token. */
    private static final int MAX_LOGGED_ISSUER = 100;
    /** Retry-After, in seconds, when the local issuer's keys cannot be read. */
    static final long LOCAL_KEYS_RETRY_AFTER_SECONDS = 5;

    /**
     * One trusted issuer.
     *
     * @param name the configured name, for logs
     * @param issuer the {@code iss} it is chosen by; empty for a short-form issuer without {@code issuer}, which then
     *     takes every token
     * @param jwt verifies its JWTs; null when it has only introspection
     * @param opaque introspects its tokens; null without introspection
     */
    record Route(String name, Optional<String> issuer, JwtVerifier jwt, OpaqueTokenVerifier opaque) {
    }

    private final Map<String, Route> byIssuer = new HashMap<>();
    /** Every algorithm some verifier here accepts; null when an issuer has its JWTs introspected (any but none). */
    private final Set<JWSAlgorithm> acceptedAlgorithms;
    /** The short-form issuer without {@code issuer}, when it is the only one; null otherwise. */
    private final Route anyIssuer;
    private final Supplier<Optional<LocalIssuer>> localIssuer;
    private final JwtConfig localPolicy;
    private final CallerMapper localCallers;
    private final Clock clock;
    private volatile LocalVerifier local;

    /**
     * @param routes the configured issuers (GateConfig has checked that their {@code issuer}s differ, and that only
     *     a lone issuer lacks one)
     * @param localPolicy the short-form issuer's JWT policy, if it has one: the local issuer's audience and
     *     algorithms
     * @param localIssuer looked up on first use (CDI beans exist only once the application has started)
     * @param localCallers how the local issuer's claims become a caller
     */
    JwtRouter(List<Route> routes, Optional<JwtConfig> localPolicy, Duration clockSkew,
              Supplier<Optional<LocalIssuer>> localIssuer, CallerMapper localCallers, Clock clock) {
        Route catchAll = null;
        for (Route route : routes) {
            if (route.issuer().isPresent()) {
                byIssuer.put(route.issuer().get(), route);
            } else if (route.jwt() != null) {
                catchAll = route;
            }
        }
        this.anyIssuer = catchAll;
        this.localIssuer = localIssuer;
        this.localPolicy = localPolicy.orElseGet(() -> new JwtConfig(Optional.empty(), false, Optional.empty(),
                Optional.empty(), Set.of(), DEFAULT_ALGORITHMS, Optional.empty(), Optional.empty(), clockSkew,
                Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(5)));
        this.acceptedAlgorithms = acceptedAlgorithms(routes, this.localPolicy);
        this.localCallers = localCallers;
        this.clock = clock;
    }

    /**
     * Whether there is nothing to route JWTs to: no issuer known by its {@code iss}, no JWT key source, no local
     * issuer. Then JWTs go to the introspection endpoint of an issuer configured without {@code issuer}, if any.
     */
    boolean isOff() {
        return byIssuer.isEmpty() && anyIssuer == null && localIssuer.get().isEmpty();
    }

    /**
     * Whether the JOSE header of {@code token} names an algorithm no verifier here accepts: {@code none}, or one on
     * no allow-list. Read from the header alone, for a JWT that goes nowhere else ({@link #isOff()}); a header that
     * does not parse is not decided here.
     */
    boolean refusesAlgorithmOf(String token) {
        int dot = token.indexOf('.');
        try {
            Header header = Header.parse(new Base64URL(dot < 0 ? token : token.substring(0, dot)));
            return header instanceof PlainHeader
                    || header instanceof JWSHeader jws && refusesAlgorithm(jws.getAlgorithm());
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    VerificationResult verify(String token) {
        SignedJWT jwt;
        String iss;
        try {
            jwt = CompactJws.parse(token);
            if (refusesAlgorithm(jwt.getHeader().getAlgorithm())) {
                LOG.fine(() -> "Token refused: " + ProblemType.TOKEN_ALGORITHM + " (on no allow-list)");
                return Failure.of(ProblemType.TOKEN_ALGORITHM);
            }
            LocalVerifier ours = local();
            Ownership owner = ours == null ? Ownership.NOT_SIGNED : ours.owns(jwt);
            if (owner == Ownership.SIGNED) {
                return ours.verifier().verify(jwt);
            }
            iss = jwt.getJWTClaimsSet().getIssuer();
            if (owner == Ownership.UNKNOWN && ours.issuer().issuer().equals(iss)) {
                // The local issuer's own token while its keys cannot be read (its database is down, or not yet
                // loaded): a 503 to retry, not a 401 that would make the client throw the token away.
                LOG.fine("Token of the local issuer not checked: its keys cannot be read");
                return new VerificationResult.Unavailable(LOCAL_KEYS_RETRY_AFTER_SECONDS);
            }
        } catch (ParseException e) {
            return JwtVerifier.unparseable(token);
        } catch (StackOverflowError | RuntimeException e) {
            // Defensive, as in JwtVerifier: no token may end in a 500.
            LOG.fine(() -> "Token refused: unexpected " + e.getClass().getSimpleName() + " while parsing");
            return Failure.of(ProblemType.TOKEN_MALFORMED);
        }
        Route route = iss == null ? null : byIssuer.get(iss);
        if (route == null) {
            route = anyIssuer;
        }
        if (route == null) {
            LOG.fine(() -> "Token refused: " + ProblemType.TOKEN_ISSUER + " (iss " + printable(iss)
                    + " is not a trusted issuer)");
            return Failure.of(ProblemType.TOKEN_ISSUER);
        }
        return route.jwt() != null ? route.jwt().verify(jwt) : route.opaque().verify(token);
    }

    private boolean refusesAlgorithm(JWSAlgorithm algorithm) {
        return acceptedAlgorithms != null && !acceptedAlgorithms.contains(algorithm);
    }

    /** The union of the routes' and the local policy's allow-lists; null if a route introspects its JWTs. */
    private static Set<JWSAlgorithm> acceptedAlgorithms(List<Route> routes, JwtConfig localPolicy) {
        Set<JWSAlgorithm> accepted = new HashSet<>(localPolicy.algorithms());
        for (Route route : routes) {
            if (route.jwt() != null) {
                accepted.addAll(route.jwt().algorithms());
            } else if (route.opaque() != null) {
                return null;
            }
        }
        return Set.copyOf(accepted);
    }

    /** An unverified {@code iss}, safe for a log line: printable ASCII only, and bounded. */
    static String printable(String iss) {
        if (iss == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < iss.length() && i < MAX_LOGGED_ISSUER; i++) {
            char c = iss.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.append(iss.length() > MAX_LOGGED_ISSUER ? "...'" : "'").toString();
    }

    private LocalVerifier local() {
        LocalVerifier ours = local;
        if (ours == null) {
            Optional<LocalIssuer> issuer = localIssuer.get();
            if (issuer.isEmpty()) {
                return null;
            }
            ours = new LocalVerifier(issuer.get(), JwtVerifier.forLocalIssuer(issuer.get(), localPolicy,
                    localCallers, clock));
            local = ours;
        }
        return ours;
    }

    private record LocalVerifier(LocalIssuer issuer, JwtVerifier verifier) {

        /**
         * Whether the token's {@code kid} is one of the local issuer's keys (held in memory: no network call);
         * {@link Ownership#UNKNOWN} when the keys cannot be read.
         */
        Ownership owns(SignedJWT jwt) {
            String kid = jwt.getHeader().getKeyID();
            if (kid == null) {
                return Ownership.NOT_SIGNED;
            }
            try {
                return issuer.publicKeys().get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).build()), null)
                        .isEmpty() ? Ownership.NOT_SIGNED : Ownership.SIGNED;
            } catch (KeySourceException | RuntimeException e) {
                return Ownership.UNKNOWN;
            }
        }
    }

    /** Whether a token was signed by the local issuer's keys. */
    private enum Ownership {
        SIGNED, NOT_SIGNED, UNKNOWN
    }
}
