package dev.tollgate.impl.jaxrs;

import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Recognises the JAX-RS runtime's own refusal of a request that is not a {@code WebApplicationException}: RESTEasy
 * (Open Liberty's runtime) throws its {@code org.jboss.resteasy.spi.Failure} with the status it chose, e.g. 400 for
 * an {@code Accept} header whose {@code q} is not a number (RFC 9110 §12.4.2), while it matches the request to a
 * resource, before any of ours runs.
 *
 * <p>Found by class name, through reflection, because the gate's providers run on any JAX-RS runtime and must not
 * link against RESTEasy. Only a 4xx counts: any other status stays a server fault.
 */
final class RuntimeClientError {

    private static final Logger LOG = Logger.getLogger(RuntimeClientError.class.getName());

    private static final String RESTEASY_FAILURE = "org.jboss.resteasy.spi.Failure";

    private RuntimeClientError() {
    }

    /** The 4xx status the runtime gave {@code exception}, or 0 when it is not the runtime's refusal of a request. */
    static int statusOf(Throwable exception) {
        for (Class<?> type = exception.getClass(); type != null; type = type.getSuperclass()) {
            if (RESTEASY_FAILURE.equals(type.getName())) {
                return clientErrorOrZero(errorCode(type, exception));
            }
        }
        return 0;
    }

    /** Its {@code errorCode}, or when that is unset (-1) the status of its {@code response}. */
    private static int errorCode(Class<?> failure, Throwable exception) {
        try {
            Method errorCode = failure.getMethod("getErrorCode");
            if (errorCode.invoke(exception) instanceof Integer status && status > 0) {
                return status;
            }
            Method response = failure.getMethod("getResponse");
            return response.invoke(exception) instanceof Response answer ? answer.getStatus() : 0;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "No status on " + failure.getName(), e);
            return 0;
        }
    }

    private static int clientErrorOrZero(int status) {
        return status >= 400 && status < 500 ? status : 0;
    }
}
