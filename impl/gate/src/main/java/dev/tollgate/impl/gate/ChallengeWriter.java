package dev.tollgate.impl.gate;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.problem.Problem;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes every response the gate refuses a request with: the status, the challenges, and an RFC 9457 problem body.
 *
 * <ul>
 *   <li>no credentials, or wrong plain credentials: 401, {@code Bearer realm="…"} with no error code (RFC 6750
 *       §3.1), plus {@code X-API-Headers realm="…"} when the plain headers are enabled;
 *   <li>malformed credentials: 400, {@code error="invalid_request"};
 *   <li>a bad token: 401, {@code error="invalid_token"}; {@code X-API-Expired: true} for an expired one and
 *       {@code X-API-Revoked: true} for a revoked one;
 *   <li>a locked account: 429, and a key source or introspection endpoint that cannot be reached: 503, both with
 *       {@code Retry-After}.
 * </ul>
 * Every one carries {@code Cache-Control: no-store}. The detail is a fixed text: never a token, a password or an
 * exception message.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457#section-3">RFC 9457 §3</a>
 */
final class ChallengeWriter {

    static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String EXPIRED_HEADER = "X-API-Expired";
    static final String REVOKED_HEADER = "X-API-Revoked";

    private final String realm;
    private final boolean plainHeaders;

    ChallengeWriter(String realm, boolean plainHeaders) {
        this.realm = realm;
        this.plainHeaders = plainHeaders;
    }

    /** Writes the response for any result but a success. */
    void write(HttpServletRequest request, HttpServletResponse response, VerificationResult result)
            throws IOException {
        if (result instanceof Failure failure) {
            writeFailure(request, response, failure);
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

    private void writeFailure(HttpServletRequest request, HttpServletResponse response, Failure failure)
            throws IOException {
        ProblemType problem = failure.problem();
        if (problem.bearerError() == null) {
            // No credentials, or wrong plain ones: offer every scheme we accept, without an error code.
            response.addHeader(WWW_AUTHENTICATE, BearerChallenge.bearer(realm, null, null, null));
            if (plainHeaders) {
                response.addHeader(WWW_AUTHENTICATE, BearerChallenge.apiHeaders(realm));
            }
        } else {
            response.addHeader(WWW_AUTHENTICATE,
                    BearerChallenge.bearer(realm, problem.bearerError(), failure.description(), null));
        }
        if (problem == ProblemType.TOKEN_EXPIRED) {
            response.setHeader(EXPIRED_HEADER, "true");
        } else if (problem == ProblemType.TOKEN_REVOKED) {
            response.setHeader(REVOKED_HEADER, "true");
        }
        writeProblem(request, response, problem, failure.description());
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
