package dev.tollgate.impl.gate;

import dev.tollgate.api.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * The request as the application sees it behind the gate: the caller is its user principal, and its roles are the
 * caller's. An anonymous caller (optional mode) has no principal and no roles.
 */
final class AuthenticatedRequest extends HttpServletRequestWrapper {

    private final Caller caller;

    AuthenticatedRequest(HttpServletRequest request, Caller caller) {
        super(request);
        this.caller = caller;
    }

    @Override
    public Principal getUserPrincipal() {
        return caller.isAnonymous() ? null : caller;
    }

    @Override
    public String getRemoteUser() {
        return caller.isAnonymous() ? null : caller.getName();
    }

    @Override
    public String getAuthType() {
        return caller.credentialKind().authType();
    }

    /** Servlet 6 §13.3: the role {@code **} means any authenticated user. */
    @Override
    public boolean isUserInRole(String role) {
        if (caller.isAnonymous() || role == null) {
            return false;
        }
        return "**".equals(role) || caller.hasRole(role);
    }
}
