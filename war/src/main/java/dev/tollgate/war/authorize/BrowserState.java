package dev.tollgate.war.authorize;

import dev.tollgate.impl.server.authorize.AuthorizationRequest;
import dev.tollgate.impl.server.authorize.FlowSeals;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.impl.server.store.UserStore;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * What the login and consent flow knows of one browser, read from the request alone, so that any node can serve any
 * step (no HTTP session, nothing in a node's memory):
 * <ul>
 *   <li>the <b>binding cookie</b> {@value #BINDING_COOKIE}: 256 random bits set by the server on the first step.
 *       The sealed request handles and the login are bound to it, and the CSRF token is derived from it;</li>
 *   <li>the <b>login cookie</b> {@value #LOGIN_COOKIE}: the sealed login (subject, auth time, expiry), checked on
 *       every use against the user's current state in the database;</li>
 *   <li>the <b>pending authorization request</b>: a sealed handle in the {@code request_id} parameter of the login
 *       and consent pages, so that each tab has its own.</li>
 * </ul>
 * Both cookies are {@code HttpOnly}, {@code SameSite=Lax} (sent with the top-level GET by which a client sends the
 * browser here, never with a cross-site POST), {@code Secure} when the request came over HTTPS or
 * {@code tollgate.session.cookie-secure} is set, and scoped to the OAuth pages ({@code <context>/oauth2}). See {@link FlowSeals} for the cryptography.
 */
final class BrowserState {

    static final String BINDING_COOKIE = "tollgate_browser";
    static final String LOGIN_COOKIE = "tollgate_login";

    /** The logged-in user. */
    record LoggedIn(String subject, Instant authTime) {
    }

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final FlowSeals seals;
    private final UserStore users;
    private final boolean secure;

    private String binding;
    /** The authentic login cookie of this browser, live or not; replaced by {@link #logIn}. */
    private Optional<FlowSeals.Login> login;
    private Optional<LoggedIn> user;

    BrowserState(HttpServletRequest request, HttpServletResponse response, FlowSeals seals, UserStore users,
                 boolean secure) {
        this.request = request;
        this.response = response;
        this.seals = seals;
        this.users = users;
        this.secure = secure;
        this.binding = cookie(BINDING_COOKIE).filter(FlowSeals::isBrowserBinding).orElse(null);
    }

    /** This browser's CSRF token (setting the binding cookie if the browser has none yet). */
    String csrfToken() {
        return seals.csrfToken(ensureBinding(), loginId());
    }

    /** Whether the presented token is this browser's and login's (constant time). False without a binding cookie. */
    boolean csrfValid(String presented) {
        return binding != null && seals.csrfMatches(presented, binding, loginId());
    }

    /**
     * The logged-in user: a live login cookie of this browser whose user still exists, is enabled, and has not
     * changed since the login (a password reset, a disablement, new roles or email all end it). A login that no
     * longer counts is cleared. Ask after {@link #csrfValid}: the form being checked carries the token of the login
     * it was shown with. Read from the database at each step: the flow is not a hot path, and only a browser
     * that logged in carries such a cookie.
     */
    Optional<LoggedIn> user() {
        if (user == null) {
            user = login().filter(seals::isLive).flatMap(this::current);
            if (user.isEmpty() && cookie(LOGIN_COOKIE).isPresent()) {
                addCookie(LOGIN_COOKIE, "", 0);
                login = Optional.empty(); // the forms of this response carry the CSRF token of no login
            }
        }
        return user;
    }

    /**
     * Logs the user in: a fresh sealed login (a fresh id, so a fresh CSRF token) replaces whatever this browser had,
     * so nothing an attacker planted before survives the login (OWASP session fixation).
     */
    void logIn(String subject) {
        FlowSeals.Login fresh = seals.newLogin(subject);
        addCookie(LOGIN_COOKIE, seals.sealLogin(fresh, ensureBinding()), seals.loginLifetime().toSeconds());
        login = Optional.of(fresh);
        user = Optional.of(new LoggedIn(fresh.subject(), fresh.authTime()));
    }

    /** Ends the login: the login cookie is cleared (the binding cookie stays: it holds nothing of the user). */
    void logOut() {
        addCookie(LOGIN_COOKIE, "", 0);
        login = Optional.empty();
        user = Optional.empty();
    }

    /** Seals a validated request for this browser: the handle the login and consent pages carry. */
    String keepPending(AuthorizationRequest authorizationRequest) {
        return seals.sealPending(authorizationRequest, ensureBinding());
    }

    /** This browser's pending request of that handle, unless not ours, altered, expired or another browser's. */
    Optional<FlowSeals.Pending> pending(String handle) {
        return binding == null ? Optional.empty() : seals.openPending(handle, binding);
    }

    private Optional<LoggedIn> current(FlowSeals.Login sealed) {
        Optional<User> found = users.findBySubject(sealed.subject());
        return found.filter(User::enabled).filter(u -> !u.updatedAt().isAfter(sealed.authTime()))
                .map(u -> new LoggedIn(sealed.subject(), sealed.authTime()));
    }

    private Optional<FlowSeals.Login> login() {
        if (login == null) {
            login = binding == null ? Optional.empty()
                    : cookie(LOGIN_COOKIE).flatMap(value -> seals.openLogin(value, binding));
        }
        return login;
    }

    private String loginId() {
        return login().map(FlowSeals.Login::loginId).orElse("");
    }

    private String ensureBinding() {
        if (binding == null) {
            binding = seals.newBrowserBinding();
            // A session cookie (no Max-Age): it lasts as long as the browser, like a session id did.
            addCookie(BINDING_COOKIE, binding, -1);
        }
        return binding;
    }

    /** The first cookie of that name; a browser sends the most specific path first (RFC 6265 §5.4). */
    private Optional<String> cookie(String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())) {
                return Optional.ofNullable(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** Written as a header: the Servlet API has no portable SameSite before 6.0, and this states every attribute. */
    private void addCookie(String name, String value, long maxAgeSeconds) {
        StringBuilder header = new StringBuilder(name).append('=').append(value)
                .append("; Path=").append(request.getContextPath()).append("/oauth2");
        if (maxAgeSeconds >= 0) {
            header.append("; Max-Age=").append(maxAgeSeconds);
        }
        header.append("; HttpOnly; SameSite=Lax");
        if (secure) {
            header.append("; Secure");
        }
        response.addHeader("Set-Cookie", header.toString());
    }
}
