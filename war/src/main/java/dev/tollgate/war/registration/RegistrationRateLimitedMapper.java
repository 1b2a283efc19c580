package dev.tollgate.war.registration;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.problem.Problem;
import dev.tollgate.impl.server.registration.RegistrationRateLimitedException;
import dev.tollgate.war.oauth.ProtocolPaths;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Over {@code tollgate.registration.rate-limit} ({@code POST /oauth2/register}, {@code POST /api/service-clients})
 * → 429 with {@code Retry-After} (RFC 6585 §4) and the problem {@code rate-limited}, with {@code Cache-Control:
 * no-store}. A problem even on the registration endpoint: RFC 7591 §3.2.2 and RFC 6749 define no error code for a
 * rate limit, and the status with {@code Retry-After} is what HTTP clients and proxies act on.
 */
@Provider
public class RegistrationRateLimitedMapper implements ExceptionMapper<RegistrationRateLimitedException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(RegistrationRateLimitedException exception) {
        Problem problem = Problem.of(ProblemType.RATE_LIMITED, "Too many clients registered too fast; try again in "
                + exception.retryAfterSeconds() + " s.", ProtocolPaths.pathOf(uriInfo));
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.toJson())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.RETRY_AFTER, exception.retryAfterSeconds()).build();
    }
}
