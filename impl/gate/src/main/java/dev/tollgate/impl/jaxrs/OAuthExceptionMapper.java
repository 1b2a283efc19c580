package dev.tollgate.impl.jaxrs;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.gate.BearerChallenge;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link OAuthException} → the OAuth error response of the protocol endpoints, not a problem:
 * {@code {"error", "error_description"}} as {@code application/json} with {@code Cache-Control: no-store} and
 * {@code Pragma: no-cache}, status from the error.
 *
 * <ul>
 *   <li>A client that authenticated with HTTP Basic and failed gets 401 with {@code WWW-Authenticate: Basic}
 *       (RFC 6749 §5.2, invalid_client: "MUST ... include the WWW-Authenticate response header field matching the
 *       authentication scheme used by the client").</li>
 *   <li>{@code invalid_token} and {@code insufficient_scope} are RFC 6750 errors of a Bearer-protected endpoint
 *       (userinfo): they also carry the Bearer challenge with the error code (RFC 6750 §3).</li>
 *   <li>An error that names a time to wait (an account locked at the password grant) carries {@code Retry-After}
 *       (RFC 9110 §10.2.3).</li>
 *   <li>{@code use_dpop_nonce} (and any error of a server that wants nonces in its proofs) carries
 *       {@code DPoP-Nonce} (RFC 9449 §8).</li>
 * </ul>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 §5.2</a>
 */
@Provider
@Priority(ProblemResponses.MAPPER_PRIORITY)
public class OAuthExceptionMapper implements ExceptionMapper<OAuthException> {

    /** The realm of the Basic challenge for client authentication. */
    static final String BASIC_REALM = BearerChallenge.DEFAULT_REALM;

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(OAuthException exception) {
        OAuthError error = exception.error();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", error.code());
        if (exception.description() != null) {
            json.put("error_description", exception.description());
        }
        // Set as text: CacheControl's default adds no-transform, which RFC 6749 §5.1 does not ask for.
        Response.ResponseBuilder response = Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .entity(JSONObjectUtils.toJSONString(json));
        if (exception.basicChallenge() && error.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + BASIC_REALM + '"');
        } else if (error == OAuthError.INVALID_TOKEN || error == OAuthError.INSUFFICIENT_SCOPE) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.bearer(
                    ProblemResponses.realm(request), error, exception.description(), null));
        }
        exception.retryAfterSeconds().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        // RFC 9449 §8: the nonce the client's next proof must carry
        exception.dpopNonce().ifPresent(nonce -> response.header("DPoP-Nonce", nonce));
        return response.build();
    }
}
