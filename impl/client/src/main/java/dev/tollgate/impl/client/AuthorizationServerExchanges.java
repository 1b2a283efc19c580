package dev.tollgate.impl.client;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.client.AccessToken;
import dev.tollgate.impl.protocol.ErrorResponse;
import dev.tollgate.impl.protocol.MessageParseException;
import dev.tollgate.impl.protocol.ServerMetadata;
import dev.tollgate.impl.protocol.TokenResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP exchanges with one authorization server: token requests (RFC 6749 §3.2), revocation (RFC 7009) and
 * metadata discovery (RFC 8414). Adds the client authentication the configuration asks for, enforces the timeouts,
 * reads the answers as the shared protocol messages, and turns every failure into an {@link EndpointException} —
 * never a bare {@link IOException}.
 */
final class AuthorizationServerExchanges {

    /** Token and metadata answers are small; anything larger is refused. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final ClientConfig config;
    private final HttpClient http;
    private final Clock clock;
    /** connect + read: the longest any one exchange may take, body included. */
    private final long deadlineMillis;

    AuthorizationServerExchanges(ClientConfig config, HttpClient http, Clock clock) {
        this.config = config;
        this.http = http;
        this.clock = clock;
        this.deadlineMillis = config.connectTimeout().plus(config.readTimeout()).toMillis();
    }

    /** The longest one exchange may take. */
    Duration deadline() {
        return Duration.ofMillis(deadlineMillis);
    }

    /**
     * A token request: {@code params} are the grant's parameters; the client authentication is added here.
     *
     * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5">RFC 6749 §5</a>
     */
    TokenResponse token(URI endpoint, List<Map.Entry<String, String>> params)
            throws EndpointException, InterruptedException {
        HttpRequest request = authenticatedPost(endpoint, params, config.jsonTokenRequests());
        HttpResponse<String> response = send(request, "token request");
        if (response.statusCode() / 100 != 2) {
            throw errorResponse("token request", response);
        }
        TokenResponse token;
        try {
            token = TokenResponse.parse(response.body());
        } catch (MessageParseException e) {
            throw unusable(response, e.getMessage());
        }
        // token_type: we can only send Bearer tokens (RFC 6750); the value is case-insensitive (RFC 6749 §7.1).
        if (!token.bearer()) {
            throw unusable(response, "unsupported token_type '" + printable(token.tokenType()) + "'");
        }
        return token;
    }

    /** The access token of a response received at {@code receivedAt}, its expiry computed from {@code expires_in}. */
    static AccessToken accessToken(TokenResponse response, Instant receivedAt) {
        return new AccessToken(response.accessToken(), "Bearer", response.expiresIn().map(receivedAt::plus),
                response.scope());
    }

    /** The refresh token's lifetime, if the server gave one; Keycloak sends 0 for "does not expire". */
    static Optional<Duration> refreshTokenLifetime(TokenResponse response) {
        return response.refreshExpiresIn().filter(lifetime -> !lifetime.isZero());
    }

    /** The message names the member, never its value. */
    private EndpointException unusable(HttpResponse<String> response, String why) {
        return new EndpointException(prefix("token request") + "the token response is unusable: " + why, null,
                null, response.statusCode(), Optional.empty(), null);
    }

    /**
     * Revokes {@code token}. RFC 7009 §2.2: a 200 answer means revoked, also for a token the server did not know.
     */
    void revoke(URI endpoint, Secret token, String tokenTypeHint) throws EndpointException, InterruptedException {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(Map.entry("token", token.value()));                // token (REQUIRED)
        params.add(Map.entry("token_type_hint", tokenTypeHint));      // token_type_hint (OPTIONAL)
        // RFC 7009 defines a form request only, so a client configured for JSON token requests sends a form here.
        HttpRequest request = authenticatedPost(endpoint, params, false);
        HttpResponse<String> response = send(request, "revocation");
        if (response.statusCode() != 200) {
            throw errorResponse("revocation", response);
        }
    }

    /**
     * Discovers the metadata of {@code issuer}: the RFC 8414 §3.1 well-known URI (inserted before the issuer's
     * path), the same appended after the path (a common variant), then OpenID Connect Discovery's
     * {@code /.well-known/openid-configuration}.
     */
    ServerMetadata discover(URI issuer) throws EndpointException, InterruptedException {
        EndpointException last = null;
        for (URI uri : wellKnownUris(issuer)) {
            HttpRequest request = HttpRequest.newBuilder(uri).GET()
                    .timeout(config.readTimeout())
                    .header("Accept", "application/json")
                    .build();
            HttpResponse<String> response = send(request, "discovery");
            if (response.statusCode() != 200) {
                last = new EndpointException(prefix("discovery") + uri + " answered HTTP " + response.statusCode(),
                        null, null, response.statusCode(), retryAfter(response), null);
                continue;
            }
            Map<String, Object> json;
            try {
                json = JSONObjectUtils.parse(response.body());
                if (json == null) {
                    // JSONObjectUtils.parse answers the JSON literal null with null
                    throw new ParseException("null", 0);
                }
            } catch (ParseException e) {
                last = new EndpointException(prefix("discovery") + uri + " is not a JSON object", null, null,
                        200, Optional.empty(), null);
                continue;
            }
            try {
                return DiscoveredMetadata.accept(ServerMetadata.parse(json), issuer);
            } catch (MessageParseException | DiscoveredMetadata.Refused e) {
                // A document that names another issuer is a configuration error, not a reason to look elsewhere.
                throw new EndpointException(prefix("discovery") + uri + ": " + e.getMessage(), null, null, 200,
                        Optional.empty(), null);
            }
        }
        throw last;
    }

