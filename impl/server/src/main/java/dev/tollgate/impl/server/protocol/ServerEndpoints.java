package dev.tollgate.impl.server.protocol;

import java.net.URI;
import java.util.Objects;

/**
 * Where the application serves the protocol endpoints of one issuer. The authorization-server services do not know
 * the application's paths: the application that maps the endpoints says where they are.
 *
 * @param issuer        the issuer identifier (RFC 8414 §2)
 * @param authorization the authorization endpoint (RFC 6749 §3.1)
 * @param token         the token endpoint (RFC 6749 §3.2)
 * @param jwks          the JWK set of the signing keys (RFC 7517 §5)
 * @param revocation    the revocation endpoint (RFC 7009 §2)
 * @param introspection the introspection endpoint (RFC 7662 §2)
 * @param userinfo      the userinfo endpoint (OpenID Connect Core §5.3)
 * @param registration  the dynamic client registration endpoint (RFC 7591 §3)
 */
public record ServerEndpoints(String issuer, URI authorization, URI token, URI jwks, URI revocation,
                              URI introspection, URI userinfo, URI registration) {

    public ServerEndpoints {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(introspection, "introspection");
        Objects.requireNonNull(userinfo, "userinfo");
        Objects.requireNonNull(registration, "registration");
    }
}
