package dev.tollgate.impl.jaxrs;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.gate.BearerChallenge;
import dev.tollgate.impl.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * {@link WebApplicationException} (the runtime's 404, 405, 406, 415 and the application's own) → a problem with the
 * matching type.
 *
 * <ul>
 *   <li>The original entity is dropped, whatever it is: it may be the runtime's text or the exception message.
 *       Only an entity that is already {@code application/problem+json} is kept as it is.</li>
 *   <li>{@code Allow}, {@code Retry-After} and {@code WWW-Authenticate} are kept. A 401 without a challenge gets
 *       the Bearer one, since RFC 9110 §15.5.2 requires a challenge on every 401.</li>
 *   <li>A response below 400 (a redirect thrown as {@code RedirectionException}) is not an error and goes out
 *       unchanged.</li>
 *   <li>A 500 is a server fault like any other: logged with a correlation id.</li>
 * </ul>
 *
 * <p><b>Limit:</b> a {@code WebApplicationException} thrown by a resource method with an entity in its response never
 * reaches this mapper: Jakarta REST 3.1 §3.3.4 sends that response as it is, and RESTEasy does. Thrown from a filter,
 * a client error (4xx) with an entity does come here and loses its entity. So resources must not put text of their
 * own into such exceptions; throw {@code ProblemException}, or the exception without an entity.
 */
@Provider
@Priority(ProblemResponses.MAPPER_PRIORITY)
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uriInfo;

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status < 400) {
            return original;
        }
        if (original.hasEntity() && isProblem(original.getMediaType())) {
            return original;
        }
        String instance = ProblemResponses.instance(uriInfo);
        if (status == 500) {
            return UnhandledExceptionMapper.internalError(exception, instance);
        }
        Problem problem = problemFor(status, instance);
        Response.ResponseBuilder response = ProblemResponses.of(problem);
        ProblemResponses.copyHeaders(original, response, ProblemResponses.KEPT_HEADERS);
        if (status == 401 && original.getHeaderString(HttpHeaders.WWW_AUTHENTICATE) == null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE,
                    BearerChallenge.bearer(ProblemResponses.realm(request), null, null, null));
        }
        return response.build();
    }

    /** The problem for an error status: our type where there is one, else {@code http-error} with that status. */
    static Problem problemFor(int status, String instance) {
        ProblemType type = switch (status) {
            case 400 -> ProblemType.BAD_REQUEST;
            case 401 -> ProblemType.MISSING_CREDENTIALS;
            case 403 -> ProblemType.INSUFFICIENT_ROLE;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 409 -> ProblemType.CONFLICT;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ProblemType.SERVICE_UNAVAILABLE;
            default -> null;
        };
        if (type != null) {
            return Problem.of(type, detailFor(type), instance);
        }
        Response.StatusType known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : ProblemType.HTTP_ERROR.title();
        return new Problem(ProblemType.HTTP_ERROR.type(), title, status, "The request failed with status " + status
                + '.', instance, Map.of());
    }

    private static String detailFor(ProblemType type) {
        return switch (type) {
            case BAD_REQUEST -> "The request is malformed.";
            case MISSING_CREDENTIALS -> "This resource requires authentication.";
            case INSUFFICIENT_ROLE -> "The caller may not access this resource.";
            case NOT_FOUND -> "No resource exists at this path.";
            case METHOD_NOT_ALLOWED -> "The resource does not support this method; see the Allow header.";
            case NOT_ACCEPTABLE -> "The resource cannot produce any media type the request accepts.";
            case CONFLICT -> "The request conflicts with the current state of the resource.";
            case UNSUPPORTED_MEDIA_TYPE -> "The resource does not accept the request's content type.";
            case SERVICE_UNAVAILABLE -> "The service is temporarily unavailable; try again later.";
            default -> null;
        };
    }

    private static boolean isProblem(MediaType type) {
        return type != null && "application".equalsIgnoreCase(type.getType())
                && "problem+json".equalsIgnoreCase(type.getSubtype());
    }
}
