package dev.tollgate.impl.gate;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.tollgate.api.Caller;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.dpop.DpopProofVerifier;
import dev.tollgate.impl.dpop.TargetUri;
import dev.tollgate.impl.introspect.OpaqueTokenVerifier;
import dev.tollgate.impl.jwt.JwtVerifier;
import dev.tollgate.impl.jwt.KeySources;
import dev.tollgate.impl.verification.CallerMapper;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import dev.tollgate.impl.verification.VerificationResult.Success;
import java.net.URI;
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
    /** Null when DPoP is off. */
    private final DpopProofVerifier dpop;
    private final boolean dpopRequired;
    private final Optional<URI> externalBaseUrl;

    private Verifier(GateConfig config, BearerVerifier bearer, PlainHeaderAuthenticator plainHeaders,
                     DpopProofVerifier dpop) {
        this.mode = config.mode();
        this.bearer = bearer;
        this.plainHeaders = plainHeaders;
        this.dpop = dpop;
        this.dpopRequired = config.dpop().required();
        this.externalBaseUrl = config.externalBaseUrl();
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
                JWKSource<SecurityContext> keys = KeySources.create(jwtConfig, clock, issuer.keyPrefix(),
                        services.observer());
                return new JwtVerifier(jwtConfig, keys, callers, clock);
            }).orElse(null);
            OpaqueTokenVerifier introspection = issuer.introspection().map(endpoint -> new OpaqueTokenVerifier(
                    endpoint, callers, config.tokenCacheSize(), config.clockSkew(), clock, services.observer()))
                    .orElse(null);
            if (introspection != null) {
                opaque = introspection;
            }
            routes.add(new JwtRouter.Route(issuer.name(), issuer.issuer(), jwt, introspection));
        }
        JwtRouter router = new JwtRouter(routes, Optional.of(config.jwt().orElse(config.policy())),
                config.clockSkew(), services.localIssuer(), new CallerMapper(config.claims()), clock);
        BearerVerifier bearer = new BearerVerifier(config.maxTokenSize(), router, opaque, config.tokenCacheSize(),
                services.revocationChecker(), config.clockSkew(), clock, services.observer());
        PlainHeaderAuthenticator plain = plainHeaders ? new PlainHeaderAuthenticator(config.plainHeaders(),
                config.tokenCacheSize(), services.plainCredentialVerifier(), services.revocationChecker(),
                services.accountLockout(), clock) : null;
        DpopProofVerifier dpop = config.dpop().enabled() ? new DpopProofVerifier(config.dpop(), clock) : null;
        return new Verifier(config, bearer, plain, dpop);
    }

    /** As a request from an unknown address under the configured mode (a DPoP proof then matches no URI). */
    public VerificationResult verify(Credentials credentials) {
        return verify(credentials, mode == GateConfig.Mode.OPTIONAL, null);
    }

    /** As {@link #verify(Credentials, boolean, String, String, String)} for a request of no known method or URI. */
    public VerificationResult verify(Credentials credentials, boolean anonymousAllowed, String clientAddress) {
        return verify(credentials, anonymousAllowed, clientAddress, null, null);
    }

    /**
     * @param anonymousAllowed whether a request without credentials passes (optional mode, or an optional path)
     * @param clientAddress    the request's remote address, for the plain-header lockout; may be null
     * @param method           the request method, for a DPoP proof's {@code htm}
     * @param requestUri       the request's raw path ({@code getRequestURI()}), for a DPoP proof's {@code htu}
     */
    public VerificationResult verify(Credentials credentials, boolean anonymousAllowed, String clientAddress,
                                     String method, String requestUri) {
        if (credentials instanceof Credentials.Bearer token) {
            return verifyBearer(token.token());
        }
        if (credentials instanceof Credentials.Dpop token) {
            return verifyDpop(token, method, requestUri);
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

    private VerificationResult verifyBearer(String token) {
        if (dpopRequired) {
            // dpop_bound_access_tokens_required (RFC 9728 §2): no Bearer token is checked at all.
            return Failure.of(ProblemType.DPOP_REQUIRED);
        }
        VerificationResult result = bearer.verify(token);
        if (result instanceof Success success && success.isKeyBound()) {
            // RFC 9449 §7.2: a DPoP-bound token is useless without its key; as Bearer it would be a stolen token.
            return Failure.of(ProblemType.TOKEN_DPOP_BOUND);
        }
        return result;
    }

    /** RFC 9449 §7.1: the token, then its binding, then the proof (which is what costs a signature check). */
    private VerificationResult verifyDpop(Credentials.Dpop credentials, String method, String requestUri) {
        if (dpop == null) {
            // Only extracted when DPoP is on.
            return Failure.of(ProblemType.MISSING_CREDENTIALS);
        }
        List<String> proofs = credentials.proofs();
        if (proofs.isEmpty()) {
            return Failure.of(ProblemType.DPOP_PROOF_MISSING);
        }
        // §4.3 point 1: one DPoP header; a JWS holds no comma, so one that does is two proofs joined.
        if (proofs.size() > 1 || proofs.get(0) == null || proofs.get(0).indexOf(',') >= 0) {
            return Failure.of(ProblemType.DPOP_PROOF_MULTIPLE);
        }
        String proof = proofs.get(0).strip();
        if (proof.isEmpty()) {
            return Failure.of(ProblemType.DPOP_PROOF_MISSING);
        }
        VerificationResult result = bearer.verify(credentials.token());
        if (!(result instanceof Success success)) {
            return result;
        }
        if (!success.isKeyBound()) {
            return Failure.of(ProblemType.TOKEN_NOT_DPOP_BOUND);
        }
        Optional<String> htu = externalBaseUrl.flatMap(base -> requestUri == null ? Optional.empty()
                : TargetUri.ofRequest(base, requestUri));
        if (htu.isEmpty() || method == null) {
            return Failure.of(ProblemType.DPOP_PROOF_URI);
        }
        return dpop.verify(proof, method, htu.get(), credentials.token(), success);
    }

    /** The nonce for {@code DPoP-Nonce} (RFC 9449 §9); empty when DPoP is off or proofs need none. */
    Optional<String> currentDpopNonce() {
        return dpop == null ? Optional.empty() : dpop.currentNonce();
    }

    /** Whether the DPoP scheme is accepted. */
    boolean dpopEnabled() {
        return dpop != null;
    }
}
