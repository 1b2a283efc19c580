package dev.tollgate.war.authorize;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The headers every response of the login, consent and authorize endpoints carries: no framing
 * ({@code X-Frame-Options}, CSP {@code frame-ancestors}), no caching (codes and CSRF tokens are in them), no
 * referrer (the authorize URL holds {@code state}), and a CSP that allows no script at all.
 *
 * <p>{@code form-action} allows {@code 'self'} and, when the form leads on to a client, that client's redirect
 * origin: browsers check {@code form-action} against every redirect that follows the submission, and the login and
 * consent forms end in a 303 to the client.
 */
public final class PageHeaders {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+");
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.\\-]*");

    private PageHeaders() {
    }

    public static Response.ResponseBuilder apply(Response.ResponseBuilder response, Optional<String> redirectUri) {
        return response
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", contentSecurityPolicy(redirectUri))
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff");
    }

    static String contentSecurityPolicy(Optional<String> redirectUri) {
        String formAction = "'self'" + redirectUri.flatMap(PageHeaders::sourceOf).map(source -> " " + source)
                .orElse("");
        return "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action " + formAction
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    /** A CSP source expression for the redirect URI: its origin, or its scheme for a custom-scheme (native) URI. */
    static Optional<String> sourceOf(String redirectUri) {
        try {
            URI uri = URI.create(redirectUri);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!SCHEME.matcher(scheme).matches()) {
                return Optional.empty();
            }
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && HOST.matcher(uri.getHost()).matches()) {
                return Optional.of(scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
            }
            return scheme.equals("http") || scheme.equals("https") ? Optional.empty() : Optional.of(scheme + ":");
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
