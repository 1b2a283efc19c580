package dev.tollgate.impl.gate;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.util.Base64URL;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.jwt.JwtConfig;
import dev.tollgate.impl.jwt.JwtVerifier;
import dev.tollgate.impl.jwt.LocalIssuer;
import dev.tollgate.impl.verification.CallerMapper;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Sends each JWT to the verifier of the issuer that signed it: the application's own authorization server
 * ({@link LocalIssuer}, when the application has one) for a {@code kid} among its keys, else the configured issuer.
 * Routing by {@code kid} only chooses which keys and policy apply; the chosen verifier then checks everything.
 */
final class JwtRouter {

    /** The gate's JWT defaults, for the local issuer when no external issuer is configured. */
    private static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);

    private final JwtVerifier configured;
    private final Supplier<Optional<LocalIssuer>> localIssuer;
    private final JwtConfig localPolicy;
    private final CallerMapper callers;
    private final Clock clock;
    private volatile LocalVerifier local;

    /**
     * @param configured the configured issuer's verifier; null when none is configured
     * @param localIssuer looked up on first use (CDI beans exist only once the application has started)
     */
    JwtRouter(JwtVerifier configured, Optional<JwtConfig> configuredPolicy, Duration clockSkew,
              Supplier<Optional<LocalIssuer>> localIssuer, CallerMapper callers, Clock clock) {
        this.configured = configured;
        this.localIssuer = localIssuer;
        this.localPolicy = configuredPolicy.orElseGet(() -> new JwtConfig(Optional.empty(), false, Optional.empty(),
                Optional.empty(), Set.of(), DEFAULT_ALGORITHMS, Optional.empty(), Optional.empty(), clockSkew,
                Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(5)));
        this.callers = callers;
        this.clock = clock;
    }

    /** Whether any JWT can be verified at all; false means JWT verification is off. */
    boolean isOff() {
        return configured == null && localIssuer.get().isEmpty();
    }

    VerificationResult verify(String token) {
        LocalVerifier ours = local();
        if (ours != null && ours.signed(token)) {
            return ours.verifier().verify(token);
        }
        return configured != null ? configured.verify(token) : Failure.of(ProblemType.TOKEN_UNKNOWN_KEY);
    }

    private LocalVerifier local() {
        LocalVerifier ours = local;
        if (ours == null) {
            Optional<LocalIssuer> issuer = localIssuer.get();
            if (issuer.isEmpty()) {
                return null;
            }
            ours = new LocalVerifier(issuer.get(), JwtVerifier.forLocalIssuer(issuer.get(), localPolicy, callers,
                    clock));
            local = ours;
        }
        return ours;
    }

    private record LocalVerifier(LocalIssuer issuer, JwtVerifier verifier) {

        /** Whether the token's {@code kid} is one of the local issuer's keys; a header that does not parse is not. */
        boolean signed(String token) {
            int dot = token.indexOf('.');
            try {
                String kid = JWSHeader.parse(new Base64URL(token.substring(0, dot))).getKeyID();
                return kid != null && !issuer.publicKeys()
                        .get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).build()), null).isEmpty();
            } catch (ParseException | KeySourceException | RuntimeException e) {
                return false;
            }
        }
    }
}
