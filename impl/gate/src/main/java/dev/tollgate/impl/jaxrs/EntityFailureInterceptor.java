package dev.tollgate.impl.jaxrs;

import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Tells apart who is at fault when an entity cannot be converted.
 *
 * <ul>
 *   <li>Reading the request body: any failure (a {@code JsonbException}, a JSON-P parse error, a
 *       {@code ProcessingException}, a truncated stream) is the client's: a 400 {@code bad-request} problem.</li>
 *   <li>Writing the response body: any failure is ours: it is handed to the catch-all as an internal error (500,
 *       logged with a correlation id) rather than reaching a mapper that would blame the client, such as the
 *       JSON-B one.</li>
 * </ul>
 *
 * <p>The same exception types cannot tell this apart by themselves: a {@code ProcessingException} is also what an
 * outbound client call throws, so no mapper maps that type to 400.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Priority(Priorities.ENTITY_CODER)
public class EntityFailureInterceptor implements ReaderInterceptor, WriterInterceptor {

    private static final Logger LOG = Logger.getLogger(EntityFailureInterceptor.class.getName());

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (WebApplicationException | ProblemException e) {
            // Already an answer: e.g. RESTEasy's 400 for an empty body, 415 for no reader.
            throw e;
        } catch (RuntimeException | IOException e) {
            // Only the type: a parser's message may quote the body, and a body may hold a password (STYLE 12).
            LOG.fine(() -> "Unreadable request body: " + e.getClass().getName());
            MediaType type = context.getMediaType();
            throw new ProblemException(ProblemType.BAD_REQUEST, type == null
                    ? "The request body could not be read."
                    : "The request body is not valid " + type.getType() + '/' + type.getSubtype() + '.');
        }
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        try {
            context.proceed();
        } catch (WebApplicationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ResponseEntityException(e);
        }
    }

    /** A response entity that could not be written: always a server fault. */
    static final class ResponseEntityException extends RuntimeException {
        ResponseEntityException(Throwable cause) {
            super("The response entity could not be written", cause);
        }
    }
}
