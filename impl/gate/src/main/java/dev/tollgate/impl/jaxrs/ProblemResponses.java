package dev.tollgate.impl.jaxrs;

import dev.tollgate.api.Caller;
import dev.tollgate.impl.gate.BearerChallenge;
import dev.tollgate.impl.problem.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Building blocks shared by the mappers and the access filter: the problem response, its instance and realm. */
final class ProblemResponses {

    /**
     * The priority of every Tollgate exception mapper: after {@link Priorities#USER}, so that a host application's own
     * mapper for the same exception type wins (JAX-RS 3.1 §4.4: the lowest number wins among equal types).
     */
    static final int MAPPER_PRIORITY = Priorities.USER + 1000;

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class.getName());

    private ProblemResponses() {
    }

    /** The response carrying {@code problem} as {@code application/problem+json}. */
    static Response.ResponseBuilder of(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.toJson());
    }

    /** The problem's {@code instance}: the request path, without the query (which may hold anything). */
    static String instance(UriInfo uriInfo) {
        if (uriInfo == null) {
            return null;
        }
        try {
            return uriInfo.getRequestUri().getRawPath();
        } catch (RuntimeException e) {
            // Outside a request (or before RESTEasy has parsed the URI): leave instance out rather than fail.
            LOG.log(Level.FINE, "No request URI for the problem instance", e);
            return null;
        }
    }

    /** The gate's realm for this request, or {@link BearerChallenge#DEFAULT_REALM}. */
    static String realm(Object attribute) {
        return attribute instanceof String realm && !realm.isBlank() ? realm : BearerChallenge.DEFAULT_REALM;
    }

    /** The realm from the servlet request, when JAX-RS runs on servlets (it may be absent elsewhere). */
    static String realm(HttpServletRequest request) {
        if (request == null) {
            return BearerChallenge.DEFAULT_REALM;
        }
        try {
            return realm(request.getAttribute(BearerChallenge.REALM_ATTRIBUTE));
        } catch (RuntimeException e) {
            // An injected proxy with no current servlet request behind it.
            LOG.log(Level.FINE, "No servlet request for the realm", e);
            return BearerChallenge.DEFAULT_REALM;
        }
    }

    /** The caller the gate left on the request, if any (null when the gate has not run). */
    static Caller caller(Object attribute) {
        return attribute instanceof Caller caller ? caller : null;
    }

    /** Copies the headers of {@code original} that still hold for the problem answer. */
    static void copyHeaders(Response original, Response.ResponseBuilder builder, String... names) {
        for (String name : names) {
            var values = original.getHeaders().get(name);
            if (values != null) {
                for (Object value : values) {
                    builder.header(name, value);
                }
            }
        }
    }

    /** The headers a problem keeps from the response it replaces. */
    static final String[] KEPT_HEADERS = {HttpHeaders.ALLOW, HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE};
}
