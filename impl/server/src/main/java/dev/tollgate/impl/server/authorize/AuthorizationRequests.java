package dev.tollgate.impl.server.authorize;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.token.Issuer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Validates the parameters of {@code GET /oauth2/authorize}, in the order that decides where an error goes.
 *
 * <ol>
 *   <li>{@code client_id} and {@code redirect_uri}. Any fault here (missing, repeated, unknown client, redirect URI
 *       not registered) is an {@link AuthorizationValidation.ErrorPage}: never a redirect (RFC 6749 §4.1.2.1).</li>
 *   <li>Everything else is an {@link AuthorizationValidation.ErrorRedirect} to the redirect URI, with {@code state}
 *       and {@code iss}.</li>
 * </ol>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1">RFC 6749 §4.1.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.3">RFC 7636 §4.3</a>
 */
public final class AuthorizationRequests {

    /** S256 challenges are BASE64URL of 32 bytes: exactly 43 characters (RFC 7636 §4.2). */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** Bounds on opaque values that are echoed back or stored. */
    static final int MAX_STATE_LENGTH = 2000;
    static final int MAX_NONCE_LENGTH = 2000;

    private final Function<ClientId, Optional<Client>> clients;

    /** @param clients the client lookup, e.g. {@code ClientStore::find} */
    public AuthorizationRequests(Function<ClientId, Optional<Client>> clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    /**
     * @param parameters the query parameters, each with all its values (a repeated parameter is invalid, RFC 6749
     *                   §3.1)
     * @param issuer     sent as {@code iss} with an error redirect
     */
    public AuthorizationValidation validate(Map<String, List<String>> parameters, Issuer issuer) {
        // client_id (REQUIRED)
        List<String> clientIds = values(parameters, "client_id");
        if (clientIds.size() != 1 || clientIds.get(0).isEmpty()) {
            return page(OAuthError.INVALID_REQUEST, clientIds.size() > 1 ? "client_id must be given once"
                    : "client_id is missing");
        }
        Optional<Client> found = ClientId.parse(clientIds.get(0)).flatMap(clients);
        if (found.isEmpty()) {
            return page(OAuthError.INVALID_CLIENT, "Unknown client");
        }
        Client client = found.get();

        // redirect_uri (OPTIONAL when exactly one is registered): exact string match, RFC 6749 §3.1.2.3
        List<String> redirectUris = values(parameters, "redirect_uri");
        String redirectUri;
        if (redirectUris.size() > 1) {
            return page(OAuthError.INVALID_REQUEST, "redirect_uri must be given once");
        } else if (redirectUris.isEmpty()) {
            if (client.redirectUris().size() != 1) {
                return page(OAuthError.INVALID_REQUEST, "redirect_uri is required for this client");
            }
            redirectUri = client.redirectUris().get(0);
        } else if (client.hasRedirectUri(redirectUris.get(0))) {
            redirectUri = redirectUris.get(0);
        } else {
            return page(OAuthError.INVALID_REQUEST, "redirect_uri is not registered for this client");
        }
        boolean redirectUriSent = !redirectUris.isEmpty();

        // From here on, errors go back to the client. state (RECOMMENDED) goes back with them, if it is usable.
        List<String> states = values(parameters, "state");
        Optional<String> state = states.size() == 1 && !states.get(0).isEmpty()
                && states.get(0).length() <= MAX_STATE_LENGTH ? Optional.of(states.get(0)) : Optional.empty();
        Redirector redirect = (error, description) -> new AuthorizationValidation.ErrorRedirect(
                AuthorizationResponses.error(redirectUri, error, description, state, issuer), error);

        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (parameter.getValue() != null && parameter.getValue().size() > 1) {
                return redirect.to(OAuthError.INVALID_REQUEST, parameter.getKey() + " must not be repeated");
            }
        }
        if (states.size() == 1 && states.get(0).length() > MAX_STATE_LENGTH) {
            return redirect.to(OAuthError.INVALID_REQUEST, "state is too long");
        }

        // response_type (REQUIRED): only "code"
        Optional<String> responseType = single(parameters, "response_type");
        if (responseType.isEmpty()) {
            return redirect.to(OAuthError.INVALID_REQUEST, "response_type is missing");
        }
        if (!"code".equals(responseType.get())) {
            return redirect.to(OAuthError.UNSUPPORTED_RESPONSE_TYPE, "Only response_type=code is supported");
        }

        // code_challenge (REQUIRED here for every client), code_challenge_method: S256 only ("plain" is refused)
        Optional<String> challenge = single(parameters, "code_challenge");
        if (challenge.isEmpty()) {
            return redirect.to(OAuthError.INVALID_REQUEST, "code_challenge is required (PKCE with S256)");
        }
        Optional<String> method = single(parameters, "code_challenge_method");
        if (method.isEmpty() || !AuthorizationRequest.S256.equals(method.get())) {
            return redirect.to(OAuthError.INVALID_REQUEST, "code_challenge_method must be S256");
        }
        if (!S256_CHALLENGE.matcher(challenge.get()).matches()) {
            return redirect.to(OAuthError.INVALID_REQUEST,
                    "code_challenge must be the 43-character BASE64URL SHA-256 of the code_verifier");
        }

        // scope (OPTIONAL): every scope must be allowed for the client
        Optional<Scopes> scope = Scopes.parse(single(parameters, "scope").orElse(null));
        if (scope.isEmpty() || !scope.get().within(client.scopes())) {
            return redirect.to(OAuthError.INVALID_SCOPE, "The requested scope is invalid or not allowed");
        }

        if (!client.allowsGrant(GrantType.AUTHORIZATION_CODE)) {
            return redirect.to(OAuthError.UNAUTHORIZED_CLIENT,
                    "The client may not use the authorization code grant");
        }

        // nonce (OpenID Connect Core §3.1.2.1, OPTIONAL)
        Optional<String> nonce = single(parameters, "nonce");
        if (nonce.isPresent() && nonce.get().length() > MAX_NONCE_LENGTH) {
            return redirect.to(OAuthError.INVALID_REQUEST, "nonce is too long");
        }

        // dpop_jkt (RFC 9449 §10, OPTIONAL): a JWK SHA-256 thumbprint, 43 base64url characters
        Optional<String> dpopJkt = single(parameters, "dpop_jkt");
        if (dpopJkt.isPresent() && !S256_CHALLENGE.matcher(dpopJkt.get()).matches()) {
            return redirect.to(OAuthError.INVALID_REQUEST,
                    "dpop_jkt must be the 43-character BASE64URL SHA-256 thumbprint of a JWK");
        }

        return new AuthorizationValidation.Valid(new AuthorizationRequest(client.id(), redirectUri, redirectUriSent,
                scope.get(), state, challenge.get(), nonce, dpopJkt), client);
    }

    private static AuthorizationValidation page(OAuthError error, String description) {
        return new AuthorizationValidation.ErrorPage(error, description);
    }

    private static List<String> values(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null ? List.of() : values;
    }

    /** The only value, if present and not empty (RFC 6749 §3.1: an empty parameter is treated as omitted). */
    private static Optional<String> single(Map<String, List<String>> parameters, String name) {
        List<String> values = values(parameters, name);
        return values.size() == 1 && !values.get(0).isEmpty() ? Optional.of(values.get(0)) : Optional.empty();
    }

    @FunctionalInterface
    private interface Redirector {
        AuthorizationValidation.ErrorRedirect to(OAuthError error, String description);
    }
}
