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

/**
 * Checks the credentials a request carries and says who the caller is: the step between
 * {@link CredentialExtractor} and the wrapped request. Missing credentials are a failure in required mode and the
 * anonymous caller in optional mode; malformed ones are always a failure.
 */
public final class Verifier {

    private final GateConfig.Mode mode;
    private final BearerVerifier bearer;
    private final PlainHeaderAuthenticator plainHeaders;

    private Verifier(GateConfig.Mode mode, BearerVerifier bearer, PlainHeaderAuthenticator plainHeaders) {
        this.mode = mode;
        this.bearer = bearer;
        this.plainHeaders = plainHeaders;
    }

    /**
     * Builds every verifier the configuration asks for. Reads the JWK set file now, if one is configured.
     *
     * @throws dev.tollgate.impl.config.ConfigurationException when the JWK set file cannot be read
     */
    public static Verifier create(GateConfig config, GateServices services, Clock clock) {
        CallerMapper callers = new CallerMapper(config.rolesClaims());
        JwtVerifier jwt = config.jwt().map(jwtConfig -> {
            JWKSource<SecurityContext> keys = KeySources.create(jwtConfig, clock);
            return new JwtVerifier(jwtConfig, keys, callers, clock);
        }).orElse(null);
        OpaqueTokenVerifier opaque = config.introspection().map(introspection -> new OpaqueTokenVerifier(
                introspection, callers, config.tokenCacheSize(), config.clockSkew(), clock)).orElse(null);
        JwtRouter router = new JwtRouter(jwt, config.jwt(), config.clockSkew(), services.localIssuer(), callers,
                clock);
        BearerVerifier bearer = new BearerVerifier(config.maxTokenSize(), router, opaque, config.tokenCacheSize(),
                services.revocationChecker(), config.clockSkew(), clock);
        PlainHeaderAuthenticator plain = new PlainHeaderAuthenticator(config.plainHeaders(),
                config.tokenCacheSize(), services.plainCredentialVerifier(), services.revocationChecker(), clock);
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
            return plainHeaders.verify(plain.email(), plain.password(), clientAddress);
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
