package dev.tollgate.war.authorize;

import dev.tollgate.impl.server.authorize.CsrfTokens;
import dev.tollgate.impl.server.secret.SecretGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the login and consent flow keeps in the HTTP session: the CSRF token, the logged-in user, and the pending
 * authorization requests. A pending request is kept here, server-side, under a random id; only the id travels
 * through the login and consent forms, so the user cannot alter the request between the steps. At most
 * {@value #MAX_PENDING} are kept (the oldest goes first), each for {@link #PENDING_LIFETIME}.
 */
final class AuthorizeSession {

    static final int MAX_PENDING = 10;
    static final Duration PENDING_LIFETIME = Duration.ofMinutes(15);

    private static final String CSRF = "tollgate.authorize.csrf";
    private static final String USER = "tollgate.authorize.user";
    private static final String PENDING = "tollgate.authorize.pending";
    private static final SecretGenerator IDS = new SecretGenerator();

    /** The logged-in user. */
    record LoggedIn(String subject, Instant authTime) implements Serializable {
    }

    /** A pending authorization request: its parameters as received, validated again at every step. */
    record Pending(HashMap<String, List<String>> parameters, Instant createdAt) implements Serializable {
    }

    private final HttpServletRequest request;

    AuthorizeSession(HttpServletRequest request) {
        this.request = request;
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

    /** Keeps the request's parameters; returns the id to continue with. */
    synchronized String addPending(Map<String, List<String>> parameters, Instant now) {
        HashMap<String, List<String>> copy = new HashMap<>();
        parameters.forEach((name, values) -> copy.put(name, new ArrayList<>(values)));
        LinkedHashMap<String, Pending> pending = pendingMap(true);
        pending.values().removeIf(entry -> expired(entry, now));
        while (pending.size() >= MAX_PENDING) {
            Iterator<String> oldest = pending.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        String id = IDS.token();
        pending.put(id, new Pending(copy, now));
        request.getSession().setAttribute(PENDING, pending); // tell the container it changed
        return id;
    }

    Optional<Pending> pending(String id, Instant now) {
        LinkedHashMap<String, Pending> pending = pendingMap(false);
        if (pending == null || id == null) {
            return Optional.empty();
        }
        Pending entry = pending.get(id);
        return entry == null || expired(entry, now) ? Optional.empty() : Optional.of(entry);
    }

    void removePending(String id) {
        LinkedHashMap<String, Pending> pending = pendingMap(false);
        if (pending != null && id != null && pending.remove(id) != null) {
            request.getSession().setAttribute(PENDING, pending);
        }
    }

    @SuppressWarnings("unchecked")
    private LinkedHashMap<String, Pending> pendingMap(boolean create) {
        HttpSession session = request.getSession(create);
        if (session == null) {
            return null;
        }
        Object value = session.getAttribute(PENDING);
        if (value instanceof LinkedHashMap<?, ?> map) {
            return (LinkedHashMap<String, Pending>) map;
        }
        if (!create) {
            return null;
        }
        LinkedHashMap<String, Pending> map = new LinkedHashMap<>();
        session.setAttribute(PENDING, map);
        return map;
    }

    private static boolean expired(Pending entry, Instant now) {
        return !now.isBefore(entry.createdAt().plus(PENDING_LIFETIME));
    }
}
