package dev.tollgate.impl.server.authorize;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.server.protocol.RequestBody;
import dev.tollgate.impl.server.protocol.RequestParseException;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.token.Issuer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Pushed authorization requests (RFC 9126): the client sends its authorization request to
 * {@code POST /oauth2/par} first, authenticated as at the token endpoint, and then sends the browser to the
 * authorization endpoint with only {@code client_id} and the {@code request_uri} it got back.
 *
 * <p><b>The request_uri is the request, sealed</b> ({@link FlowSeals#sealPushed}): AES-256-GCM under a key derived
 * from the cluster's key-encryption key, so any node opens what any node made and nobody else can read or forge
 * it, and pushing writes nothing to the database. What a sealed value cannot say is that it was used: the
 * authorization endpoint records its random id in {@code used_authorization_requests} (V9), whose primary key lets
 * one use win on any node. So a {@code request_uri} is accepted once, within {@link #LIFETIME}, and only with the
 * {@code client_id} it was pushed by (RFC 9126 §4: "MUST... verify that the request_uri belongs to the client").
 *
 * <p>The pushed parameters are validated by the same {@link AuthorizationService#validate} as
 * {@code GET /oauth2/authorize}: one set of rules. {@code require_pushed_authorization_requests} (RFC 9126 §6), per
 * client or for the whole server, refuses an authorization request that did not come through here.
 */
public final class PushedAuthorizationRequests {

    /** RFC 9126 §2.2: the URN prefix of the request_uri. */
    public static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";
    /** How long a request_uri may be used: RFC 9126 §2.2 gives 60 s as an example, and a short life is the point. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    private final AuthorizationService authorization;
    private final FlowSeals seals;
    private final UsedAuthorizationRequests used;
    private final Predicate<ClientId> clientRequiresPar;
    private final boolean serverRequiresPar;

    /**
     * @param clientRequiresPar whether a client registered {@code require_pushed_authorization_requests}
     * @param serverRequiresPar {@code tollgate.server.par.required}: every client must push its requests
     */
    public PushedAuthorizationRequests(AuthorizationService authorization, FlowSeals seals,
                                       UsedAuthorizationRequests used, Predicate<ClientId> clientRequiresPar,
                                       boolean serverRequiresPar) {
        this.authorization = Objects.requireNonNull(authorization, "authorization");
        this.seals = Objects.requireNonNull(seals, "seals");
        this.used = Objects.requireNonNull(used, "used");
        this.clientRequiresPar = Objects.requireNonNull(clientRequiresPar, "clientRequiresPar");
        this.serverRequiresPar = serverRequiresPar;
    }

    public boolean serverRequiresPar() {
        return serverRequiresPar;
    }

    /** RFC 9126 §2.2: the success response's members. */
    public record Pushed(String requestUri, long expiresIn) {

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("request_uri", requestUri);
            json.put("expires_in", expiresIn);
            return json;
        }
    }

    /**
     * {@code POST /oauth2/par} after client authentication (RFC 9126 §2.1).
     *
     * @param client     the authenticated client
     * @param parameters the body's parameters, client authentication included
     * @throws OAuthException (RFC 9126 §2.3) invalid_request, or the authorization endpoint's error for the pushed
     *                        parameters (invalid_scope, unauthorized_client, ...)
     */
    public Pushed push(Client client, Map<String, List<String>> parameters, Issuer issuer) {
        // request_uri: "MUST NOT be provided in this case" (RFC 9126 §2.1)
        if (parameters.containsKey("request_uri")) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "request_uri must not be pushed");
        }
        Map<String, List<String>> request = new LinkedHashMap<>(parameters);
        // Client authentication is the endpoint's, not part of the authorization request.
        List.of("client_secret", "client_assertion", "client_assertion_type").forEach(request::remove);
        List<String> clientIds = request.getOrDefault("client_id", List.of());
        if (!clientIds.isEmpty() && !clientIds.equals(List.of(client.id().value()))) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "client_id is not the authenticated client");
        }
        request.put("client_id", List.of(client.id().value()));
        AuthorizationValidation validation = authorization.validate(request, issuer);
        if (validation instanceof AuthorizationValidation.ErrorPage page) {
            throw new OAuthException(page.error(), page.description());
        }
        if (validation instanceof AuthorizationValidation.ErrorRedirect redirect) {
            throw new OAuthException(redirect.error(), description(redirect));
        }
        AuthorizationRequest valid = ((AuthorizationValidation.Valid) validation).request();
        return new Pushed(REQUEST_URI_PREFIX + seals.sealPushed(valid, LIFETIME), LIFETIME.getSeconds());
    }

    /**
     * The authorization endpoint's validation, PAR aware: a request with {@code request_uri} is the pushed request
     * (RFC 9126 §4), used once; one without it is validated as it stands, and refused when its client or the server
     * requires PAR (RFC 9126 §6). Only for the first step: a pending request (after login) is validated again with
     * {@link AuthorizationService#validate}, from its parameters.
     */
    public AuthorizationValidation validate(Map<String, List<String>> parameters, Issuer issuer) {
        List<String> requestUris = parameters.getOrDefault("request_uri", List.of());
        if (!requestUris.isEmpty()) {
            return fromRequestUri(parameters, requestUris, issuer);
        }
        AuthorizationValidation validation = authorization.validate(parameters, issuer);
        if (validation instanceof AuthorizationValidation.Valid valid
                && (serverRequiresPar || clientRequiresPar.test(valid.client().id()))) {
            AuthorizationRequest request = valid.request();
            return new AuthorizationValidation.ErrorRedirect(AuthorizationResponses.error(request.redirectUri(),
                    OAuthError.INVALID_REQUEST, "this client must push its authorization requests (RFC 9126)",
                    request.state(), issuer), OAuthError.INVALID_REQUEST);
        }
        return validation;
    }

    private AuthorizationValidation fromRequestUri(Map<String, List<String>> parameters, List<String> requestUris,
                                                   Issuer issuer) {
        List<String> clientIds = parameters.getOrDefault("client_id", List.of());
        // client_id (REQUIRED, RFC 9126 §4) and request_uri once each; an invalid one is never redirected
        if (clientIds.size() != 1 || clientIds.get(0).isEmpty()) {
            return new AuthorizationValidation.ErrorPage(OAuthError.INVALID_REQUEST,
                    "client_id is required with request_uri");
        }
        String requestUri = requestUris.size() == 1 ? requestUris.get(0) : "";
        Optional<FlowSeals.Pending> pushed = requestUri.startsWith(REQUEST_URI_PREFIX)
                ? seals.openPushed(requestUri.substring(REQUEST_URI_PREFIX.length())) : Optional.empty();
        if (pushed.isEmpty()) {
            return new AuthorizationValidation.ErrorPage(OAuthError.INVALID_REQUEST,
                    "request_uri is invalid or expired");
        }
        if (!pushed.get().parameters().getOrDefault("client_id", List.of()).equals(clientIds)) {
            return new AuthorizationValidation.ErrorPage(OAuthError.INVALID_REQUEST,
                    "request_uri was not pushed by this client");
        }
        // Validated again, like a pending request: the client may have changed since it pushed.
        AuthorizationValidation validation = authorization.validate(pushed.get().parameters(), issuer);
        if (validation instanceof AuthorizationValidation.Valid && !used.markUsed(pushed.get().id(),
                pushed.get().expiresAt())) {
            return new AuthorizationValidation.ErrorPage(OAuthError.INVALID_REQUEST, "request_uri was used already");
        }
        return validation;
    }

    /** The {@code error_description} of an error redirect, which carries it in its query. */
    private static String description(AuthorizationValidation.ErrorRedirect redirect) {
        try {
            List<String> values = RequestBody.form(Objects.requireNonNullElse(redirect.location().getRawQuery(), ""))
                    .getOrDefault("error_description", List.of());
            return values.isEmpty() ? "the authorization request is invalid" : values.get(0);
        } catch (RequestParseException e) {
            return "the authorization request is invalid";
        }
    }
}
