package dev.tollgate.impl.server.revocation;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.jwt.CompactJws;
import dev.tollgate.impl.server.protocol.AuthenticatedRequest;
import dev.tollgate.impl.server.protocol.ClientAuthenticator;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.RevokedAccessTokenStore;
import dev.tollgate.impl.server.token.AccessTokenVerifier;
import dev.tollgate.impl.server.token.AccessTokenVerifier.Verified;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Token introspection (RFC 7662 §2).
 *
 * <ul>
 *   <li>Only authenticated (confidential) clients may introspect: anyone else gets 401 {@code invalid_client}
 *       (§2.1: "the endpoint MUST also require some form of authorization").</li>
 *   <li>An access token of ours is active while its signature verifies, it has not expired, its {@code jti} is
 *       not on the deny-list (read from the database, not from a cache), and the gate's {@link RevocationChecker}
 *       admits it: the very checker the server's gate asks, so that a token of a deleted client, of a disabled
 *       user, or of a revoked grant is inactive here as it is refused there (one answer for one token). Any
 *       authenticated client may introspect it: resource servers are clients.</li>
 *   <li>A refresh token is active while it is unused, unrevoked and unexpired, the same checker admits its user
 *       and client, and only to the client it was issued to.</li>
 *   <li>Anything else is {@code {"active":false}} and nothing more (§2.2), with status 200.</li>
 * </ul>
 */
public final class IntrospectionEndpoint {

    /** The one answer for every token that is not active. */
    public static final String INACTIVE = "{\"active\":false}";

    private final ClientAuthenticator authenticator;
    private final RefreshTokenStore refreshTokens;
    private final RevokedAccessTokenStore denyList;
    private final AccessTokenVerifier verifier;
    private final RevocationChecker gateChecker;
    private final Clock clock;

    /** @param gateChecker the revocation checker of the server's gate (deny-list, retired clients, users) */
    public IntrospectionEndpoint(ClientAuthenticator authenticator, RefreshTokenStore refreshTokens,
                                 RevokedAccessTokenStore denyList, AccessTokenVerifier verifier,
                                 RevocationChecker gateChecker, Clock clock) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.denyList = Objects.requireNonNull(denyList, "denyList");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.gateChecker = Objects.requireNonNull(gateChecker, "gateChecker");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param issuer the issuer of this request, the {@code iss} of a refresh token's answer
     * @return the JSON answer
     * @throws OAuthException invalid_request (malformed, no token), invalid_client
     */
    public String introspect(String issuer, Optional<String> authorization, String contentType, String body) {
        AuthenticatedRequest request = authenticator.authenticate(authorization, contentType, body, Set.of(), false);
        Client client = request.client();
        // token (REQUIRED); token_type_hint (OPTIONAL) is not needed: the token's form tells which kind it is.
        String token = request.required("token");
        Optional<Map<String, Object>> active = CompactJws.hasThreeParts(token)
                ? accessToken(token) : refreshToken(issuer, client, token);
        return active.map(JSONObjectUtils::toJSONString).orElse(INACTIVE);
    }

    private Optional<Map<String, Object>> accessToken(String token) {
        return verifier.verify(token).filter(v -> !denyList.isRevoked(v.jti()) && admittedByGate(v)).map(v -> {
            JWTClaimsSet claims = v.claims();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("active", true);
            putIfPresent(json, "scope", claims.getClaim("scope"));
            putIfPresent(json, "client_id", claims.getClaim("client_id"));
            putIfPresent(json, "sub", claims.getSubject());
            json.put("exp", v.expiresAt().getEpochSecond());
            if (claims.getIssueTime() != null) {
                json.put("iat", claims.getIssueTime().toInstant().getEpochSecond());
            }
            putIfPresent(json, "iss", claims.getIssuer());
            if (claims.getAudience() != null && !claims.getAudience().isEmpty()) {
                json.put("aud", claims.getAudience().size() == 1 ? claims.getAudience().get(0) : claims.getAudience());
            }
            // RFC 9449 §6.2: a DPoP-bound token's confirmation, and its type
            Object cnf = claims.getClaim("cnf");
            json.put("token_type", cnf instanceof Map<?, ?> ? "DPoP" : "Bearer");
            putIfPresent(json, "cnf", cnf);
            json.put("jti", v.jti());
            putIfPresent(json, "roles", claims.getClaim("roles"));
            return json;
        });
    }

    private Optional<Map<String, Object>> refreshToken(String issuer, Client client, String token) {
        Instant now = clock.instant();
        return refreshTokens.find(token)
                .filter(stored -> stored.activeAt(now) && stored.clientId().equals(client.id()))
                .filter(stored -> !gateChecker.isRevoked(null, Caller.of(stored.subject(),
                        stored.clientId().value(), stored.scope(), Set.of(), CredentialKind.OPAQUE_TOKEN,
                        stored.expiresAt())))
                .map(stored -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("active", true);
                    if (!stored.scope().isEmpty()) {
                        json.put("scope", String.join(" ", stored.scope()));
                    }
                    json.put("client_id", stored.clientId().value());
                    json.put("sub", stored.subject());
                    json.put("exp", stored.expiresAt().getEpochSecond());
                    json.put("iat", stored.issuedAt().getEpochSecond());
                    json.put("iss", issuer);
                    json.put("token_type", "refresh_token");
                    return json;
                });
    }

    /** What the gate decides for the token: its checker, asked with the caller its claim mapping makes. */
    private boolean admittedByGate(Verified token) {
        return token.caller().filter(caller -> !gateChecker.isRevoked(token.jti(), caller)).isPresent();
    }

    private static void putIfPresent(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
