package dev.tollgate.impl.server.userinfo;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.server.dpop.DpopProofCheck;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.impl.server.store.UserStore;
import dev.tollgate.impl.server.token.AccessTokenVerifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The UserInfo endpoint (OpenID Connect Core 1.0 §5.3): the claims about the subject of an access token of this
 * server, for the two kinds of subject of the Rapidly seed.
 *
 * <ul>
 *   <li><b>A user</b> (a token from the password or authorization_code grant, or a refresh): {@code sub}, the
 *       user's opaque, stable id (§2, §8: never the email), always; the other claims only as the token's scope
 *       releases them (§5.4):
 *       <ul>
 *         <li>{@code email}: {@code email} and {@code email_verified} ({@code false}: this server never verifies
 *             an address);</li>
 *         <li>{@code profile}: {@code updated_at} (§5.1, seconds) and {@code roles}. This server keeps no name, so
 *             these are the profile claims it has; {@code roles} is not an OpenID claim, and goes with
 *             {@code profile} because it describes the person. Resource servers need no scope for it: the access
 *             token itself carries the roles they decide on.</li>
 *       </ul>
 *       They are read from the {@link UserStore} now, so that a role change shows at once.</li>
 *   <li><b>A service client</b> (a client_credentials token, whose subject is its client id):
 *       {@code sub}, {@code client_id} and {@code name}, the client's display name. None of it is about a person,
 *       so no scope is needed.</li>
 * </ul>
 *
 * <p>The token must be one of ours: signed by a published key, of type {@code at+jwt}, unexpired, and admitted by
 * the server gate's revocation checker (not on the deny-list, its client not retired, its user not disabled), the
 * same checker introspection asks, so that one token gets one answer wherever it is asked. A token of another issuer that the gate may also trust, and plain-header credentials, are refused:
 * userinfo describes the subject of <em>this</em> server's grants. The check is repeated here even behind the
 * gate, so that the endpoint is correct whether or not its path is gate-protected; it costs one signature
 * verification and an in-memory deny-list lookup.
 *
 * <p><b>{@code openid} is not required.</b> §5.3 speaks of "an Access Token obtained through OpenID Connect
 * Authentication", but the Rapidly seed calls userinfo with any workspace token, and OAuth-only clients (our
 * token client, scripts) use it to learn who they are; with neither {@code email} nor {@code profile} they learn
 * the subject and nothing more.
 *
 * <p>Errors are RFC 6750 §3.1's: {@code invalid_token} (401 with a Bearer challenge) for a missing, malformed,
 * foreign, expired or revoked token, or a subject that no longer exists or is disabled. The token is read from the
 * {@code Authorization} header only; the form-body {@code access_token} of RFC 6750 §2.2 is not supported.
 */
public final class UserInfoEndpoint {

    /** OpenID Connect Core 1.0 §5.4: releases {@code email} and {@code email_verified}. */
    static final String EMAIL_SCOPE = "email";
    /** §5.4: releases the profile claims this server has ({@code updated_at}), and {@code roles}. */
    static final String PROFILE_SCOPE = "profile";

    private final AccessTokenVerifier verifier;
    private final RevocationChecker gateChecker;
    private final UserStore users;
    private final ClientStore clients;
    /** Empty: the DPoP scheme is not accepted. */
    private final Optional<DpopProofCheck> dpop;

    /** Without DPoP: a DPoP-bound token is refused. */
    public UserInfoEndpoint(AccessTokenVerifier verifier, RevocationChecker gateChecker, UserStore users,
                            ClientStore clients) {
        this(verifier, gateChecker, users, clients, Optional.empty());
    }

