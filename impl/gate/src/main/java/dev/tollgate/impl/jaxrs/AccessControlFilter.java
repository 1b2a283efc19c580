package dev.tollgate.impl.jaxrs;

import dev.tollgate.api.Caller;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.gate.BearerChallenge;
import dev.tollgate.impl.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.List;
import java.util.Set;

/**
 * Enforces one {@link AccessRule} on the resource method it was registered for by {@link AccessControlFeature}.
 *
 * <p>The caller is the {@link Caller} the gate left in the request attribute {@link Caller#REQUEST_ATTRIBUTE} (in a
 * servlet container, {@link ContainerRequestContext#getProperty} reads the request attributes). Roles are also
 * asked of the {@link SecurityContext}, which reflects the gate's wrapped request. Without the gate, a principal that
 * the container authenticated counts as authenticated, with roles from the container and no scopes.
 *
 * <p>Refusals, aborted with a problem body so no resource code runs:
 * <ul>
 *   <li>no authenticated caller → 401 {@code missing-credentials}, {@code WWW-Authenticate: Bearer realm="…"}
 *       without an error code (RFC 6750 §3.1: a request without credentials gets none);</li>
 *   <li>a scope missing → 403 {@code insufficient-scope}, challenge {@code error="insufficient_scope"} with
 *       {@code scope} listing every scope the method needs (RFC 6750 §3);</li>
 *   <li>no allowed role, or {@code @DenyAll} → 403 {@code insufficient-role}, the same challenge without scope.</li>
 * </ul>
 * Scopes are checked before roles: the scope challenge tells an OAuth client what to ask for.
 */
public final class AccessControlFilter implements ContainerRequestFilter {

    static final String SCOPE_DESCRIPTION = "The access token lacks a scope this resource requires";
    static final String ROLE_DESCRIPTION = "The caller lacks a role this resource requires";

    private final AccessRule rule;

    AccessControlFilter(AccessRule rule) {
        this.rule = rule;
    }

    AccessRule rule() {
        return rule;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Caller caller = ProblemResponses.caller(request.getProperty(Caller.REQUEST_ATTRIBUTE));
        SecurityContext security = request.getSecurityContext();
        ProblemType refusal = refusal(caller, security);
        if (refusal == null) {
            return;
        }
        String realm = ProblemResponses.realm(request.getProperty(BearerChallenge.REALM_ATTRIBUTE));
        String instance = ProblemResponses.instance(request.getUriInfo());
        String requiredScopes = String.join(" ", rule.scopes());
        String challenge;
        String detail;
        switch (refusal) {
            case MISSING_CREDENTIALS -> {
                challenge = BearerChallenge.bearer(realm, null, null, null);
                detail = "This resource requires authentication.";
            }
            case INSUFFICIENT_SCOPE -> {
                challenge = BearerChallenge.bearer(realm, OAuthError.INSUFFICIENT_SCOPE, SCOPE_DESCRIPTION,
                        requiredScopes);
                detail = "This resource requires the scopes: " + requiredScopes + '.';
            }
            default -> {
                challenge = BearerChallenge.bearer(realm, OAuthError.INSUFFICIENT_SCOPE, ROLE_DESCRIPTION, null);
                detail = "The caller may not access this resource.";
            }
        }
        if (BearerChallenge.DPOP_SCHEME.equals(request.getProperty(BearerChallenge.SCHEME_ATTRIBUTE))) {
            // RFC 9449 §7.1: the caller came with a DPoP-bound token, so the challenge is in the DPoP scheme.
            challenge = BearerChallenge.DPOP_SCHEME + challenge.substring("Bearer".length());
        }
        // RFC 9728 §5.1: every 401 and 403 names the protected-resource metadata, when the gate serves it.
        Object metadata = request.getProperty(BearerChallenge.RESOURCE_METADATA_ATTRIBUTE);
        challenge = BearerChallenge.withResourceMetadata(challenge, metadata instanceof String url ? url : null);
        request.abortWith(ProblemResponses.of(Problem.of(refusal, detail, instance))
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .build());
    }

    /** Null when the caller may proceed, else the reason it may not. */
    ProblemType refusal(Caller caller, SecurityContext security) {
        if (rule.denyAll()) {
            return ProblemType.INSUFFICIENT_ROLE;
        }
        boolean authenticated = caller != null ? !caller.isAnonymous() : principal(security) != null;
        if (rule.authenticated() && !authenticated) {
            return ProblemType.MISSING_CREDENTIALS;
        }
        Set<String> scopes = caller == null ? Set.of() : caller.scopes();
        if (!scopes.containsAll(rule.scopes())) {
            return ProblemType.INSUFFICIENT_SCOPE;
        }
        if (!rule.roles().isEmpty() && !hasAnyRole(caller, security, rule.roles())) {
            return ProblemType.INSUFFICIENT_ROLE;
        }
        return null;
    }

    private static boolean hasAnyRole(Caller caller, SecurityContext security, List<String> roles) {
        for (String role : roles) {
            if (AccessRule.ANY_AUTHENTICATED.equals(role)
                    || caller != null && caller.hasRole(role)
                    || security != null && security.isUserInRole(role)) {
                return true;
            }
        }
        return false;
    }

    private static Principal principal(SecurityContext security) {
        return security == null ? null : security.getUserPrincipal();
    }
}
