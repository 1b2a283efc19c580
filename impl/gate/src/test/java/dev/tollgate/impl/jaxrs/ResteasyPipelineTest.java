package dev.tollgate.impl.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.RequiresScope;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.problem.Problem;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.resteasy.mock.MockDispatcherFactory;
import org.jboss.resteasy.mock.MockHttpRequest;
import org.jboss.resteasy.mock.MockHttpResponse;
import org.jboss.resteasy.spi.Dispatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The providers inside a real (in-memory) RESTEasy, the JAX-RS implementation Liberty uses: which mapper RESTEasy
 * picks beside the catch-all, how it unwraps reader and writer failures, and whether the dynamic feature's filter
 * runs before the resource.
 */
class ResteasyPipelineTest {

    /** What the body reader and writer below are for: a type that never converts. */
    public record Thing(String name) {
    }

    @Path("/t")
    public static class TestResource {
        @GET
        @Path("boom")
        public String boom() {
            throw new IllegalStateException("secret: jdbc:postgresql://db/prod?password=hunter2");
        }

        @GET
        @Path("reports")
        @Produces(MediaType.APPLICATION_JSON)
        @RequiresScope("reports:read")
        public String reports() {
            return "{\"reports\":[]}";
        }

        @PUT
        @Path("body")
        @Consumes("application/x-thing")
        public String body(Thing thing) {
            return "read " + thing;
        }

        @GET
        @Path("unwritable")
        @Produces("application/x-thing")
        public Thing unwritable() {
            return new Thing("x");
        }

        @GET
        @Path("conflict")
        public String conflict() {
            throw new ProblemException(ProblemType.CONFLICT, "Already there");
        }

        @GET
        @Path("bad")
        public String bad() {
            throw new jakarta.ws.rs.BadRequestException(jakarta.ws.rs.core.Response.status(400)
                    .type(MediaType.TEXT_PLAIN).entity("parser said: secret").build());
        }

        @GET
        @Path("filtered")
        public String filtered() {
            return "never";
        }

        @GET
        @Path("bind")
        public String bind() {
            throw new JsonbException("Unexpected char in a form field");
        }

        @GET
        @Path("invalid")
        public String invalid() {
            throw new jakarta.validation.ConstraintViolationException("no details", null);
        }

        @POST
        @Path("token")
        public String token() {
            throw new OAuthException(OAuthError.INVALID_CLIENT, "Client authentication failed", true);
        }
    }

    @Provider
    @Consumes("application/x-thing")
    @Produces("application/x-thing")
    public static class BrokenThingConverter implements MessageBodyReader<Thing>, MessageBodyWriter<Thing> {
        @Override
        public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type == Thing.class;
        }

