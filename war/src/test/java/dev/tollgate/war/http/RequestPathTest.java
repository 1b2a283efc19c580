package dev.tollgate.war.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The request paths RESTEasy can decode: percent-encoded UTF-8. */
class RequestPathTest {

    @Test
    void percentEncodedUtf8Decodes() {
        for (String path : List.of("/api/items", "/oauth2/register/abc-123", "/a%20b", "/caf%C3%A9", "/%2Fx", "/")) {
            assertTrue(RequestPath.decodes(path), path);
        }
    }

    @Test
    void bytesThatAreNotUtf8DoNotDecode() {
        for (String path : List.of("/%C0%AF", "/%E9t%E9", "/%FF", "/%ED%A0%80")) {
            assertFalse(RequestPath.decodes(path), path);
        }
    }

    @Test
    void percentWithoutTwoHexDigitsDoesNotDecode() {
        for (String path : List.of("/%ZZ", "/%", "/a%2", "/%G1")) {
            assertFalse(RequestPath.decodes(path), path);
        }
    }
}
