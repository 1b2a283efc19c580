package dev.tollgate.impl.jaxrs;

import jakarta.annotation.Priority;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Any other {@link ValidationException} (a bad constraint declaration or definition) → 500, logged with a
 * correlation id: the application's fault, not the request's. It also keeps RESTEasy's own mapper for this type,
 * which writes the exception's text into the body, from answering.
 *
 * <p>Not a {@code @Provider}: {@link OptionalApiMappers} registers it when Bean Validation is present.
 */
@Priority(ProblemResponses.MAPPER_PRIORITY)
public class ValidationExceptionMapper implements ExceptionMapper<ValidationException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(ValidationException exception) {
        return UnhandledExceptionMapper.internalError(exception, ProblemResponses.instance(uriInfo));
    }
}
