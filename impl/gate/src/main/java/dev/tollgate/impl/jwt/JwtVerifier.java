package dev.tollgate.impl.jwt;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.verification.CallerMapper;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import java.text.ParseException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Verifies one compact JWS access token: algorithm allow-list, signature (Nimbus {@link DefaultJWTProcessor} with
 * keys from the configured source only), type, then the claims policy. Every failure maps by its cause, by type,
 * to one {@link ProblemType}; an unreachable key source is {@link VerificationResult.Unavailable}.
 *
 * <p>Steps, in order (the first may have been done by the router that picked this verifier by the token's
 * {@code iss}):
 * <ol>
 *   <li>parse (RFC 7515 §5.2): anything that is not a JWS with a JSON header and a JSON claims set is malformed;
 *   <li>{@code alg} must be on the allow-list; {@code none} never is (RFC 8725 §3.1, §3.2);
 *   <li>{@code typ}, when a type is required (RFC 9068 §4, RFC 8725 §3.11);
 *   <li>a trusted key for {@code kid} and {@code alg}, refetching the key set at most once per cooldown;
 *   <li>the signature;
 *   <li>the claims ({@link ClaimsPolicy}).
 * </ol>
 * The size and shape (two dots) of the token are checked by the caller.
 */
public final class JwtVerifier {

    private static final Logger LOG = Logger.getLogger(JwtVerifier.class.getName());

    private final Set<JWSAlgorithm> algorithms;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final CallerMapper callers;
    private final long retryAfterSeconds;

