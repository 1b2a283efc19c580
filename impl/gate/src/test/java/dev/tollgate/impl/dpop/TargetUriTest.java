package dev.tollgate.impl.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3986 §6.2.2 and §6.2.3 normalisation, for RFC 9449 §4.3 point 9. */
class TargetUriTest {

    @ParameterizedTest
    @CsvSource({
        "https://api.example.com/a/b, https://api.example.com/a/b",
        "HTTPS://API.Example.COM/a/b, https://api.example.com/a/b",
        "https://api.example.com:443/a, https://api.example.com/a",
        "http://api.example.com:80/a, http://api.example.com/a",
        "https://api.example.com:8443/a, https://api.example.com:8443/a",
        "http://api.example.com:443/a, http://api.example.com:443/a",
        "https://api.example.com, https://api.example.com/",
        "https://api.example.com/a?x=1#f, https://api.example.com/a",
        "https://api.example.com/a/./b/../c, https://api.example.com/a/c",
        "https://api.example.com/%7euser/%61, https://api.example.com/~user/a",
        "https://api.example.com/a%2fb, https://api.example.com/a%2Fb",
        "https://api.example.com/A/B, https://api.example.com/A/B",
        "http://[::1]:9080/x, http://[::1]:9080/x",
    })
    void normalisesAsRfc3986Says(String raw, String expected) {
        assertEquals(Optional.of(expected), TargetUri.normalize(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative", "ftp://api.example.com/a", "https://user@api.example.com/a",
        "https://api.example.com/a b", "mailto:a@example.com", "", "https://", "https:///path", "%zz"})
    void refusesWhatIsNoHttpTargetUri(String raw) {
        assertEquals(Optional.empty(), TargetUri.normalize(raw));
    }

    @ParameterizedTest
    @CsvSource({
        "https://api.example.com, /ctx/items, https://api.example.com/ctx/items",
        "https://api.example.com/, /ctx/items, https://api.example.com/ctx/items",
        "https://api.example.com/edge, /ctx/items, https://api.example.com/edge/ctx/items",
        "https://API.example.com:443/edge/, /ctx/%69tems, https://api.example.com/edge/ctx/items",
    })
    void requestUriIsTheExternalBaseFollowedByTheRawPath(String base, String path, String expected) {
        assertEquals(Optional.of(expected), TargetUri.ofRequest(URI.create(base), path));
    }
}
