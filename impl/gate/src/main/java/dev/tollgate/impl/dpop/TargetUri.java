package dev.tollgate.impl.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The comparable form of an HTTP target URI, for the {@code htu} check (RFC 9449 §4.3 point 9): the query and the
 * fragment are dropped, and the rest is normalised as RFC 3986 §6.2.2 (syntax: scheme and host in lower case,
 * percent-encodings in upper case, unreserved characters decoded, dot segments removed) and §6.2.3 (scheme: the
 * default port dropped, an empty path is {@code /}) say. Two URIs match when their forms are equal.
 */
public final class TargetUri {

    private TargetUri() {
    }

    /**
     * The normalised form of an absolute http(s) URI; empty when {@code raw} is not one (or carries user info, which
     * no request target has).
     */
    public static Optional<String> normalize(String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -2;
        };
        if (defaultPort == -2) {
            return Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() == defaultPort ? -1 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        try {
            path = new URI("http://h" + normalizePercentEncoding(path)).normalize().getRawPath();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(scheme + "://" + host + (port < 0 ? "" : ":" + port) + path);
    }

    /**
     * The normalised URI of a request: {@code externalBase} (scheme, host, port and any path prefix that clients
     * see) followed by the request's raw path as the container received it ({@code getRequestURI()}).
     */
    public static Optional<String> ofRequest(URI externalBase, String requestUri) {
        String base = externalBase.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String path = requestUri == null || requestUri.isEmpty() ? "/" : requestUri;
        return normalize(base + (path.startsWith("/") ? path : "/" + path));
    }

    /** RFC 3986 §6.2.2.1 and §6.2.2.2: upper-case hex digits, and unreserved characters decoded. */
    static String normalizePercentEncoding(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && hex(path.charAt(i + 1)) >= 0 && hex(path.charAt(i + 2)) >= 0) {
                char decoded = (char) (hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2)));
                if (isUnreserved(decoded)) {
                    out.append(decoded);
                } else {
                    out.append('%').append(Character.toUpperCase(path.charAt(i + 1)))
                            .append(Character.toUpperCase(path.charAt(i + 2)));
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
    }

    /** RFC 3986 §2.3. */
    private static boolean isUnreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~';
    }
}
