package dev.tollgate.impl.jaxrs;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link ConstraintViolationException} → 400 {@code validation} with {@code errors: {"field": ["message"]}}; RESTEasy's
 * {@code ResteasyViolationException} is one, and so is what a CDI bean's method validation throws.
 *
 * <p>The field is the name the client used:
 * <ul>
 *   <li>for a resource method parameter, the name in its {@code @QueryParam}, {@code @PathParam},
 *       {@code @HeaderParam}, {@code @FormParam}, {@code @CookieParam} or {@code @MatrixParam} (Bean Validation
 *       itself names it {@code list.arg1}, or {@code list.size} when compiled with {@code -parameters});</li>
 *   <li>for a property of a body object, the property's name (the last node of the path);</li>
 *   <li>{@code ""} for a constraint on a whole object or across parameters (as the Releval error format does).</li>
 * </ul>
 *
 * <p>A violated constraint on a return value is the server's bug, not the client's: 500, logged (Jakarta REST 3.1
 * §7.6 says the same).
 *
 * <p>Not a {@code @Provider}: {@link OptionalApiMappers} registers it when Bean Validation is present.
 */
@Priority(ProblemResponses.MAPPER_PRIORITY)
public class ConstraintViolationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        String instance = ProblemResponses.instance(uriInfo);
        Set<ConstraintViolation<?>> violations = exception.getConstraintViolations();
        if (violations == null) {
            violations = Set.of();
        }
        if (violations.stream().anyMatch(ConstraintViolationExceptionMapper::isOnReturnValue)) {
            return UnhandledExceptionMapper.internalError(exception, instance);
        }
        // Sorted by field, then message, so that the body does not depend on the violations' hash order.
        Map<String, List<String>> errors = new TreeMap<>();
        for (ConstraintViolation<?> violation : violations) {
            errors.computeIfAbsent(fieldName(violation), k -> new ArrayList<>()).add(violation.getMessage());
        }
        Map<String, List<String>> sorted = new LinkedHashMap<>();
        errors.forEach((field, messages) -> sorted.put(field, messages.stream().sorted().toList()));
        String detail = errors.size() == 1
                ? "One field of the request is invalid."
                : errors.size() + " fields of the request are invalid.";
        return ProblemResponses.of(Problem.of(ProblemType.VALIDATION, detail, instance, sorted)).build();
    }

    static boolean isOnReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** The name, as the client knows it, of what the violation is about. */
    static String fieldName(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Path.Node node = nodes.get(i);
            switch (node.getKind()) {
                case PROPERTY:
                    return node.getName();
                case PARAMETER:
                    return parameterName(violation, nodes, node);
                case CONTAINER_ELEMENT, BEAN:
                    // e.g. "<list element>" of a List<@NotBlank String>: the element's container names the field.
                    continue;
                default:
                    // CROSS_PARAMETER, METHOD, CONSTRUCTOR: the whole call or object.
                    return "";
            }
        }
        return "";
    }

    private static String parameterName(ConstraintViolation<?> violation, List<Path.Node> nodes, Path.Node node) {
        int index = node.as(Path.ParameterNode.class).getParameterIndex();
        Path.Node first = nodes.get(0);
        if (first.getKind() == ElementKind.METHOD && violation.getRootBeanClass() != null) {
            List<Class<?>> types = first.as(Path.MethodNode.class).getParameterTypes();
            String declared = declaredName(violation.getRootBeanClass(), first.getName(),
                    types.toArray(Class<?>[]::new), index);
            if (declared != null) {
                return declared;
            }
        }
        return node.getName();
    }

    /**
     * The JAX-RS parameter annotation's value on parameter {@code index} of the method, searched up the class
     * hierarchy and through the interfaces: a CDI subclass proxy redeclares the method without its parameter
     * annotations, and JAX-RS annotations may sit on an interface (Jakarta REST 3.1 §3.6).
     */
    static String declaredName(Class<?> type, String method, Class<?>[] parameterTypes, int index) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            String name = annotatedName(c, method, parameterTypes, index);
            if (name != null) {
                return name;
            }
            for (Class<?> i : c.getInterfaces()) {
                name = declaredName(i, method, parameterTypes, index);
                if (name != null) {
                    return name;
                }
            }
        }
        return null;
    }

    private static String annotatedName(Class<?> c, String method, Class<?>[] parameterTypes, int index) {
        Method m;
        try {
            m = c.getDeclaredMethod(method, parameterTypes);
        } catch (NoSuchMethodException | SecurityException e) {
            return null;
        }
        Annotation[][] annotations = m.getParameterAnnotations();
        if (index < 0 || index >= annotations.length) {
            return null;
        }
        for (Annotation annotation : annotations[index]) {
            if (annotation instanceof QueryParam q) {
                return q.value();
            } else if (annotation instanceof PathParam p) {
                return p.value();
            } else if (annotation instanceof HeaderParam h) {
                return h.value();
            } else if (annotation instanceof FormParam f) {
                return f.value();
            } else if (annotation instanceof CookieParam k) {
                return k.value();
            } else if (annotation instanceof MatrixParam x) {
                return x.value();
            }
        }
        return null;
    }
}
