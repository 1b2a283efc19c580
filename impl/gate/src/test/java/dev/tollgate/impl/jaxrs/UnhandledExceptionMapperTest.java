package dev.tollgate.impl.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.problem.Problem;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.spi.Failure;
import org.jboss.resteasy.spi.LoggableFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnhandledExceptionMapperTest {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Logger logger = Logger.getLogger(UnhandledExceptionMapper.class.getName());
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private boolean useParentHandlers;

    private final UnhandledExceptionMapper mapper = new UnhandledExceptionMapper();

    @BeforeEach
    void captureLog() {
        mapper.uriInfo = Fakes.uriInfo("/api/items");
        logger.addHandler(capture);
        useParentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
        logger.setUseParentHandlers(useParentHandlers);
    }

    @Test
    void anyExceptionIsA500WhoseDetailHoldsOnlyACorrelationId() {
        Response response = mapper.toResponse(new IllegalStateException("password=hunter2 at db.example:5432"));

        assertEquals(500, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        Map<String, Object> body = Fakes.json(response);
        assertEquals(ProblemType.INTERNAL_ERROR.type().toString(), body.get("type"));
        assertEquals(500, ((Number) body.get("status")).intValue());
        assertEquals("/api/items", body.get("instance"));
        String entity = (String) response.getEntity();
        assertFalse(entity.contains("hunter2") || entity.contains("IllegalStateException")
                || entity.contains("at db."), entity);
        String detail = (String) body.get("detail");
        assertTrue(UUID.matcher(detail).find(), detail);
    }

    @Test
    void exceptionIsLoggedAtSevereUnderTheSameCorrelationId() {
        IllegalStateException failure = new IllegalStateException("boom");

        Response response = mapper.toResponse(failure);

        Matcher id = UUID.matcher((String) Fakes.json(response).get("detail"));
        assertTrue(id.find());
        assertEquals(1, records.size());
        LogRecord record = records.get(0);
        assertEquals(Level.SEVERE, record.getLevel());
        assertSame(failure, record.getThrown());
        assertTrue(record.getMessage().contains(id.group()), record.getMessage());
    }

    @Test
    void runtimesOwnClientErrorKeepsItsStatusAndLogsNoStackTrace() {
        // What RESTEasy throws for Accept: text/html;q=abc while it matches the request to a resource.
        Response response = mapper.toResponse(new LoggableFailure("MediaType q parameter must be a float", 400));

        assertEquals(400, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        Map<String, Object> body = Fakes.json(response);
        assertEquals(ProblemType.BAD_REQUEST.type().toString(), body.get("type"));
        assertEquals("/api/items", body.get("instance"));
        assertFalse(((String) response.getEntity()).contains("float"), "no exception message in the body");
        assertTrue(records.stream().noneMatch(r -> r.getLevel().intValue() > Level.FINE.intValue()
                || r.getThrown() != null), "nothing above FINE, no stack trace");
    }

    @Test
    void runtimesFailureWithAResponseKeepsThatStatus() {
        Response response = mapper.toResponse(new Failure("no", Response.status(415).build()));

        assertEquals(415, response.getStatus());
        assertEquals(ProblemType.UNSUPPORTED_MEDIA_TYPE.type().toString(), Fakes.json(response).get("type"));
    }

    @Test
    void runtimesFailureWithAServerStatusIsStillAnInternalError() {
        Response response = mapper.toResponse(new Failure("broken", 503));

        assertEquals(500, response.getStatus());
        assertEquals(Level.SEVERE, records.get(0).getLevel());
    }

    @Test
    void runtimesFailureWithoutStatusIsAnInternalError() {
        assertEquals(500, mapper.toResponse(new Failure("broken")).getStatus());
    }

    @Test
    void everyFailureGetsItsOwnCorrelationId() {
        String first = (String) Fakes.json(mapper.toResponse(new RuntimeException())).get("detail");
        String second = (String) Fakes.json(mapper.toResponse(new RuntimeException())).get("detail");

        assertNotEquals(first, second);
    }
}
