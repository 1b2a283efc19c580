package dev.tollgate.impl.gate;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.problem.Problem;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Writes every response the gate refuses a request with: the status, the challenges, and an RFC 9457 problem body.
 *
 * <ul>
 *   <li>no credentials, or wrong plain credentials: 401, {@code Bearer realm="…"} with no error code (RFC 6750
 *       §3.1), plus {@code DPoP realm="…", algs="…"} when DPoP is on (RFC 9449 §7.1; and without the Bearer one
 *       when DPoP is required), plus {@code X-API-Headers realm="…"} when the plain headers are enabled;
 *   <li>malformed credentials: 400, {@code error="invalid_request"};
 *   <li>a bad token: 401, {@code error="invalid_token"}; {@code X-API-Expired: true} for an expired one and
 *       {@code X-API-Revoked: true} for a revoked one;
 *   <li>a locked account: 429, and a key source or introspection endpoint that cannot be reached: 503, both with
 *       {@code Retry-After}.
 *   <li>a refused DPoP request, or a refused DPoP proof ({@code error="invalid_dpop_proof"}): the error is in the
 *       {@code DPoP} challenge; a refused Bearer request has it in the {@code Bearer} one. When both schemes are
 *       accepted, the other one's challenge follows without an error, so that the client learns both (§7.1).
 * </ul>
 * Every Bearer and DPoP challenge names the protected-resource metadata ({@code resource_metadata}, RFC 9728 §5.1)
 * when the gate serves it. Every one carries {@code Cache-Control: no-store}. The detail is a fixed text: never a
 * token, a password or an exception message.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457#section-3">RFC 9457 §3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-7.1">RFC 9449 §7.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-5.1">RFC 9728 §5.1</a>
 */
final class ChallengeWriter {

    static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String EXPIRED_HEADER = "X-API-Expired";
    static final String REVOKED_HEADER = "X-API-Revoked";
    /** RFC 9449 §8.1. */
    static final String DPOP_NONCE = "DPoP-Nonce";

    private final String realm;
    private final boolean plainHeaders;
    private final boolean bearer;
    /** The DPoP algorithms, space-separated, for {@code algs}; null when DPoP is off. */
    private final String dpopAlgorithms;
    /** The protected-resource metadata URL; null when the gate serves none. */
    private final String resourceMetadata;
    /** The current DPoP nonce, for {@code DPoP-Nonce}; empty when proofs need none. */
    private final Supplier<Optional<String>> dpopNonce;

    /** Bearer and plain headers only, and no resource metadata. */
    ChallengeWriter(String realm, boolean plainHeaders) {
        this(realm, plainHeaders, true, null, null);
    }

    ChallengeWriter(String realm, boolean plainHeaders, boolean bearer, String dpopAlgorithms,
                    String resourceMetadata) {
        this(realm, plainHeaders, bearer, dpopAlgorithms, resourceMetadata, Optional::empty);
    }

    /**
     * @param bearer whether Bearer tokens are accepted (not when DPoP is required)
     * @param dpopAlgorithms the accepted proof algorithms, space-separated; null when DPoP is off
     * @param resourceMetadata the protected-resource metadata URL; null when none is served
     * @param dpopNonce the current DPoP nonce, sent in {@code DPoP-Nonce} with every DPoP challenge (RFC 9449 §9)
     */
    ChallengeWriter(String realm, boolean plainHeaders, boolean bearer, String dpopAlgorithms,
                    String resourceMetadata, Supplier<Optional<String>> dpopNonce) {
        this.realm = realm;
        this.plainHeaders = plainHeaders;
        this.bearer = bearer;
        this.dpopAlgorithms = dpopAlgorithms;
        this.resourceMetadata = resourceMetadata;
        this.dpopNonce = dpopNonce;
    }

    /** Writes the response for any result but a success of a request that used no DPoP scheme. */
    void write(HttpServletRequest request, HttpServletResponse response, VerificationResult result)
            throws IOException {
        write(request, response, result, false);
    }

