package dev.tollgate.impl.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.EOFException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** The read/write interceptor, the JSON-B mapper, and the feature that registers the optional mappers. */
class EntityFailuresTest {

    private final EntityFailureInterceptor interceptor = new EntityFailureInterceptor();

    private static ReaderInterceptorContext reading(Callable<Object> proceed) {
        return Fakes.proxy(ReaderInterceptorContext.class, (name, args) -> switch (name) {
            case "proceed" -> proceed.call();
            case "getMediaType" -> MediaType.APPLICATION_JSON_TYPE;
            default -> throw new UnsupportedOperationException(name);
        });
    }

    @Test
    void unparsableRequestBodyIsABadRequestProblem() {
        ProblemException problem = assertThrows(ProblemException.class, () -> interceptor.aroundReadFrom(
                reading(() -> {
                    throw new JsonbException("Unexpected char 39 at (line no=1, column no=2)");
                })));

        assertEquals(ProblemType.BAD_REQUEST, problem.problemType());
        assertFalse(problem.detail().contains("Unexpected"), problem.detail());
    }

    @Test
    void processingExceptionWhileReadingIsABadRequestProblem() {
        ProblemException problem = assertThrows(ProblemException.class, () -> interceptor.aroundReadFrom(
                reading(() -> {
                    throw new ProcessingException("RESTEASY008200: JSON Binding deserialization error");
                })));

        assertEquals(ProblemType.BAD_REQUEST, problem.problemType());
    }

    @Test
    void truncatedRequestBodyIsABadRequestProblem() {
        ProblemException problem = assertThrows(ProblemException.class, () -> interceptor.aroundReadFrom(
                reading(() -> {
                    throw new EOFException();
                })));

        assertEquals(ProblemType.BAD_REQUEST, problem.problemType());
    }

    @Test
    void webApplicationExceptionWhileReadingPassesUnchanged() {
        NotSupportedException notSupported = new NotSupportedException();

        assertSame(notSupported, assertThrows(NotSupportedException.class, () -> interceptor.aroundReadFrom(
                reading(() -> {
                    throw notSupported;
                }))));
    }

    @Test
    void readBodyIsReturned() throws Exception {
        assertEquals("ok", interceptor.aroundReadFrom(reading(() -> "ok")));
    }

    @Test
    void failureWhileWritingTheResponseIsTheServersFault() {
        JsonbException cause = new JsonbException("cannot serialize");
        WriterInterceptorContext context = Fakes.proxy(WriterInterceptorContext.class, (name, args) -> {
            throw cause;
        });

        var failure = assertThrows(EntityFailureInterceptor.ResponseEntityException.class,
                () -> interceptor.aroundWriteTo(context));

        assertSame(cause, failure.getCause());
    }

    @Test
    void jsonbExceptionFromApplicationCodeIsABadRequestProblem() {
        JsonbExceptionMapper mapper = new JsonbExceptionMapper();
        mapper.uriInfo = Fakes.uriInfo("/oauth2/token");

        Response response = mapper.toResponse(new JsonbException("Unexpected char"));

        assertEquals(400, response.getStatus());
        assertEquals(ProblemType.BAD_REQUEST.type().toString(), Fakes.json(response).get("type"));
        assertFalse(((String) response.getEntity()).contains("Unexpected"));
    }

    @Test
    void optionalMappersAreRegisteredWhenTheirApisArePresent() {
        Set<Class<?>> registered = new HashSet<>();
        var context = Fakes.proxy(jakarta.ws.rs.core.FeatureContext.class, (name, args) -> {
            if (name.equals("register") && args.length == 1 && args[0] instanceof Class<?> type) {
                registered.add(type);
                return null;
            }
            throw new UnsupportedOperationException(name);
        });

        assertTrue(new OptionalApiMappers().configure(context));

        assertEquals(Set.of(ConstraintViolationExceptionMapper.class, ValidationExceptionMapper.class,
                JsonbExceptionMapper.class), registered);
    }

    @Test
    void absentApiIsDetectedWithoutLoadingAnything() {
        assertFalse(OptionalApiMappers.isPresent("jakarta.nothing.Here", getClass().getClassLoader()));
        assertTrue(OptionalApiMappers.isPresent("jakarta.validation.Validator", getClass().getClassLoader()));
    }
}
