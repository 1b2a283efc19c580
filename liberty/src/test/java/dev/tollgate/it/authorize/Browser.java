package dev.tollgate.it.authorize;

import dev.tollgate.it.support.LibertyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A cookie-keeping HTTP client that does not follow redirects: one "browser" with its own cookies. */
public final class Browser {

    public static final String USER = "admin@it.tollgate.dev";
    public static final String PASSWORD = "it-admin-password-1";
    public static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    public HttpResponse<String> get(String pathOrUrl, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(pathOrUrl)).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    public HttpResponse<String> post(String pathOrUrl, Map<String, String> form, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(pathOrUrl)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Logs in through authorize → login, ending wherever the server sends us after the login POST. */
    HttpResponse<String> startAndLogIn(String authorizeQuery) {
        return startAndLogIn(authorizeQuery, USER, PASSWORD);
    }

    /** {@link #startAndLogIn(String)} as another user. */
    public HttpResponse<String> startAndLogIn(String authorizeQuery, String username, String password) {
        return logIn(location(get("/oauth2/authorize?" + authorizeQuery)), username, password);
    }

    /** Fills in and posts the login page at {@code loginUrl} (fetched afresh: its CSRF token and request id). */
    public HttpResponse<String> logIn(String loginUrl, String username, String password) {
        HttpResponse<String> loginPage = get(loginUrl);
        return post("/oauth2/login", Map.of("username", username, "password", password,
                "csrf_token", hidden(loginPage.body(), "csrf_token"),
                "request_id", hidden(loginPage.body(), "request_id")));
    }

    /** The value of the cookie of that name this browser holds, or null. */
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(c -> c.getValue()).findFirst().orElse(null);
    }

    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "no Location; status " + response.statusCode()));
    }

    public static String hidden(String html, String name) {
        Matcher matcher = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no hidden input " + name + " in " + html);
        }
        return matcher.group(1);
    }

    public static Map<String, String> query(String url) {
        Map<String, String> values = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    static String encode(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    /** Authorize parameters of a valid request; pairs override or add. */
    public static String authorizeQuery(String... overrides) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", "it-authz-web");
        params.put("redirect_uri", "https://client.it.tollgate.dev/cb");
        params.put("scope", "openid read");
        params.put("state", "st-" + System.nanoTime());
        params.put("code_challenge", CHALLENGE);
        params.put("code_challenge_method", "S256");
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                params.remove(overrides[i]);
            } else {
                params.put(overrides[i], overrides[i + 1]);
            }
        }
        return encode(params);
    }

    private static URI uri(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : LibertyServer.uri(pathOrUrl);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            // Issue 12: no page keeps state in a node's HTTP session, so none may ever start one.
            response.headers().allValues("Set-Cookie").forEach(cookie -> {
                if (cookie.startsWith("JSESSIONID=")) {
                    throw new AssertionError("an HTTP session was created by " + request.uri().getPath());
                }
            });
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
