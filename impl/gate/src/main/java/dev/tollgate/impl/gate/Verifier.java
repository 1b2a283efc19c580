package dev.tollgate.impl.gate;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.tollgate.api.Caller;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.introspect.OpaqueTokenVerifier;
import dev.tollgate.impl.jwt.JwtVerifier;
import dev.tollgate.impl.jwt.KeySources;
import dev.tollgate.impl.verification.CallerMapper;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks the credentials a request carries and says who the caller is: the step between
 * {@link CredentialExtractor} and the wrapped request. Missing credentials are a failure in required mode and the
 * anonymous caller in optional mode; malformed ones are always a failure.
 */
public final class Verifier {

    private final GateConfig.Mode mode;
    private final BearerVerifier bearer;
    /** Null when plain headers are off. */
    private final PlainHeaderAuthenticator plainHeaders;

    private Verifier(GateConfig.Mode mode, BearerVerifier bearer, PlainHeaderAuthenticator plainHeaders) {
        this.mode = mode;
        this.bearer = bearer;
        this.plainHeaders = plainHeaders;
    }

    /**
     * Builds every verifier the configuration asks for, plain headers on as the configuration says (on when the
     * key is unset). Reads the JWK set files now, if any are configured.
     *
     * @throws dev.tollgate.impl.config.ConfigurationException when a JWK set file cannot be read
     */
    public static Verifier create(GateConfig config, GateServices services, Clock clock) {
        return create(config, services, config.plainHeaders().enabled().orElse(true), clock);
    }

    /**
     * Builds every verifier the configuration asks for. Reads the JWK set files now, if any are configured.
     *
     * @param plainHeaders whether plain-header credentials are accepted (decided at start from the configuration and
     *     whether anything can check them)
     * @throws dev.tollgate.impl.config.ConfigurationException when a JWK set file cannot be read
     */
    public static Verifier create(GateConfig config, GateServices services, boolean plainHeaders, Clock clock) {
        List<JwtRouter.Route> routes = new ArrayList<>();
        OpaqueTokenVerifier opaque = null;
        for (IssuerConfig issuer : config.issuers()) {
            CallerMapper callers = new CallerMapper(issuer.claims());
            JwtVerifier jwt = issuer.jwt().map(jwtConfig -> {
                JWKSource<SecurityContext> keys = KeySources.create(jwtConfig, clock, issuer.keyPrefix());
                return new JwtVerifier(jwtConfig, keys, callers, clock);
            }).orElse(null);
            OpaqueTokenVerifier introspection = issuer.introspection().map(endpoint -> new OpaqueTokenVerifier(
                    endpoint, callers, config.tokenCacheSize(), config.clockSkew(), clock)).orElse(null);
            if (introspection != null) {
                opaque = introspection;
            }
            routes.add(new JwtRouter.Route(issuer.name(), issuer.issuer(), jwt, introspection));
        }
        JwtRouter router = new JwtRouter(routes, Optional.of(config.jwt().orElse(config.policy())),
                config.clockSkew(), services.localIssuer(), new CallerMapper(config.claims()), clock);
        BearerVerifier bearer = new BearerVerifier(config.maxTokenSize(), router, opaque, config.tokenCacheSize(),
                services.revocationChecker(), config.clockSkew(), clock);
        PlainHeaderAuthenticator plain = plainHeaders ? new PlainHeaderAuthenticator(config.plainHeaders(),
                config.tokenCacheSize(), services.plainCredentialVerifier(), services.revocationChecker(),
                services.accountLockout(), clock) : null;
        return new Verifier(config.mode(), bearer, plain);
    }

    /** As a request from an unknown address under the configured mode. */
    public VerificationResult verify(Credentials credentials) {
        return verify(credentials, mode == GateConfig.Mode.OPTIONAL, null);
    }

    /**
     * @param anonymousAllowed whether a request without credentials passes (optional mode, or an optional path)
     * @param clientAddress    the request's remote address, for the plain-header lockout; may be null
     */
    public VerificationResult verify(Credentials credentials, boolean anonymousAllowed, String clientAddress) {
        if (credentials instanceof Credentials.Bearer token) {
            return bearer.verify(token.token());
        }
        if (credentials instanceof Credentials.PlainHeaders plain) {
            // Only extracted when plain headers are on; refused like wrong ones should they come otherwise.
            return plainHeaders != null ? plainHeaders.verify(plain.email(), plain.password(), clientAddress)
                    : Failure.of(ProblemType.INVALID_CREDENTIALS);
        }
        if (credentials instanceof Credentials.Malformed malformed) {
            return new Failure(ProblemType.MALFORMED_REQUEST, malformed.reason());
        }
        // Credentials.None: RFC 6750 §3.1, no error code for a request without credentials.
        return anonymousAllowed
                ? VerificationResult.Success.of(Caller.anonymous())
                : Failure.of(ProblemType.MISSING_CREDENTIALS);
    }
}