    /**
     * Writes the response for any result but a success.
     *
     * @param dpopScheme whether the request used {@code Authorization: DPoP}
     */
    void write(HttpServletRequest request, HttpServletResponse response, VerificationResult result,
               boolean dpopScheme) throws IOException {
        if (result instanceof Failure failure) {
            writeFailure(request, response, failure, dpopScheme);
        } else if (result instanceof VerificationResult.Throttled throttled) {
            response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            writeProblem(request, response, ProblemType.TOO_MANY_ATTEMPTS,
                    "Too many failed attempts for this account; try again later");
        } else if (result instanceof VerificationResult.Unavailable unavailable) {
            response.setHeader("Retry-After", Long.toString(unavailable.retryAfterSeconds()));
            writeProblem(request, response, ProblemType.KEY_SOURCE_UNAVAILABLE,
                    "The credentials cannot be checked right now; try again later");
        } else {
            throw new IllegalArgumentException("not a refusal: " + result.getClass().getSimpleName());
        }
    }

    /** A 500 for a failure of the gate itself; nothing about the cause goes to the client. */
    void writeInternalError(HttpServletRequest request, HttpServletResponse response) throws IOException {
        writeProblem(request, response, ProblemType.INTERNAL_ERROR, "The request could not be authenticated");
    }

    private void writeFailure(HttpServletRequest request, HttpServletResponse response, Failure failure,
                              boolean dpopScheme) throws IOException {
        ProblemType problem = failure.problem();
        OAuthError error = problem.bearerError();
        boolean dpop = dpopAlgorithms != null;
        if (dpop) {
            // §9: a client learns the nonce from any DPoP challenge, before it ever sends a proof without one
            dpopNonce.get().ifPresent(nonce -> response.setHeader(DPOP_NONCE, nonce));
        }
        if (error == null) {
            // No credentials, or wrong plain ones: offer every scheme we accept, without an error code.
            if (bearer) {
                response.addHeader(WWW_AUTHENTICATE, bearerChallenge(null, null));
            }
            if (dpop) {
                response.addHeader(WWW_AUTHENTICATE, dpopChallenge(null, null));
            }
            if (plainHeaders) {
                response.addHeader(WWW_AUTHENTICATE, BearerChallenge.apiHeaders(realm));
            }
        } else if (dpop && (dpopScheme || error == OAuthError.INVALID_DPOP_PROOF || !bearer)) {
            response.addHeader(WWW_AUTHENTICATE, dpopChallenge(error, failure.description()));
            if (bearer) {
                response.addHeader(WWW_AUTHENTICATE, bearerChallenge(null, null));
            }
        } else {
            response.addHeader(WWW_AUTHENTICATE, bearerChallenge(error, failure.description()));
            if (dpop) {
                response.addHeader(WWW_AUTHENTICATE, dpopChallenge(null, null));
            }
        }
        if (problem == ProblemType.TOKEN_EXPIRED) {
            response.setHeader(EXPIRED_HEADER, "true");
        } else if (problem == ProblemType.TOKEN_REVOKED) {
            response.setHeader(REVOKED_HEADER, "true");
        }
        writeProblem(request, response, problem, failure.description());
    }

    private String bearerChallenge(OAuthError error, String description) {
        return BearerChallenge.withResourceMetadata(BearerChallenge.bearer(realm, error, description, null),
                resourceMetadata);
    }

    private String dpopChallenge(OAuthError error, String description) {
        return BearerChallenge.withResourceMetadata(BearerChallenge.dpop(realm, error, description, null,
                dpopAlgorithms), resourceMetadata);
    }

    private static void writeProblem(HttpServletRequest request, HttpServletResponse response, ProblemType problem,
                                     String detail) throws IOException {
        byte[] body = Problem.of(problem, detail, request.getRequestURI()).toJson().getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.status());
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }
}
