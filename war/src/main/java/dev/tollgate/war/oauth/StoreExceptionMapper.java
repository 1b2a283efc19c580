package dev.tollgate.war.oauth;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.gate.RepeatedWarning;
import dev.tollgate.impl.jaxrs.OAuthExceptionMapper;
import dev.tollgate.impl.problem.Problem;
import dev.tollgate.impl.server.store.StoreException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * A database outage ({@link StoreException}) → 503 with {@code Retry-After}, never a 500.
 *
 * <ul>
 *   <li>On the protocol endpoints ({@code /oauth2/...}: token, revoke, introspect, userinfo, and the authorize
 *       pages): the RFC 6749 §5.2 JSON {@code {"error":"temporarily_unavailable"}} with {@code no-store}, the
 *       format strict OAuth clients parse (RFC 6749 defines the code for the authorization endpoint, §4.1.2.1;
 *       the token endpoint uses it too, as Nimbus and Spring Authorization Server do).</li>
 *   <li>Everywhere else (the demo and admin APIs, and the client listing {@code /oauth2/clients}, a REST API whose
 *       other errors are problems too): the RFC 9457 problem {@code service-unavailable}.</li>
 * </ul>
 * The log gets the failed operation at WARNING, without the stack trace (the store logs its cause where it
 * happens), at most once per {@value #WARNING_INTERVAL_SECONDS} s with the count of those left out (an outage under
 * load would otherwise write a line per request); the others go at FINE. The body gets neither.
 */
@Provider
public class StoreExceptionMapper implements ExceptionMapper<StoreException> {

    /** Seconds a client should wait before retrying: long enough for a failover, short enough not to matter. */
    static final int RETRY_AFTER_SECONDS = 5;

    static final long WARNING_INTERVAL_SECONDS = 60;

    private static final Logger LOG = Logger.getLogger(StoreExceptionMapper.class.getName());
    private static final RepeatedWarning UNAVAILABLE = new RepeatedWarning(LOG,
            Duration.ofSeconds(WARNING_INTERVAL_SECONDS));

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(StoreException exception) {
        String path = ProtocolPaths.pathOf(uriInfo);
        UNAVAILABLE.log(() -> "Database unavailable on " + path + ": " + exception.getMessage()
                + (exception.getCause() != null ? " (" + exception.getCause().getClass().getName() + ")" : ""));
        Response.ResponseBuilder response;
        if (ProtocolPaths.answersOAuthErrors(path)) {
            response = Response.fromResponse(new OAuthExceptionMapper().toResponse(new OAuthException(
                    OAuthError.TEMPORARILY_UNAVAILABLE, "The service is temporarily unavailable; try again later")));
        } else {
            Problem problem = Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                    "The service is temporarily unavailable; try again later.", path);
            response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.toJson())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        return response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }
}