    static List<URI> wellKnownUris(URI issuer) {
        String base = issuer.getScheme() + "://" + issuer.getRawAuthority();
        String path = issuer.getRawPath() == null ? "" : issuer.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<URI> uris = new ArrayList<>();
        uris.add(URI.create(base + "/.well-known/oauth-authorization-server" + path));
        if (!path.isEmpty()) {
            uris.add(URI.create(base + path + "/.well-known/oauth-authorization-server"));
        }
        uris.add(URI.create(base + path + "/.well-known/openid-configuration"));
        return uris;
    }

    /** RFC 6749 §2.3.1 client authentication, in the header or the body. */
    private HttpRequest authenticatedPost(URI endpoint, List<Map.Entry<String, String>> params, boolean json) {
        List<Map.Entry<String, String>> body = new ArrayList<>();
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(config.readTimeout())
                .header("Accept", "application/json");
        Optional<Secret> secret = config.clientSecret();
        switch (config.authMethod()) {
            case CLIENT_SECRET_BASIC -> {
                // The client id and secret are form-urlencoded before they are joined and base64-encoded.
                String credentials = form(config.clientId()) + ":" + form(secret.orElseThrow().value());
                builder.header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
            }
            case CLIENT_SECRET_POST, NONE -> {
                body.add(Map.entry("client_id", config.clientId()));
                secret.ifPresent(s -> body.add(Map.entry("client_secret", s.value())));
            }
        }
        body.addAll(params);
        if (json) {
            builder.header("Content-Type", "application/json");
            builder.POST(HttpRequest.BodyPublishers.ofString(json(body)));
        } else {
            builder.header("Content-Type", "application/x-www-form-urlencoded");
            builder.POST(HttpRequest.BodyPublishers.ofString(formBody(body)));
        }
        return builder.build();
    }

    /** Sends with the overall deadline; every failure becomes an {@link EndpointException}. */
    private HttpResponse<String> send(HttpRequest request, String what)
            throws EndpointException, InterruptedException {
        CompletableFuture<HttpResponse<String>> future = http.sendAsync(request, LimitedBody.handler(MAX_BODY_BYTES));
        try {
            return future.get(deadlineMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw EndpointException.noResponse(prefix(what) + "no answer within " + deadlineMillis + " ms", null);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String reason;
            if (cause instanceof HttpConnectTimeoutException) {
                reason = "could not connect within " + config.connectTimeout().toMillis() + " ms";
            } else if (cause instanceof HttpTimeoutException) {
                reason = "no answer within " + config.readTimeout().toMillis() + " ms";
            } else if (cause instanceof ConnectException) {
                reason = "could not connect to " + request.uri().getHost() + ":" + port(request.uri());
            } else {
                reason = "I/O error (" + cause.getClass().getSimpleName() + ")";
            }
            throw EndpointException.noResponse(prefix(what) + reason, cause);
        }
    }

    private EndpointException errorResponse(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        String error = null;
        String description = null;
        try {
            ErrorResponse body = ErrorResponse.parse(response.body());
            error = body.error();
            description = body.errorDescription().orElse(null);
        } catch (MessageParseException e) {
            // not an RFC 6749 §5.2 error body: the status alone has to do
        }
        // The description stays out of the message: a server may echo what it was sent.
        String message = prefix(what) + "HTTP " + status + (error == null ? "" : ", error " + printable(error));
        return new EndpointException(message, error, description, status, retryAfter(response), null);
    }

    private Optional<Duration> retryAfter(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status != 429 && status != 503) {
            return Optional.empty();
        }
        return RetryAfter.parse(response.headers().firstValue("Retry-After"), clock.instant());
    }

    private String prefix(String what) {
        return "OAuth client '" + config.name() + "' " + what + " failed: ";
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static String printable(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) : s;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }

    static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String formBody(List<Map.Entry<String, String>> params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> p : params) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(form(p.getKey())).append('=').append(form(p.getValue()));
        }
        return out.toString();
    }

    /** A JSON object; a repeated parameter (e.g. {@code resource}) becomes an array. */
    static String json(List<Map.Entry<String, String>> params) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : params) {
            Object existing = object.get(p.getKey());
            if (existing == null) {
                object.put(p.getKey(), p.getValue());
            } else if (existing instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<Object> values = (List<Object>) list;
                values.add(p.getValue());
            } else {
                List<Object> values = new ArrayList<>();
                values.add(existing);
                values.add(p.getValue());
                object.put(p.getKey(), values);
            }
        }
        return JSONObjectUtils.toJSONString(object);
    }
}
