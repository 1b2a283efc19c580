package dev.tollgate.war.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.server.store.StoreException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A database outage is a 503 with Retry-After in the format of the endpoint, never a 500 or a stack trace. */
class StoreExceptionMapperTest {

    private static Response map(String path) {
        StoreExceptionMapper mapper = new StoreExceptionMapper();
        mapper.uriInfo = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(),
                new Class<?>[] {UriInfo.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getPath")) {
                        return path;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return mapper.toResponse(new StoreException("read client", new SQLException("Connection refused: secret-host")));
    }

    @Test
    void storeExceptionOnTokenRevokeIntrospectUserinfoThenTemporarilyUnavailableJson() {
        for (String path : new String[] {"oauth2/token", "/oauth2/revoke", "/oauth2/introspect", "/oauth2/userinfo"}) {
            Response response = map(path);

            assertEquals(503, response.getStatus(), path);
            assertEquals("5", response.getHeaderString(HttpHeaders.RETRY_AFTER), path);
            assertEquals("no-store", response.getHeaderString(HttpHeaders.CACHE_CONTROL), path);
            assertTrue(response.getMediaType().toString().startsWith("application/json"), path);
            String body = (String) response.getEntity();
            assertTrue(body.contains("\"error\":\"temporarily_unavailable\""), body);
            assertFalse(body.contains("secret-host") || body.contains("SQLException") || body.contains("client"),
                    body);
        }
    }

    @Test
    void storeExceptionOnTheClientListingThenServiceUnavailableProblem() {
        Response response = map("/oauth2/clients");

        assertEquals(503, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
    }

    @Test
    void storeExceptionElsewhereThenServiceUnavailableProblem() {
        Response response = map("/api/items");

        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString(HttpHeaders.RETRY_AFTER));
        assertEquals("application/problem+json", response.getMediaType().toString());
        String body = (String) response.getEntity();
        assertTrue(body.contains("https://tollgate.dev/problems/service-unavailable"), body);
        assertFalse(body.contains("secret-host"), body);
    }
}
