package dev.tollgate.war.authorize;

import dev.tollgate.impl.server.authorize.AuthorizationRequest;
import dev.tollgate.impl.server.authorize.CsrfTokens;
import dev.tollgate.impl.server.authorize.PendingAuthorization;
import dev.tollgate.impl.server.authorize.PendingAuthorizations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the login and consent flow keeps in the HTTP session: the CSRF token, the logged-in user, and the ids of this
 * browser's pending authorization requests. The requests themselves are this node's {@link PendingAuthorizations}
 * (validated, bounded, per address and in total); only the id travels through the login and consent forms, and it
 * counts only in the session that started the request, so the user cannot alter the request between the steps and
 * nobody else can continue it. At most {@value #MAX_PENDING} per session (the oldest goes first).
 *
 * <p>Nothing here creates a session except a CSRF token, a login, and a pending request that was admitted.
 */
final class AuthorizeSession {

    static final int MAX_PENDING = 10;

    private static final String CSRF = "tollgate.authorize.csrf";
    private static final String USER = "tollgate.authorize.user";
    private static final String PENDING = "tollgate.authorize.pending";

    /** The logged-in user. */
    record LoggedIn(String subject, Instant authTime) implements Serializable {
    }

    private final HttpServletRequest request;
    private final PendingAuthorizations pending;

    AuthorizeSession(HttpServletRequest request, PendingAuthorizations pending) {
        this.request = request;
        this.pending = pending;
    }

    /** The session's CSRF token, created (with the session) if needed. */
    String csrfToken() {
        HttpSession session = request.getSession(true);
        Object token = session.getAttribute(CSRF);
        if (token instanceof String value) {
            return value;
        }
        String value = CsrfTokens.newToken();
        session.setAttribute(CSRF, value);
        return value;
    }

    /** Whether the presented token is this session's (constant time). False without a session. */
    boolean csrfValid(String presented) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(CSRF) instanceof String token
                && CsrfTokens.matches(token, presented);
    }

    Optional<LoggedIn> user() {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(USER) instanceof LoggedIn user
                ? Optional.of(user) : Optional.empty();
    }

    /**
     * Logs the user in: a new session id (against session fixation, OWASP), a new CSRF token, the user. The pending
     * requests stay.
     */
    void logIn(String subject, Instant now) {
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setAttribute(CSRF, CsrfTokens.newToken());
        session.setAttribute(USER, new LoggedIn(subject, now));
    }

    /**
     * Keeps a validated request, after this session's oldest if it has {@value #MAX_PENDING}. A refused request
     * (its address or the node at its bound) creates no session.
     */
    PendingAuthorizations.Admission addPending(AuthorizationRequest authorizationRequest) {
        List<String> ids = ids();
        boolean evicted = false;
        while (ids.size() >= MAX_PENDING) {
            pending.remove(ids.remove(0));
            evicted = true;
        }
        PendingAuthorizations.Admission admission = pending.add(authorizationRequest, request.getRemoteAddr());
        if (admission instanceof PendingAuthorizations.Admission.Admitted admitted) {
            ids.add(admitted.id());
            request.getSession(true).setAttribute(PENDING, ids);
        } else if (evicted) {
            request.getSession().setAttribute(PENDING, ids);
        }
        return admission;
    }

    /** This session's pending request of that id, unless unknown, expired or another session's. */
    Optional<PendingAuthorization> pending(String id) {
        return id != null && ids().contains(id) ? pending.find(id) : Optional.empty();
    }

    void removePending(String id) {
        List<String> ids = ids();
        if (id != null && ids.remove(id)) {
            pending.remove(id);
            request.getSession().setAttribute(PENDING, ids); // a new list: tells the container it changed
        }
    }

    /** A copy of this session's pending ids, oldest first; empty without a session. */
    private List<String> ids() {
        HttpSession session = request.getSession(false);
        Object value = session == null ? null : session.getAttribute(PENDING);
        ArrayList<String> ids = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(id -> {
                if (id instanceof String text) {
                    ids.add(text);
                }
            });
        }
        return ids;
    }
}
