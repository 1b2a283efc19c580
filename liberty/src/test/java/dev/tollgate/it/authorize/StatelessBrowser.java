package dev.tollgate.it.authorize;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.RawHttp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A browser whose every request is a new TCP connection ({@link RawHttp}, {@code Connection: close}) carrying only
 * the cookies the server set, as if each step landed on another node behind a round-robin balancer without sticky
 * sessions. It fails the test when any response sets {@code JSESSIONID}: no step may need a node's session.
 */
final class StatelessBrowser {

    /** The server's cookies of the flow: the browser binding and the sealed login. */
    static final String BINDING = "tollgate_browser";
    static final String LOGIN = "tollgate_login";

    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final String address;

    /** From a loopback address of its own: nothing may depend on the client address either. */
    StatelessBrowser() {
        this(RawHttp.randomLoopback());
    }

    StatelessBrowser(String address) {
        this.address = address;
    }

    RawHttp.Answer get(String pathOrUrl) {
        return send(RawHttp.request("GET", path(pathOrUrl)));
    }

    RawHttp.Answer post(String path, Map<String, String> form) {
        return send(RawHttp.request("POST", path).header("Content-Type", "application/x-www-form-urlencoded")
                .body(Browser.encode(form)));
    }

    RawHttp.Answer postJson(String path, String json) {
        return send(RawHttp.request("POST", path).header("Content-Type", "application/json")
                .header("Accept", "application/json").body(json));
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    /** A copy with the same cookies: the same browser, e.g. a second tab or a replay. */
    StatelessBrowser copy() {
        StatelessBrowser copy = new StatelessBrowser(address);
        copy.cookies.putAll(cookies);
        return copy;
    }

    private RawHttp.Answer send(RawHttp request) {
        request.from(address);
        if (!cookies.isEmpty()) {
            StringBuilder header = new StringBuilder();
            cookies.forEach((name, value) -> header.append(header.length() == 0 ? "" : "; ").append(name).append('=')
                    .append(value));
            request.header("Cookie", header.toString());
        }
        RawHttp.Answer answer = request.send();
        for (String setCookie : answer.all("Set-Cookie")) {
            assertFalse(setCookie.startsWith("JSESSIONID="), "no step may create an HTTP session: " + setCookie);
            String pair = setCookie.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            boolean removed = List.of(setCookie.split(";\\s*")).stream()
                    .anyMatch(attribute -> attribute.toLowerCase(Locale.ROOT).equals("max-age=0"));
            if (removed) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return answer;
    }

    /** An absolute URL of the server (a Location) as a request target. */
    static String path(String pathOrUrl) {
        String base = LibertyServer.baseUrl();
        return pathOrUrl.startsWith(base) ? pathOrUrl.substring(base.length()) : pathOrUrl;
    }
}
