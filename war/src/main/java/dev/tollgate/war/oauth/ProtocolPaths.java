package dev.tollgate.war.oauth;

import dev.tollgate.impl.server.protocol.ServerEndpoints;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * Where this WAR serves the OAuth protocol endpoints, the one place that says so: the resources' {@code @Path}s and
 * the discovery documents ({@link #endpoints(String)}) read these paths, and the authorization-server services
 * learn them from here.
 *
 * <p>These paths answer errors with the RFC 6749 §5.2 JSON rather than an RFC 9457 problem: everything under
 * {@code /oauth2/} (token, revoke, introspect, userinfo, registration, and the authorize pages) except the client
 * listing {@code /oauth2/clients}, a REST API whose errors are problems.
 */
public final class ProtocolPaths {

    /** RFC 6749 §3.1. */
    public static final String AUTHORIZE = "/oauth2/authorize";
    /** RFC 6749 §3.2. */
    public static final String TOKEN = "/oauth2/token";
    /** RFC 7517 §5: the signing keys. */
    public static final String JWKS = "/oauth2/jwks";
    /** RFC 7009 §2. */
    public static final String REVOKE = "/oauth2/revoke";
    /** RFC 7662 §2. */
    public static final String INTROSPECT = "/oauth2/introspect";
    /** OpenID Connect Core §5.3. */
    public static final String USERINFO = "/oauth2/userinfo";
    /** RFC 9126 §2: pushed authorization requests. */
    public static final String PAR = "/oauth2/par";
    /** RFC 7591 §3 dynamic client registration (and RFC 7592 below it). */
    public static final String REGISTER = "/oauth2/register";

    private static final String CLIENT_LISTING = "/oauth2/clients";

    private ProtocolPaths() {
    }

    /** The endpoints of {@code issuer}: each is the issuer plus its path, so the issuer alone finds them all. */
    public static ServerEndpoints endpoints(String issuer) {
        return new ServerEndpoints(issuer, below(issuer, AUTHORIZE), below(issuer, TOKEN), below(issuer, JWKS),
                below(issuer, REVOKE), below(issuer, INTROSPECT), below(issuer, USERINFO), below(issuer, REGISTER));
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

    /** The pushed authorization request endpoint of {@code issuer} (RFC 9126 §5). */
    public static URI parEndpoint(String issuer) {
        return below(issuer, PAR);
    }

    private static URI below(String issuer, String path) {
        return URI.create(issuer + path);
    }
}
