package dev.tollgate.impl.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.gate.BearerChallenge;
import dev.tollgate.impl.problem.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemExceptionMapperTest {

    private final ProblemExceptionMapper mapper = mapper(Map.of());

    private static ProblemExceptionMapper mapper(Map<String, Object> attributes) {
        ProblemExceptionMapper mapper = new ProblemExceptionMapper();
        mapper.uriInfo = Fakes.uriInfo("/api/items?page=0");
        mapper.request = Fakes.servletRequest(attributes);
        return mapper;
    }

    @Test
    void validationProblemCarriesTypeStatusInstanceAndErrors() {
        Response response = mapper.toResponse(new ProblemException(ProblemType.VALIDATION, "Invalid paging",
                Map.of("page", List.of("must be at least 1"))));

        assertEquals(400, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        Map<String, Object> body = Fakes.json(response);
        assertEquals(ProblemType.VALIDATION.type().toString(), body.get("type"));
        assertEquals(ProblemType.VALIDATION.title(), body.get("title"));
        assertEquals(400L, ((Number) body.get("status")).longValue());
        assertEquals("/api/items", body.get("instance"));
        assertEquals(Map.of("page", List.of("must be at least 1")), body.get("errors"));
        assertNull(response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void problemWithoutErrorsHasNoErrorsMember() {
        Response response = mapper.toResponse(new ProblemException(ProblemType.CONFLICT, "Taken"));

        assertEquals(409, response.getStatus());
        assertTrue(!Fakes.json(response).containsKey("errors"));
    }

    @Test
    void unauthorizedProblemCarriesBearerChallengeWithTheGatesRealm() {
        Response response = mapper(Map.of(BearerChallenge.REALM_ATTRIBUTE, "demo"))
                .toResponse(new ProblemException(ProblemType.MISSING_CREDENTIALS, "Log in"));

        assertEquals(401, response.getStatus());
        assertEquals("Bearer realm=\"demo\"", response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void tokenProblemPutsItsBearerErrorCodeInTheChallenge() {
        Response response = mapper.toResponse(new ProblemException(ProblemType.TOKEN_EXPIRED, "Expired"));

        assertEquals(401, response.getStatus());
        String challenge = response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
        assertTrue(challenge.startsWith("Bearer realm=\"tollgate\", error=\"invalid_token\""), challenge);
    }
}
