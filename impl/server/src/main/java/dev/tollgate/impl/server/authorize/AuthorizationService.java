package dev.tollgate.impl.server.authorize;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.token.Issuer;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The authorization endpoint's logic, behind the thin HTTP resources: validate the request, decide whether the
 * user must consent, and answer with a code or an error. Holds no per-request state; thread-safe.
 */
public final class AuthorizationService {

    /** A scope and what it means, for the consent page and the JSON consent metadata. */
    public record ScopeView(String scope, String description) {
    }

    private final AuthorizationRequests requests;
    private final ConsentStore consents;
    private final AuthorizationCodes codes;
    private final ScopeDescriptions descriptions;

    public AuthorizationService(AuthorizationRequests requests, ConsentStore consents, AuthorizationCodes codes,
                                ScopeDescriptions descriptions) {
        this.requests = Objects.requireNonNull(requests, "requests");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.descriptions = Objects.requireNonNull(descriptions, "descriptions");
    }

    public AuthorizationValidation validate(Map<String, List<String>> parameters, Issuer issuer) {
        return requests.validate(parameters, issuer);
    }

    /** Whether the user must be asked: not when the client skips consent or this exact scope set was allowed. */
    public boolean consentRequired(Client client, AuthorizationRequest request, String subject) {
        return !client.skipConsent() && !consents.isGranted(subject, request.clientId(), request.scope());
    }

    /**
     * The user allowed (or need not be asked): remembers the consent when it was asked for, issues a code and
     * returns the redirect to the client with {@code code}, {@code state} and {@code iss}.
     */
    public URI approve(AuthorizationRequest request, String subject, Instant authTime, Issuer issuer,
                       boolean rememberConsent) {
        if (rememberConsent) {
            consents.grant(subject, request.clientId(), request.scope());
        }
        String code = codes.issue(request, subject, authTime);
        return AuthorizationResponses.success(request.redirectUri(), code, request.state(), issuer);
    }

    /** The user denied: {@code error=access_denied} to the client (RFC 6749 §4.1.2.1). */
    public URI deny(AuthorizationRequest request, Issuer issuer) {
        return AuthorizationResponses.error(request.redirectUri(), OAuthError.ACCESS_DENIED,
                "The user denied the request", request.state(), issuer);
    }

    public List<ScopeView> describe(Scopes scope) {
        return scope.tokens().stream().map(token -> new ScopeView(token, descriptions.describe(token))).toList();
    }
}
