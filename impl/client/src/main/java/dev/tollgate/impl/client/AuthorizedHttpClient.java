package dev.tollgate.impl.client;

import dev.tollgate.api.client.AccessToken;
import dev.tollgate.api.client.TokenClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;

/**
 * {@link HttpClient#send} with the client's Bearer token on every request, for code that does not use JAX-RS.
 *
 * <p>When the API rejects the token ({@link TokenRejection}: 401 {@code invalid_token}, {@code X-API-Expired} or
 * {@code X-API-Revoked}), the token is invalidated, a new one obtained (single flight, shared with every other
 * caller) and the request sent once more — only if its body can be sent again: no body, or a publisher of known
 * length ({@code ofString}, {@code ofByteArray}, {@code ofFile}). A streaming publisher ({@code ofInputStream},
 * length -1) is not replayed, and a second 401 goes to the caller as it is.
 *
 * <pre>{@code
 * AuthorizedHttpClient api = new AuthorizedHttpClient(HttpClient.newHttpClient(), tokenClient);
 * HttpResponse<String> r = api.send(HttpRequest.newBuilder(uri).GET().build(), BodyHandlers.ofString());
 * }</pre>
 */
public final class AuthorizedHttpClient {

    private final HttpClient http;
    private final TokenClient tokens;

    /** @param http the caller's (long-lived) client; its timeouts and redirect policy apply */
    public AuthorizedHttpClient(HttpClient http, TokenClient tokens) {
        this.http = Objects.requireNonNull(http, "http");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * Sends {@code request} with {@code Authorization: Bearer}, replaying it once after a token rejection.
     *
     * @throws dev.tollgate.api.error.TokenClientException when no token can be obtained
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        AccessToken token = tokens.accessToken();
        HttpResponse<T> response = http.send(authorized(request, token), handler);
        if (!TokenRejection.tokenRejected(response.statusCode(), response.headers()::allValues)) {
            return response;
        }
        tokens.invalidate(token);
        if (!replayable(request)) {
            return response;
        }
        discard(response);
        return http.send(authorized(request, tokens.accessToken()), handler);
    }

    /** No body, or one whose length is known (the JDK's own publishers of that kind can be subscribed again). */
    static boolean replayable(HttpRequest request) {
        return request.bodyPublisher().map(p -> p.contentLength() >= 0).orElse(true);
    }

    private static HttpRequest authorized(HttpRequest request, AccessToken token) {
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))
                .header("Authorization", token.authorizationHeader())
                .build();
    }

    private static void discard(HttpResponse<?> response) throws IOException {
        if (response.body() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