    /**
     * @param gateChecker the revocation checker of the server's gate (deny-list, retired clients, disabled users),
     *                    so that userinfo and the APIs see a revocation at the same time
     */
    public UserInfoEndpoint(AccessTokenVerifier verifier, RevocationChecker gateChecker, UserStore users,
                            ClientStore clients, Optional<DpopProofCheck> dpop) {
        this.dpop = Objects.requireNonNull(dpop, "dpop");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.gateChecker = Objects.requireNonNull(gateChecker, "gateChecker");
        this.users = Objects.requireNonNull(users, "users");
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    /**
     * @param authorization the {@code Authorization} header, if any
     * @return the UserInfo response's claims (§5.3.2), in a stable order
     * @throws OAuthException invalid_token
     */
    public Map<String, Object> userInfo(Optional<String> authorization) {
        return userInfo(authorization, List.of(), "GET", null);
    }

    /**
     * With the DPoP scheme (RFC 9449 §7): {@code Authorization: DPoP <token>} and a proof of the token's key for
     * this request ({@code htm}, {@code htu}, {@code ath}), accepted once across the cluster. A DPoP-bound token
     * presented as Bearer is refused (§7.2), and so is an unbound token presented as DPoP.
     *
     * @param dpopProofs the values of the request's {@code DPoP} headers
     * @param method     the request's method
     * @param endpoint   the userinfo endpoint's URL under the issuer: what a proof's {@code htu} must be
     * @throws OAuthException invalid_token, invalid_dpop_proof, use_dpop_nonce
     */
    public Map<String, Object> userInfo(Optional<String> authorization, List<String> dpopProofs, String method,
                                        URI endpoint) {
        Optional<String> dpopToken = dpop.isPresent() ? dpopToken(authorization) : Optional.empty();
        String token = dpopToken.or(() -> bearer(authorization))
                .orElseThrow(() -> invalidToken("no Bearer or DPoP access token"));
        AccessTokenVerifier.Verified verified = verifier.verify(token)
                .filter(v -> v.caller().filter(caller -> !gateChecker.isRevoked(v.jti(), caller)).isPresent())
                .orElseThrow(() -> invalidToken("the access token is invalid, expired or revoked"));
        JWTClaimsSet claims = verified.claims();
        Optional<String> boundKey = claims.getClaim("cnf") instanceof Map<?, ?> cnf
                && cnf.get("jkt") instanceof String jkt ? Optional.of(jkt) : Optional.empty();
        if (dpopToken.isPresent()) {
            dpop.get().resourceRequest(dpopProofs, method, endpoint, token, boundKey
                    .orElseThrow(() -> invalidToken("the access token is not DPoP-bound")));
        } else if (boundKey.isPresent()) {
            // RFC 9449 §7.2: a DPoP-bound token is worth nothing without a proof of its key
            throw invalidToken("the access token is DPoP-bound: present it with the DPoP scheme and a proof");
        }
        String subject = claims.getSubject();
        Object clientId = claims.getClaim("client_id");
        if (subject == null) {
            throw invalidToken("the access token has no subject");
        }
        // A client acting for itself: subject = client id, and no roles claim (see TokenIssuer).
        if (claims.getClaim("roles") == null && subject.equals(clientId)) {
            return serviceClient(subject);
        }
        return user(subject, scope(claims));
    }

    private Map<String, Object> user(String subject, Set<String> scope) {
        // A token issued before the subject became the user's id still names the user by email: findBySubject.
        User user = users.findBySubject(subject).filter(User::enabled)
                .orElseThrow(() -> invalidToken("the user no longer exists or is disabled"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sub", user.subject());
        if (scope.contains(EMAIL_SCOPE)) {
            json.put("email", user.email());
            json.put("email_verified", false);
        }
        if (scope.contains(PROFILE_SCOPE)) {
            json.put("roles", new ArrayList<>(user.roles()));
            json.put("updated_at", user.updatedAt().getEpochSecond());
        }
        return json;
    }

    /** The token's {@code scope} claim (RFC 9068 §2.2.3), space-separated; none: empty. */
    private static Set<String> scope(JWTClaimsSet claims) {
        return claims.getClaim("scope") instanceof String scope
                ? Set.copyOf(Arrays.asList(scope.trim().split(" +"))) : Set.of();
    }

    private Map<String, Object> serviceClient(String subject) {
        Client client = ClientId.parse(subject).flatMap(clients::find)
                .orElseThrow(() -> invalidToken("the client no longer exists"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sub", client.id().value());
        json.put("client_id", client.id().value());
        json.put("name", client.name());
        return json;
    }

    /** RFC 9449 §7.1: {@code DPoP <token>}, the scheme case-insensitive (RFC 7235 §2.1). */
    static Optional<String> dpopToken(Optional<String> authorization) {
        return authorization.map(String::trim)
                .filter(h -> h.length() > 5 && h.regionMatches(true, 0, "DPoP ", 0, 5))
                .map(h -> h.substring(5).trim())
                .filter(t -> !t.isEmpty());
    }

    /** RFC 6750 §2.1: {@code Bearer <token>}, the scheme case-insensitive (RFC 7235 §2.1). */
    static Optional<String> bearer(Optional<String> authorization) {
        return authorization.map(String::trim)
                .filter(h -> h.length() > 7 && h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim())
                .filter(t -> !t.isEmpty());
    }

    private static OAuthException invalidToken(String description) {
        return new OAuthException(OAuthError.INVALID_TOKEN, description);
    }
}