    public JwtVerifier(JwtConfig config, JWKSource<SecurityContext> keys, CallerMapper callers, Clock clock) {
        this.algorithms = config.acceptedAlgorithms();
        this.callers = callers;
        this.retryAfterSeconds = Math.max(1, (config.jwksRefreshCooldown().toMillis() + 999) / 1000);
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new TypeVerifier(config.requiredType()));
        processor.setJWSKeySelector(new TrustedKeySelector(config.algorithms(), keys,
                config.hmacSecret().map(HmacSecret::key).orElse(null)));
        processor.setJWSVerifierFactory(new VerifierFactory());
        processor.setJWTClaimsSetVerifier(new ClaimsPolicy(config.issuer(), config.audiences(), config.clockSkew(),
                clock));
    }

    /**
     * A verifier for the tokens of the application's own authorization server: RFC 9068 access tokens
     * ({@code typ at+jwt}) signed by its keys, with the gate's clock skew and algorithm allow-list. Their {@code iss}
     * must be the server's issuer, and their {@code aud} one of the gate's audiences or the server itself (its issuer:
     * the default audience of its tokens), always: also when the gate has no audience configured.
     */
    public static JwtVerifier forLocalIssuer(LocalIssuer local, JwtConfig gate, CallerMapper callers, Clock clock) {
        Set<String> audiences = new HashSet<>(gate.audiences());
        audiences.add(local.issuer());
        JwtConfig config = new JwtConfig(Optional.of(local.issuer()), false, Optional.empty(), Optional.empty(),
                audiences, gate.algorithms(), Optional.empty(), Optional.of("at+jwt"), gate.clockSkew(),
                gate.jwksCacheTtl(), gate.jwksRefreshCooldown(), gate.connectTimeout(), gate.readTimeout());
        return new JwtVerifier(config, local.publicKeys(), callers, clock);
    }

    /** The algorithms this verifier accepts (step 2). */
    public Set<JWSAlgorithm> algorithms() {
        return algorithms;
    }

    /** @param token a compact JWS: three base64url parts separated by two dots */
    public VerificationResult verify(String token) {
        SignedJWT jwt;
        try {
            jwt = CompactJws.parse(token);
        } catch (ParseException e) {
            return unparseable(token);
        } catch (StackOverflowError | RuntimeException e) {
            return unexpected(e);
        }
        return verify(jwt);
    }

    /**
     * Verifies a token already parsed (by the router that chose this verifier by its {@code iss}); its claims, if
     * already read, are not parsed again.
     */
    public VerificationResult verify(SignedJWT jwt) {
        try {
            return verifyOrThrow(jwt);
        } catch (StackOverflowError | RuntimeException e) {
            return unexpected(e);
        }
    }

    /**
     * Defensive: no input may turn into a 500. Nimbus already bounds JSON nesting, but a parser bug or an unexpected
     * claim type must still end as a refused token.
     */
    private static VerificationResult unexpected(Throwable e) {
        LOG.fine(() -> "Token refused: unexpected " + e.getClass().getSimpleName() + " while parsing");
        return Failure.of(ProblemType.TOKEN_MALFORMED);
    }

    private VerificationResult verifyOrThrow(SignedJWT jwt) {
        // 2. the algorithm allow-list, before any key is looked at
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!algorithms.contains(algorithm)) {
            return refuse(ProblemType.TOKEN_ALGORITHM);
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return refuse(ProblemType.TOKEN_MALFORMED);
        }
        if (claims == null) {
            return refuse(ProblemType.TOKEN_MALFORMED);
        }
        // 3.-6. type, key, signature and claims, by Nimbus with our selector, verifiers and policy
        try {
            processor.process(jwt, null);
        } catch (TypeVerifier.WrongTypeException e) {
            return refuse(ProblemType.TOKEN_TYPE);
        } catch (ClaimsRejectedException.MissingClaim e) {
            LOG.fine(() -> "Token refused: " + ProblemType.TOKEN_CLAIMS + " (no " + e.claim() + ")");
            return Failure.missingClaim(e.claim());
        } catch (ClaimsRejectedException e) {
            return refuse(e.problemType());
        } catch (BadJWSException e) {
            return refuse(ProblemType.TOKEN_SIGNATURE);
        } catch (BadJOSEException e) {
            // "no matching verifier": a key of the wrong kind for the algorithm; it cannot verify this token
            return refuse(ProblemType.TOKEN_SIGNATURE);
        } catch (UnknownKeyException e) {
            return refuse(ProblemType.TOKEN_UNKNOWN_KEY);
        } catch (KeySourceException e) {
            LOG.fine(() -> "Token not verified: key source unavailable (" + e.getClass().getSimpleName() + ")");
            return new VerificationResult.Unavailable(retryAfterSeconds);
        } catch (JOSEException e) {
            return refuse(ProblemType.TOKEN_SIGNATURE);
        }
        Optional<Caller> caller = callers.toCaller(claims.getClaims(), CredentialKind.JWT);
        if (caller.isEmpty()) {
            return Failure.missingClaim("sub");
        }
        // cnf.jkt (RFC 9449 §6.1): carried with the success, so that the gate can ask for the key's proof
        if (VerificationResult.Success.hasMalformedBinding(claims.getClaims())) {
            return Failure.MALFORMED_BINDING;
        }
        return new VerificationResult.Success(caller.get(), claims.getJWTID(),
                VerificationResult.Success.boundKeyThumbprint(claims.getClaims()).orElse(null));
    }

    /**
     * What a token that is not a JWS gets: an unsecured JWT ({@code alg} {@code none}) is refused for its algorithm
     * (RFC 8725 §3.2), not its shape; anything else is malformed.
     */
    public static VerificationResult unparseable(String token) {
        int dot = token.indexOf('.');
        if (dot > 0) {
            try {
                if (Header.parse(new Base64URL(token.substring(0, dot))) instanceof PlainHeader) {
                    return refuse(ProblemType.TOKEN_ALGORITHM);
                }
            } catch (ParseException | RuntimeException e) {
                // fall through: malformed
            }
        }
        return refuse(ProblemType.TOKEN_MALFORMED);
    }

    private static Failure refuse(ProblemType problem) {
        LOG.fine(() -> "Token refused: " + problem);
        return Failure.of(problem);
    }
}
