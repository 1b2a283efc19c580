package dev.tollgate.impl.jaxrs;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.security.Principal;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Small fakes of the JAX-RS and servlet interfaces the providers read: only the methods they call work. */
final class Fakes {

    private Fakes() {
    }

    static UriInfo uriInfo(String path) {
        URI uri = URI.create("http://localhost:9080" + path);
        return proxy(UriInfo.class, (name, args) -> switch (name) {
            case "getRequestUri", "getAbsolutePath" -> uri;
            default -> unsupported(name);
        });
    }

    static HttpServletRequest servletRequest(Map<String, Object> attributes) {
        return proxy(HttpServletRequest.class, (name, args) -> switch (name) {
            case "getAttribute" -> attributes.get((String) args[0]);
            default -> unsupported(name);
        });
    }

    static SecurityContext securityContext(Principal principal, Set<String> roles) {
        return proxy(SecurityContext.class, (name, args) -> switch (name) {
            case "getUserPrincipal" -> principal;
            case "isUserInRole" -> principal != null && roles.contains((String) args[0]);
            case "isSecure" -> false;
            case "getAuthenticationScheme" -> principal == null ? null : "BEARER";
            default -> unsupported(name);
        });
    }

    /** A request context whose properties are the servlet request attributes, as in a servlet container. */
    static final class RequestContext {
        final Map<String, Object> properties = new HashMap<>();
        SecurityContext security = securityContext(null, Set.of());
        String path = "/api/reports";
        Response aborted;

        ContainerRequestContext context() {
            return proxy(ContainerRequestContext.class, (name, args) -> switch (name) {
                case "getProperty" -> properties.get((String) args[0]);
                case "setProperty" -> properties.put((String) args[0], args[1]);
                case "getSecurityContext" -> security;
                case "getUriInfo" -> uriInfo(path);
                case "getMethod" -> "GET";
                case "abortWith" -> {
                    aborted = (Response) args[0];
                    yield null;
                }
                default -> unsupported(name);
            });
        }
    }

    /** The JSON body of a problem or OAuth error response. */
    static Map<String, Object> json(Response response) {
        try {
            return JSONObjectUtils.parse((String) response.getEntity());
        } catch (ParseException e) {
            throw new AssertionError("not JSON: " + response.getEntity(), e);
        }
    }

    interface Handler {
        /** May throw whatever the faked method declares. */
        Object invoke(String method, Object[] args) throws Throwable;
    }

    static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> switch (method.getName()) {
                    case "toString" -> "Fake" + type.getSimpleName();
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> handler.invoke(method.getName(), args);
                }));
    }

    private static Object unsupported(String method) {
        throw new UnsupportedOperationException(method);
    }
}
