package dev.tollgate.impl.client;

import dev.tollgate.api.client.AccessToken;
import dev.tollgate.api.client.TokenClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;

/**
 * {@link HttpClient#send} with the client's Bearer token on every request, for code that does not use JAX-RS. With
 * DPoP ({@code dpop.enabled}), a DPoP-bound token goes as {@code Authorization: DPoP} with a new proof per request
 * (RFC 9449 §7), and a 401 {@code use_dpop_nonce} is answered once with the nonce (§9).
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
        AccessToken token = SenderConstraint.tokenFor(tokens);
        HttpResponse<T> response = http.send(authorized(request, token), handler);
        SenderConstraint.Replay replay = SenderConstraint.after(tokens, request.uri(), token, response.statusCode(),
                response.headers()::allValues);
        if (replay == SenderConstraint.Replay.NONE || !replayable(request)) {
            return response;
        }
        discard(response);
        // once only: the second answer goes to the caller whatever it is (its DPoP-Nonce is still remembered)
        AccessToken second = replay == SenderConstraint.Replay.DPOP_NONCE ? token : tokens.accessToken();
        HttpResponse<T> again = http.send(authorized(request, second), handler);
        SenderConstraint.rememberNonce(tokens, request.uri(), again.headers()::allValues);
        return again;
    }

    /** No body, or one whose length is known (the JDK's own publishers of that kind can be subscribed again). */
    static boolean replayable(HttpRequest request) {
        return request.bodyPublisher().map(p -> p.contentLength() >= 0).orElse(true);
    }

    private HttpRequest authorized(HttpRequest request, AccessToken token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) ->
                !name.equalsIgnoreCase("Authorization") && !name.equalsIgnoreCase(DpopProofs.HEADER));
        SenderConstraint.headers(tokens, token, request.method(), request.uri()).forEach(builder::header);
        return builder.build();
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
