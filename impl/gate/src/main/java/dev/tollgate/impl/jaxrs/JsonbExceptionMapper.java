package dev.tollgate.impl.jaxrs;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * {@link JsonbException} from application code → 400 {@code bad-request}: a resource that binds JSON it received
 * itself (a String body, a form field) and lets the failure through. Failures while JAX-RS reads or writes an entity
 * never get here: {@link EntityFailureInterceptor} has already sorted them into 400 and 500.
 *
 * <p>Not a {@code @Provider}: {@link OptionalApiMappers} registers it when JSON-B is present.
 */
@Priority(ProblemResponses.MAPPER_PRIORITY)
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(JsonbException exception) {
        return ProblemResponses.of(Problem.of(ProblemType.BAD_REQUEST, "The JSON in the request could not be bound.",
                ProblemResponses.instance(uriInfo))).build();
    }
}
