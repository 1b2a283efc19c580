package dev.tollgate.war.oauth;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * On the OAuth protocol endpoints ({@link ProtocolPaths#answersOAuthErrors}), a request body that cannot be read, e.g.
 * {@code Content-Type: application/x-www-form-urlencoded; charset=bogus}, is the RFC 6749 §5.2
 * {@code invalid_request} ("malformed"), the format their clients parse, rather than the {@code bad-request} problem
 * the gate's {@code EntityFailureInterceptor} makes of it for every other API.
 *
 * <p>It runs inside {@link RequestBodyLimit}, which still decides when the body was too large, and outside the
 * gate's interceptor, whose answer it translates.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Priority(Priorities.ENTITY_CODER - 50)
public class ProtocolBodyErrors implements ReaderInterceptor {

    @Context
    UriInfo uriInfo;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (ProblemException e) {
            if (e.problemType() == ProblemType.BAD_REQUEST
                    && ProtocolPaths.answersOAuthErrors(ProtocolPaths.pathOf(uriInfo))) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "The request body could not be read"
                        + " (its Content-Type or charset is not one this endpoint reads)");
            }
            throw e;
        }
    }
}
