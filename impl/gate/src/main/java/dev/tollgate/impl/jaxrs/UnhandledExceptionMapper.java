package dev.tollgate.impl.jaxrs;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The catch-all: any exception no closer mapper claims becomes a 500 {@code internal-error} problem whose detail
 * holds only a random correlation id. The exception itself, with that id, goes to the server log at SEVERE.
 *
 * <p>Except the runtime's own refusal of a request ({@link RuntimeClientError}), e.g. RESTEasy's 400 for
 * {@code Accept: text/html;q=abc}: that is the client's fault, so it keeps its 4xx status, as the problem of that
 * status, and is logged at FINE without a stack trace. Otherwise any client could fill the log with 500s.
 *
 * <p>Without it Liberty answers an unmapped exception with a 500 whose body is the exception message.
 */
@Provider
@Priority(ProblemResponses.MAPPER_PRIORITY)
public class UnhandledExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnhandledExceptionMapper.class.getName());

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable exception) {
        String instance = ProblemResponses.instance(uriInfo);
        int clientError = RuntimeClientError.statusOf(exception);
        if (clientError > 0) {
            LOG.fine(() -> "Request refused by the runtime with " + clientError + " on " + instance + ": "
                    + exception.getClass().getName());
            return ProblemResponses.of(WebApplicationExceptionMapper.problemFor(clientError, instance)).build();
        }
        return internalError(exception, instance);
    }

    /** Logs {@code exception} under a fresh correlation id and answers 500 with only that id. */
    static Response internalError(Throwable exception, String instance) {
        String correlationId = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, exception, () -> "Internal error " + correlationId + " on " + instance);
        Problem problem = Problem.of(ProblemType.INTERNAL_ERROR, "Correlation id " + correlationId, instance);
        return ProblemResponses.of(problem).build();
    }
}
