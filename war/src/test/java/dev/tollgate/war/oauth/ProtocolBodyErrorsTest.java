package dev.tollgate.war.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** An unreadable body is invalid_request on the OAuth endpoints, and stays the bad-request problem elsewhere. */
class ProtocolBodyErrorsTest {

    private static final ProblemException UNREADABLE = new ProblemException(ProblemType.BAD_REQUEST,
            "The request body is not valid application/x-www-form-urlencoded.");

    private static ProtocolBodyErrors at(String path) {
        ProtocolBodyErrors interceptor = new ProtocolBodyErrors();
        interceptor.uriInfo = proxy(UriInfo.class, "getPath", path);
        return interceptor;
    }

    /** A context whose reader fails as the gate's EntityFailureInterceptor does for {@code charset=bogus}. */
    private static ReaderInterceptorContext failingWith(RuntimeException failure) {
        return (ReaderInterceptorContext) Proxy.newProxyInstance(ReaderInterceptorContext.class.getClassLoader(),
                new Class<?>[] {ReaderInterceptorContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("proceed")) {
                        throw failure;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static <T> T proxy(Class<T> type, String method, Object answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (m.getName().equals(method)) {
                return answer;
            }
            throw new UnsupportedOperationException(m.getName());
        }));
    }

    @Test
    void unreadableBodyOnTheTokenEndpointIsInvalidRequest() {
        OAuthException e = assertThrows(OAuthException.class,
                () -> at("/oauth2/token").aroundReadFrom(failingWith(UNREADABLE)));

        assertEquals(OAuthError.INVALID_REQUEST, e.error());
    }

    @Test
    void unreadableBodyOnEveryProtocolEndpointIsInvalidRequest() {
        for (String path : new String[] {"oauth2/revoke", "/oauth2/introspect", "/oauth2/register"}) {
            assertThrows(OAuthException.class, () -> at(path).aroundReadFrom(failingWith(UNREADABLE)), path);
        }
    }

    @Test
    void unreadableBodyElsewhereStaysTheProblem() {
        for (String path : new String[] {"/api/items", "/oauth2/clients", "/admin/users"}) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> at(path).aroundReadFrom(failingWith(UNREADABLE)), path);
            assertSame(UNREADABLE, e);
        }
    }

    @Test
    void otherProblemsPassUnchanged() {
        ProblemException tooLarge = new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "too large");

        assertSame(tooLarge, assertThrows(ProblemException.class,
                () -> at("/oauth2/token").aroundReadFrom(failingWith(tooLarge))));
    }
}
