package dev.tollgate.war.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The headers RESTEasy parses before dispatch: what it would refuse is found here first. */
class NegotiationHeadersTest {

    private static Optional<String> malformed(Map<String, List<String>> headers) {
        return NegotiationHeaders.malformed(name -> {
            List<String> values = headers.get(name);
            return values == null ? null : Collections.enumeration(values);
        });
    }

    @Test
    void wellFormedHeadersPass() {
        assertEquals(Optional.empty(), malformed(Map.of(
                "Accept", List.of("text/html, application/xhtml+xml;q=0.9, */*;q=0.8", "application/json"),
                "Accept-Language", List.of("en-GB,en;q=0.9, *;q=0.1"),
                "Content-Type", List.of("application/x-www-form-urlencoded; charset=UTF-8"))));
        assertEquals(Optional.empty(), malformed(Map.of()));
    }

    @Test
    void acceptThatIsNoMediaRangeIsMalformed() {
        for (String accept : List.of(";;;", "/", "text/", "a".repeat(1000))) {
            assertEquals(Optional.of("Accept"), malformed(Map.of("Accept", List.of("text/html, " + accept))),
                    accept);
        }
    }

    @Test
    void weightThatIsNoNumberIsMalformed() {
        assertEquals(Optional.of("Accept"), malformed(Map.of("Accept", List.of("text/html;q=abc"))));
        assertEquals(Optional.of("Accept-Language"), malformed(Map.of("Accept-Language", List.of("en;q=abc"))));
        assertEquals(Optional.of("Accept-Language"),
                malformed(Map.of("Accept-Language", List.of(";;;q=abc,,@@"))));
    }

    @Test
    void contentTypeThatIsNoMediaTypeIsMalformed() {
        assertEquals(Optional.of("Content-Type"), malformed(Map.of("Content-Type", List.of(";;==;"))));
    }

    @Test
    void anUnsupportedCharsetIsLeftToTheEndpoint() {
        // A valid media type: the endpoint answers it in its own format (ProtocolBodyErrors on the OAuth ones).
        assertEquals(Optional.empty(), malformed(Map.of("Content-Type",
                List.of("application/x-www-form-urlencoded; charset=bogus"))));
    }
}
