package dev.tollgate.impl.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.problem.Problem;
import jakarta.validation.ConstraintDeclarationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ParameterNameProvider;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** The Bean Validation mappers, fed with real violations from Hibernate Validator. */
class ValidationMappersTest {

    /** A resource as an application writes it: Java parameter names differ from the query names on purpose. */
    public static class ItemsResource {
        public String list(@QueryParam("page") @Min(1) int pageNumber,
                           @QueryParam("page_size") @Min(1) @Max(100) int pageSize,
                           @HeaderParam("X-Tenant") @NotBlank String tenant) {
            return "";
        }

        public String create(@PathParam("group") String group, @NotNull @Valid NewItem item) {
            return "";
        }

        @NotNull
        public String broken() {
            return null;
        }
    }

    /** What CDI does: a subclass that redeclares the method without the parameter annotations. */
    public static class ItemsResourceProxy extends ItemsResource {
        @Override
        public String list(int pageNumber, int pageSize, String tenant) {
            return super.list(pageNumber, pageSize, tenant);
        }
    }

    public record NewItem(@NotBlank String name, List<@NotBlank String> tags) {
    }

    private static Validator validator(ParameterNameProvider names) {
        var configuration = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator());
        if (names != null) {
            configuration.parameterNameProvider(names);
        }
        return configuration.buildValidatorFactory().getValidator();
    }

    /** Names parameters arg0, arg1, … as a class compiled without -parameters has them. */
    private static final ParameterNameProvider ARG_NAMES = new ParameterNameProvider() {
        @Override
        public List<String> getParameterNames(Constructor<?> constructor) {
            return argNames(constructor);
        }

        @Override
        public List<String> getParameterNames(Method method) {
            return argNames(method);
        }

        private List<String> argNames(Executable executable) {
            return IntStream.range(0, executable.getParameterCount()).mapToObj(i -> "arg" + i).toList();
        }
    };

    private static Method list() throws NoSuchMethodException {
        return ItemsResource.class.getMethod("list", int.class, int.class, String.class);
    }

    private static Response map(Set<? extends ConstraintViolation<?>> violations) {
        ConstraintViolationExceptionMapper mapper = new ConstraintViolationExceptionMapper();
        mapper.uriInfo = Fakes.uriInfo("/api/items");
        return mapper.toResponse(new ConstraintViolationException(violations));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> errors(Response response) {
        return (Map<String, List<String>>) Fakes.json(response).get("errors");
    }

    @Test
    void queryParameterViolationsAreKeyedByTheQueryParameterName() throws Exception {
        var violations = validator(null).forExecutables()
                .validateParameters(new ItemsResource(), list(), new Object[] {0, 500, "acme"});

        Response response = map(violations);

        assertEquals(400, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        Map<String, Object> body = Fakes.json(response);
        assertEquals(ProblemType.VALIDATION.type().toString(), body.get("type"));
        assertEquals("/api/items", body.get("instance"));
        assertEquals(Set.of("page", "page_size"), errors(response).keySet());
        assertEquals(1, errors(response).get("page_size").size());
    }

    @Test
    void parametersNamedArgNAreStillKeyedByTheQueryParameterName() throws Exception {
        var violations = validator(ARG_NAMES).forExecutables()
                .validateParameters(new ItemsResource(), list(), new Object[] {1, 0, " "});

        assertEquals(Set.of("page_size", "X-Tenant"), errors(map(violations)).keySet());
    }

    @Test
    void cdiSubclassProxyStillYieldsTheQueryParameterName() throws Exception {
        Method proxied = ItemsResourceProxy.class.getMethod("list", int.class, int.class, String.class);
        var violations = validator(ARG_NAMES).forExecutables()
                .validateParameters(new ItemsResourceProxy(), proxied, new Object[] {0, 10, "acme"});

        assertEquals(Set.of("page"), errors(map(violations)).keySet());
    }

    @Test
    void bodyPropertyViolationsAreKeyedByTheProperty() throws Exception {
        Method create = ItemsResource.class.getMethod("create", String.class, NewItem.class);
        var violations = validator(null).forExecutables().validateParameters(new ItemsResource(), create,
                new Object[] {"g", new NewItem("", List.of("ok", " "))});

        assertEquals(Set.of("name", "tags"), errors(map(violations)).keySet());
    }

    @Test
    void missingBodyIsKeyedByTheParameter() throws Exception {
        Method create = ItemsResource.class.getMethod("create", String.class, NewItem.class);
        var violations = validator(null).forExecutables().validateParameters(new ItemsResource(), create,
                new Object[] {"g", null});

        assertEquals(Set.of("item"), errors(map(violations)).keySet());
    }

    @Test
    void returnValueViolationIsTheServersFault() throws Exception {
        Method broken = ItemsResource.class.getMethod("broken");
        var violations = validator(null).forExecutables().validateReturnValue(new ItemsResource(), broken, null);

        Response response = map(violations);

        assertEquals(500, response.getStatus());
        assertEquals(ProblemType.INTERNAL_ERROR.type().toString(), Fakes.json(response).get("type"));
        assertNull(errors(response));
    }

    @Test
    void otherValidationExceptionIsAnInternalError() {
        ValidationExceptionMapper mapper = new ValidationExceptionMapper();
        mapper.uriInfo = Fakes.uriInfo("/api/items");

        Response response = mapper.toResponse(new ConstraintDeclarationException("bad @Min on a String"));

        assertEquals(500, response.getStatus());
        assertEquals(ProblemType.INTERNAL_ERROR.type().toString(), Fakes.json(response).get("type"));
        assertFalse(((String) response.getEntity()).contains("@Min"));
    }

    @Test
    void violationsWithoutDetailsStillGiveAValidationProblem() {
        ConstraintViolationExceptionMapper mapper = new ConstraintViolationExceptionMapper();
        mapper.uriInfo = Fakes.uriInfo("/api/items");

        Response response = mapper.toResponse(new ConstraintViolationException("no set", null));

        assertEquals(400, response.getStatus());
        assertTrue(Fakes.json(response).get("type").toString().endsWith("/validation"));
    }
}
