package dev.tollgate.war.oauth;

import jakarta.ws.rs.core.UriInfo;

/**
 * Which paths of this WAR are OAuth protocol endpoints, and so answer errors with the RFC 6749 §5.2 JSON rather
 * than an RFC 9457 problem: everything under {@code /oauth2/} (token, revoke, introspect, userinfo, registration,
 * and the authorize pages) except the client listing {@code /oauth2/clients}, a REST API whose errors are problems.
 */
public final class ProtocolPaths {

    private static final String CLIENT_LISTING = "/oauth2/clients";

    private ProtocolPaths() {
    }

    /** The request path inside the application, e.g. {@code /oauth2/token}, without the query; {@code /} if unknown. */
    public static String pathOf(UriInfo uriInfo) {
        try {
            String path = uriInfo == null ? "" : uriInfo.getPath();
            return path.startsWith("/") ? path : "/" + path;
        } catch (RuntimeException e) {
            return "/";
        }
    }

    /** @param path the path inside the application, from {@code /} */
    public static boolean answersOAuthErrors(String path) {
        return path.startsWith("/oauth2/") && !path.equals(CLIENT_LISTING);
    }
}
