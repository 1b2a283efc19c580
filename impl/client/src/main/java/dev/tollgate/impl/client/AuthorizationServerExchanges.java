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
    private final Optional<DpopProofs> dpop;
    private final Optional<ClientAssertions> assertions;
    /** The {@code aud} of a client assertion sent to an endpoint. */
    private final java.util.function.Function<URI, String> assertionAudience;

    AuthorizationServerExchanges(ClientConfig config, HttpClient http, Clock clock) {
        this(config, http, clock, Optional.empty(), Optional.empty(), URI::toString);
    }

    AuthorizationServerExchanges(ClientConfig config, HttpClient http, Clock clock, Optional<DpopProofs> dpop,
                                 Optional<ClientAssertions> assertions,
                                 java.util.function.Function<URI, String> assertionAudience) {
        this.config = config;
        this.http = http;
        this.clock = clock;
        this.deadlineMillis = config.connectTimeout().plus(config.readTimeout()).toMillis();
        this.dpop = dpop;
        this.assertions = assertions;
        this.assertionAudience = assertionAudience;
    }

    /** The DPoP proofs of this client, when DPoP is on. */
    Optional<DpopProofs> dpop() {
        return dpop;
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
        HttpResponse<String> response = post(endpoint, params, config.jsonTokenRequests(), "token request");
        if (response.statusCode() / 100 != 2) {
            throw errorResponse("token request", response);
        }
        TokenResponse token;
        try {
            token = TokenResponse.parse(response.body());
        } catch (MessageParseException e) {
            throw unusable(response, e.getMessage());
        }
        // token_type: Bearer (RFC 6750), or DPoP when we sent a proof (RFC 9449 §5); case-insensitive (RFC 6749
        // §7.1). A server that ignores the proof issues a Bearer token, which is then used as one (§5).
        if (!token.bearer() && !(dpop.isPresent() && isDpop(token.tokenType()))) {
            throw unusable(response, "unsupported token_type '" + printable(token.tokenType()) + "'");
        }
        return token;
    }

    /**
     * Pushes an authorization request (RFC 9126 §2.1) and returns its {@code request_uri} (§2.2: 201 with
     * {@code request_uri} and {@code expires_in}). The client authenticates as at the token endpoint, with a DPoP
     * proof when DPoP is on (RFC 9449 §10.1).
     */
    String pushAuthorizationRequest(URI endpoint, List<Map.Entry<String, String>> params)
            throws EndpointException, InterruptedException {
        HttpResponse<String> response = post(endpoint, params, false, "pushed authorization request");
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw errorResponse("pushed authorization request", response);
        }
        try {
            Map<String, Object> json = JSONObjectUtils.parse(response.body());
            if (json != null && json.get("request_uri") instanceof String requestUri && !requestUri.isBlank()) {
                return requestUri;
            }
        } catch (ParseException e) {
            // falls through
        }
        throw new EndpointException(prefix("pushed authorization request") + "the answer has no request_uri", null,
                null, response.statusCode(), Optional.empty(), null);
    }

    private static boolean isDpop(String tokenType) {
        return tokenType != null && tokenType.equalsIgnoreCase(DpopProofs.TOKEN_TYPE);
    }

    /** The access token of a response received at {@code receivedAt}, its expiry computed from {@code expires_in}. */
    static AccessToken accessToken(TokenResponse response, Instant receivedAt) {
        String type = isDpop(response.tokenType()) ? DpopProofs.TOKEN_TYPE : "Bearer";
        return new AccessToken(response.accessToken(), type, response.expiresIn().map(receivedAt::plus),
                response.scope());
    }

    /**
     * An authenticated POST with a fresh DPoP proof (and client assertion); when the server asks for a DPoP nonce
     * (RFC 9449 §8: 400 {@code use_dpop_nonce} with {@code DPoP-Nonce}), sent once more with it — once only.
     */
    private HttpResponse<String> post(URI endpoint, List<Map.Entry<String, String>> params, boolean json,
                                      String what) throws EndpointException, InterruptedException {
        HttpResponse<String> response = send(authenticatedPost(endpoint, params, json, true), what);
        if (dpop.isEmpty()) {
            return response;
        }
        Optional<String> nonce = response.headers().firstValue(DpopProofs.NONCE_HEADER);
        nonce.ifPresent(n -> dpop.get().rememberNonce(endpoint, n));
        if (response.statusCode() == 400 && nonce.isPresent() && "use_dpop_nonce".equals(errorCode(response))) {
            response = send(authenticatedPost(endpoint, params, json, true), what);
            response.headers().firstValue(DpopProofs.NONCE_HEADER).ifPresent(n -> dpop.get().rememberNonce(endpoint,
                    n));
        }
        return response;
    }

    private static String errorCode(HttpResponse<String> response) {
        try {
            return ErrorResponse.parse(response.body()).error();
        } catch (MessageParseException e) {
            return null;
        }
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
        HttpRequest request = authenticatedPost(endpoint, params, false, false);
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
        return discoverDocument(issuer).metadata();
    }

    /**
     * Discovered metadata, with the members the shared {@link ServerMetadata} does not model.
     *
     * @param parEndpoint {@code pushed_authorization_request_endpoint} (RFC 9126 §5)
     */
    record Discovery(ServerMetadata metadata, Optional<URI> parEndpoint) {
    }

    /** {@link #discover}, keeping the PAR endpoint too. */
    Discovery discoverDocument(URI issuer) throws EndpointException, InterruptedException {
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
                ServerMetadata metadata = DiscoveredMetadata.accept(ServerMetadata.parse(json), issuer);
                return new Discovery(metadata, DiscoveredMetadata.parEndpoint(json, issuer));
            } catch (MessageParseException | DiscoveredMetadata.Refused e) {
                // A document that names another issuer is a configuration error, not a reason to look elsewhere.
                throw new EndpointException(prefix("discovery") + uri + ": " + e.getMessage(), null, null, 200,
                        Optional.empty(), null);
            }
        }
        throw last;
    }

    /** A protected-resource metadata document is small (RFC 9728 §2); anything larger is refused. */
    static final int MAX_RESOURCE_METADATA_BYTES = 64 * 1024;

    /**
     * Reads the protected-resource metadata at {@code metadataUrl} (RFC 9728 §3.2) that the resource at
     * {@code requestUri} named, and returns the first of its {@code authorization_servers} that is in
     * {@code allowed}.
     *
     * <p>RFC 9728 §3.3: the {@code resource} must be the resource the request went to: here, the request URI
     * (without query and fragment) or a prefix of its path on a segment boundary, at the same origin (a gate serves
     * one document for every path of its application). The metadata URL must be at the resource's origin and is
     * never {@code http} when the resource is {@code https}.
     */
    URI resourceMetadata(URI requestUri, String metadataUrl, List<URI> allowed)
            throws EndpointException, InterruptedException {
        String what = "protected-resource metadata";
        URI url;
        try {
            url = new URI(metadataUrl);
        } catch (java.net.URISyntaxException e) {
            throw refusedDiscovery("resource_metadata is not a URI");
        }
        if (!url.isAbsolute() || url.getHost() == null || url.getRawFragment() != null
                || !DpopProofs.origin(url).equals(DpopProofs.origin(requestUri))) {
            throw refusedDiscovery("resource_metadata " + printable(metadataUrl)
                    + " is not an absolute URL at the resource's origin");
        }
        HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(config.readTimeout())
                .header("Accept", "application/json").build();
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(request, LimitedBody.handler(MAX_RESOURCE_METADATA_BYTES));
        HttpResponse<String> response;
        try {
            response = future.get(deadlineMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw EndpointException.noResponse(prefix(what) + "no answer within " + deadlineMillis + " ms", null);
        } catch (ExecutionException e) {
            throw EndpointException.noResponse(prefix(what) + "I/O error ("
                    + e.getCause().getClass().getSimpleName() + ")", e.getCause());
        }
        if (response.statusCode() != 200) {
            throw refusedDiscovery(url + " answered HTTP " + response.statusCode());
        }
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            json = null;
        }
        if (json == null) {
            throw refusedDiscovery(url + " is not a JSON object");
        }
        // resource (REQUIRED, §2), checked as §3.3 says
        if (!(json.get("resource") instanceof String resource) || !coversRequest(resource, requestUri)) {
            throw refusedDiscovery("the metadata's resource is not the resource that was called ("
                    + DpopProofs.htu(requestUri) + ")");
        }
        if (!(json.get("authorization_servers") instanceof List<?> servers) || servers.isEmpty()) {
            throw refusedDiscovery("the metadata names no authorization_servers");
        }
        for (Object server : servers) {
            if (server instanceof String issuer) {
                for (URI allowedIssuer : allowed) {
                    if (sameIssuer(allowedIssuer.toString(), issuer)) {
                        return allowedIssuer;
                    }
                }
            }
        }
        throw refusedDiscovery("none of the metadata's authorization_servers is in "
                + config.key("resource-metadata-issuers"));
    }

    /** RFC 9728 §3.3, allowing the application's base URL as the resource of every path under it. */
    static boolean coversRequest(String resource, URI requestUri) {
        URI r;
        try {
            r = new URI(resource);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (!r.isAbsolute() || r.getHost() == null || r.getRawQuery() != null || r.getRawFragment() != null) {
            return false;
        }
        String called = DpopProofs.htu(requestUri);
        String named = DpopProofs.htu(r);
        if (called.equals(named)) {
            return true;
        }
        String base = named.endsWith("/") ? named : named + "/";
        return called.startsWith(base) && !DpopProofs.origin(r).isEmpty()
                && DpopProofs.origin(r).equals(DpopProofs.origin(requestUri));
    }

    /** Issuers compare as strings (RFC 8414 §3.3); a trailing slash is the one difference forgiven here. */
    private static boolean sameIssuer(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private EndpointException refusedDiscovery(String why) {
        return new EndpointException(prefix("resource-metadata discovery") + why, null, null, 0, Optional.empty(),
                null);
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
    private HttpRequest authenticatedPost(URI endpoint, List<Map.Entry<String, String>> params, boolean json,
                                          boolean proof) {
        List<Map.Entry<String, String>> body = new ArrayList<>();
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(config.readTimeout())
                .header("Accept", "application/json");
        Optional<Secret> secret = config.clientSecret();
        if (proof) {
            // RFC 9449 §5: a proof without ath on token (and PAR, §10.1) requests
            dpop.ifPresent(proofs -> builder.header(DpopProofs.HEADER, proofs.proof("POST", endpoint, (String) null)));
        }
        if (assertions.isPresent()) {
            // RFC 7523 §2.2 and §3; client_id is OPTIONAL, sent because many servers look the client up by it
            body.add(Map.entry("client_id", config.clientId()));
            body.add(Map.entry("client_assertion_type", ClientAssertions.ASSERTION_TYPE));
            body.add(Map.entry("client_assertion", assertions.get().assertion(assertionAudience.apply(endpoint))));
        } else {
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
