package dev.tollgate.impl.jaxrs;

import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.gate.BearerChallenge;
import dev.tollgate.impl.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * {@link ProblemException} → its problem: type, status, detail and {@code errors}.
 *
 * <p>A 401 carries a Bearer challenge, as RFC 9110 §15.5.2 requires of every 401; a problem type with an RFC 6750
 * error code (the token and scope types) puts that code in the challenge (RFC 6750 §3).
 */
@Provider
@Priority(ProblemResponses.MAPPER_PRIORITY)
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

    @Context
    UriInfo uriInfo;

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(ProblemException exception) {
        ProblemType type = exception.problemType();
        Problem problem = Problem.of(type, exception.detail(), ProblemResponses.instance(uriInfo), exception.errors());
        Response.ResponseBuilder response = ProblemResponses.of(problem);
        if (type.status() == 401 || type.bearerError() != null) {
            String realm = ProblemResponses.realm(request);
            String description = type.bearerError() == null ? null : type.title();
            response.header(HttpHeaders.WWW_AUTHENTICATE,
                    BearerChallenge.bearer(realm, type.bearerError(), description, null));
        }
        return response.build();
    }
}