        @Override
        public Thing readFrom(Class<Thing> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                              MultivaluedMap<String, String> httpHeaders, InputStream entityStream) {
            throw new JsonbException("Unexpected char 39 at (line no=1, column no=1, offset=0)");
        }

        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type == Thing.class;
        }

        @Override
        public void writeTo(Thing thing, Class<?> type, Type genericType, Annotation[] annotations,
                            MediaType mediaType, MultivaluedMap<String, Object> httpHeaders, OutputStream out) {
            throw new JsonbException("Cannot serialize Thing");
        }
    }

    /** Held strongly: the log manager keeps loggers only weakly, and would forget the level. */
    private static final Logger MAPPER_LOG = Logger.getLogger(UnhandledExceptionMapper.class.getName());
    /** A filter that refuses one path with a body of its own, as a third-party filter might. */
    @Provider
    public static class RefusingFilter implements jakarta.ws.rs.container.ContainerRequestFilter {
        @Override
        public void filter(jakarta.ws.rs.container.ContainerRequestContext request) {
            if (request.getUriInfo().getPath().endsWith("/filtered")) {
                throw new jakarta.ws.rs.BadRequestException(jakarta.ws.rs.core.Response.status(400)
                        .type(MediaType.TEXT_PLAIN).entity("filter said: secret").build());
            }
        }
    }

    private static Level savedLevel;
    private Dispatcher dispatcher;

    @BeforeAll
    static void quietMappers() {
        // The catch-all logs SEVERE by design; keep the build output readable.
        savedLevel = MAPPER_LOG.getLevel();
        MAPPER_LOG.setLevel(Level.OFF);
    }

    @AfterAll
    static void restoreLogging() {
        MAPPER_LOG.setLevel(savedLevel);
    }

    @BeforeEach
    void deploy() {
        dispatcher = MockDispatcherFactory.createDispatcher();
        // The providers scanning finds in the jar (plus the test's converter), before the resources, as at deployment.
        for (Class<?> provider : new Class<?>[] {UnhandledExceptionMapper.class, ProblemExceptionMapper.class,
                OAuthExceptionMapper.class, WebApplicationExceptionMapper.class, EntityFailureInterceptor.class,
                OptionalApiMappers.class, AccessControlFeature.class, BrokenThingConverter.class, RefusingFilter.class}) {
            dispatcher.getProviderFactory().register(provider);
        }
        dispatcher.getRegistry().addPerRequestResource(TestResource.class);
    }

    private MockHttpResponse call(MockHttpRequest request) {
        MockHttpResponse response = new MockHttpResponse();
        dispatcher.invoke(request, response);
        return response;
    }

    private static Map<String, Object> json(MockHttpResponse response) throws Exception {
        return JSONObjectUtils.parse(response.getContentAsString());
    }

    private static void assertProblem(MockHttpResponse response, int status, ProblemType type) throws Exception {
        assertEquals(status, response.getStatus(), response.getContentAsString());
        assertTrue(response.getOutputHeaders().getFirst(HttpHeaders.CONTENT_TYPE).toString()
                .startsWith(Problem.MEDIA_TYPE));
        Map<String, Object> body = json(response);
        assertEquals(type.type().toString(), body.get("type"));
        assertEquals(status, ((Number) body.get("status")).intValue());
    }

    @Test
    void unexpectedExceptionIsA500ProblemWithoutTheMessage() throws Exception {
        MockHttpResponse response = call(MockHttpRequest.get("/t/boom"));

        assertProblem(response, 500, ProblemType.INTERNAL_ERROR);
        assertFalse(response.getContentAsString().contains("hunter2"));
        assertEquals("/t/boom", json(response).get("instance"));
    }

    @Test
    void unknownPathIsANotFoundProblem() throws Exception {
        assertProblem(call(MockHttpRequest.get("/t/nothing")), 404, ProblemType.NOT_FOUND);
    }

    @Test
    void wrongMethodIsAMethodNotAllowedProblemWithAllow() throws Exception {
        MockHttpResponse response = call(MockHttpRequest.delete("/t/boom"));

        assertProblem(response, 405, ProblemType.METHOD_NOT_ALLOWED);
        assertTrue(response.getOutputHeaders().getFirst(HttpHeaders.ALLOW).toString().contains("GET"));
    }

    @Test
    void unsupportedContentTypeIsAnUnsupportedMediaTypeProblem() throws Exception {
        MockHttpResponse response = call(MockHttpRequest.put("/t/body").contentType(MediaType.TEXT_PLAIN)
                .content("x".getBytes(StandardCharsets.UTF_8)));

        assertProblem(response, 415, ProblemType.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void unreadableRequestBodyIsABadRequestProblem() throws Exception {
        MockHttpResponse response = call(MockHttpRequest.put("/t/body").contentType("application/x-thing")
                .content("'".getBytes(StandardCharsets.UTF_8)));

        assertProblem(response, 400, ProblemType.BAD_REQUEST);
        assertFalse(response.getContentAsString().contains("Unexpected char"));
    }

    @Test
    void unwritableResponseBodyIsAnInternalErrorNotTheClientsFault() throws Exception {
        assertProblem(call(MockHttpRequest.get("/t/unwritable")), 500, ProblemType.INTERNAL_ERROR);
    }

    @Test
    void clientErrorWithAnEntityFromAFilterIsStillAProblemWithoutThatEntity() throws Exception {
        MockHttpResponse response = call(MockHttpRequest.get("/t/filtered"));

        assertProblem(response, 400, ProblemType.BAD_REQUEST);
        assertFalse(response.getContentAsString().contains("secret"));
    }

    /**
     * Jakarta REST 3.1 §3.3.4: a WebApplicationException from a resource method whose response has an entity is
     * sent as it is, and no mapper is asked. The resource chose that body; Tollgate's resources never do this.
     */
    @Test
    void webApplicationExceptionWithAnEntityFromAResourceIsSentAsItIs() throws Exception {
        MockHttpResponse response = call(MockHttpRequest.get("/t/bad"));

        assertEquals(400, response.getStatus());
        assertEquals("parser said: secret", response.getContentAsString());
    }

    @Test
    void jsonbExceptionFromApplicationCodeReachesTheOptionalMapper() throws Exception {
        assertProblem(call(MockHttpRequest.get("/t/bind")), 400, ProblemType.BAD_REQUEST);
    }

    @Test
    void constraintViolationReachesTheOptionalMapper() throws Exception {
        assertProblem(call(MockHttpRequest.get("/t/invalid")), 400, ProblemType.VALIDATION);
    }

    @Test
    void optionsRequestGetsRestEasysDefaultAnswerNotAnError() throws Exception {
        MockHttpResponse response = call(MockHttpRequest.options("/t/boom"));

        assertEquals(200, response.getStatus(), response.getContentAsString());
        assertTrue(response.getOutputHeaders().getFirst(HttpHeaders.ALLOW).toString().contains("GET"));
    }

    @Test
    void headRequestIsAnsweredLikeGet() throws Exception {
        MockHttpRequest request = MockHttpRequest.create("HEAD", "/t/reports");
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller(Set.of("reports:read")));

        assertEquals(200, call(request).getStatus());
    }

    @Test
    void problemExceptionKeepsItsType() throws Exception {
        assertProblem(call(MockHttpRequest.get("/t/conflict")), 409, ProblemType.CONFLICT);
    }

    @Test
    void oauthExceptionIsTheOAuthJsonWithBasicChallenge() throws Exception {
        MockHttpResponse response = call(MockHttpRequest.post("/t/token"));

        assertEquals(401, response.getStatus());
        assertEquals("invalid_client", json(response).get("error"));
        assertEquals("Basic realm=\"tollgate\"",
                response.getOutputHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE).toString());
        assertEquals("no-store", response.getOutputHeaders().getFirst(HttpHeaders.CACHE_CONTROL).toString());
    }

    @Test
    void scopedResourceRefusesAnAnonymousCallerBeforeItRuns() throws Exception {
        MockHttpRequest request = MockHttpRequest.get("/t/reports");
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, Caller.anonymous());

        MockHttpResponse response = call(request);

        assertProblem(response, 401, ProblemType.MISSING_CREDENTIALS);
        assertEquals("Bearer realm=\"tollgate\"",
                response.getOutputHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE).toString());
    }

    @Test
    void scopedResourceRefusesACallerWithoutTheScope() throws Exception {
        MockHttpRequest request = MockHttpRequest.get("/t/reports");
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller(Set.of("items:read")));

        MockHttpResponse response = call(request);

        assertProblem(response, 403, ProblemType.INSUFFICIENT_SCOPE);
        assertTrue(response.getOutputHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE).toString()
                .contains("scope=\"reports:read\""));
    }

    @Test
    void scopedResourceAnswersACallerWithTheScope() throws Exception {
        MockHttpRequest request = MockHttpRequest.get("/t/reports");
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller(Set.of("reports:read")));

        MockHttpResponse response = call(request);

        assertEquals(200, response.getStatus());
        assertEquals("{\"reports\":[]}", response.getContentAsString());
    }

    private static Caller caller(Set<String> scopes) {
        return Caller.of("svc-reporting", "reporting", scopes, Set.of(), CredentialKind.JWT,
                Instant.now().plusSeconds(300));
    }
}
