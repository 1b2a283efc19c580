package dev.tollgate.impl.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.problem.Problem;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.InternalServerErrorException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.RedirectionException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebApplicationExceptionMapperTest {

    private final WebApplicationExceptionMapper mapper = new WebApplicationExceptionMapper();

    {
        mapper.uriInfo = Fakes.uriInfo("/api/nothing");
        mapper.request = Fakes.servletRequest(Map.of());
    }

    private static void assertProblem(Response response, int status, ProblemType type) {
        assertEquals(status, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        Map<String, Object> body = Fakes.json(response);
        assertEquals(type.type().toString(), body.get("type"));
        assertEquals(status, ((Number) body.get("status")).intValue());
        assertEquals("/api/nothing", body.get("instance"));
    }

    @Test
    void notFoundIsANotFoundProblem() {
        assertProblem(mapper.toResponse(new NotFoundException()), 404, ProblemType.NOT_FOUND);
    }

    @Test
    void notAllowedIsAMethodNotAllowedProblemThatKeepsAllow() {
        Response response = mapper.toResponse(new NotAllowedException("GET", new String[] {"HEAD"}));

        assertProblem(response, 405, ProblemType.METHOD_NOT_ALLOWED);
        String allow = response.getHeaderString(HttpHeaders.ALLOW);
        assertTrue(allow.contains("GET") && allow.contains("HEAD"), allow);
    }

    @Test
    void notSupportedNotAcceptableAndBadRequestKeepTheirStatus() {
        assertProblem(mapper.toResponse(new NotSupportedException()), 415, ProblemType.UNSUPPORTED_MEDIA_TYPE);
        assertProblem(mapper.toResponse(new NotAcceptableException()), 406, ProblemType.NOT_ACCEPTABLE);
        assertProblem(mapper.toResponse(new BadRequestException()), 400, ProblemType.BAD_REQUEST);
        assertProblem(mapper.toResponse(new ForbiddenException()), 403, ProblemType.INSUFFICIENT_ROLE);
    }

    @Test
    void originalEntityAndMessageNeverReachTheBody() {
        Response leaky = Response.status(400).type("text/plain").entity("java.sql.SQLException: at Foo.bar").build();

        Response response = mapper.toResponse(new WebApplicationException("secret message", leaky));

        assertProblem(response, 400, ProblemType.BAD_REQUEST);
        String body = (String) response.getEntity();
        assertFalse(body.contains("SQLException") || body.contains("secret message"), body);
    }

    @Test
    void serviceUnavailableKeepsRetryAfter() {
        Response response = mapper.toResponse(new ServiceUnavailableException(120L));

        assertProblem(response, 503, ProblemType.SERVICE_UNAVAILABLE);
        assertEquals("120", response.getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void unauthorizedKeepsItsChallenge() {
        Response response = mapper.toResponse(new NotAuthorizedException("Basic realm=\"x\""));

        assertProblem(response, 401, ProblemType.MISSING_CREDENTIALS);
        assertEquals("Basic realm=\"x\"", response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void unauthorizedWithoutChallengeGetsTheBearerOne() {
        Response response = mapper.toResponse(new WebApplicationException(401));

        assertProblem(response, 401, ProblemType.MISSING_CREDENTIALS);
        assertEquals("Bearer realm=\"tollgate\"", response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void statusWithoutOwnTypeIsAnHttpErrorWithThatStatus() {
        Response response = mapper.toResponse(new WebApplicationException(Response.status(429)
                .header(HttpHeaders.RETRY_AFTER, "5").build()));

        assertProblem(response, 429, ProblemType.HTTP_ERROR);
        assertEquals("5", response.getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void internalServerErrorIsAnInternalErrorProblem() {
        Response response = mapper.toResponse(new InternalServerErrorException("db password is hunter2"));

        assertProblem(response, 500, ProblemType.INTERNAL_ERROR);
        assertFalse(((String) response.getEntity()).contains("hunter2"));
    }

    @Test
    void redirectIsNotAnErrorAndPassesUnchanged() {
        RedirectionException redirect = new RedirectionException(Response.Status.SEE_OTHER, URI.create("/login"));

        assertSame(redirect.getResponse(), mapper.toResponse(redirect));
    }

    @Test
    void responseThatIsAlreadyAProblemPassesUnchanged() {
        Response problem = Response.status(409).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(ProblemType.CONFLICT, "Taken", "/x").toJson()).build();

        assertSame(problem, mapper.toResponse(new WebApplicationException(problem)));
    }
}
