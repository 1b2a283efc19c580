package dev.tollgate.impl.server.protocol;

import static dev.tollgate.impl.protocol.ClientAuthMethod.CLIENT_SECRET_BASIC;
import static dev.tollgate.impl.protocol.ClientAuthMethod.CLIENT_SECRET_POST;
import static dev.tollgate.impl.protocol.ClientAuthMethod.NONE;

import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.protocol.ServerMetadata;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What this authorization server advertises: its metadata (RFC 8414 §2), served at
 * {@code /.well-known/oauth-authorization-server}, and the same with the members OpenID Connect Discovery 1.0 §3
 * requires, served at {@code /.well-known/openid-configuration}. Every endpoint is where the application says it is,
 * so a client configured with the issuer alone finds everything.
 *
 * @param endpoints         where the application serves the endpoints
 * @param grantTypes        the grants the token endpoint handles
 * @param signingAlgorithms the JWS algorithms of the published keys
 * @param dpopAlgorithms    the DPoP proof algorithms the token endpoint accepts (RFC 9449 §5.1); empty: no DPoP
 * @param assertionAlgorithms the JWS algorithms of {@code private_key_jwt} client assertions (RFC 7523); empty when
 *                          the server accepts none
 * @param pushedRequests    the pushed authorization request endpoint (RFC 9126 §5), if deployed
 * @param requirePushedRequests {@code tollgate.server.par.required} (RFC 9126 §5
 *                          {@code require_pushed_authorization_requests})
 */
public record DiscoveryMetadata(ServerEndpoints endpoints, List<GrantType> grantTypes,
                                List<String> signingAlgorithms, List<String> dpopAlgorithms,
                                List<String> assertionAlgorithms, Optional<URI> pushedRequests,
                                boolean requirePushedRequests) {

    /** Without DPoP, private_key_jwt and PAR. */
    public DiscoveryMetadata(ServerEndpoints endpoints, List<GrantType> grantTypes, List<String> signingAlgorithms) {
        this(endpoints, grantTypes, signingAlgorithms, List.of(), List.of(), Optional.empty(), false);
    }

    /** Token and revocation endpoints: a secret in the header or the body, or a public client's bare id. */
    private static final List<ClientAuthMethod> TOKEN_AUTH_METHODS =
            List.of(CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, NONE);
    /** Introspection answers confidential clients only. */
    private static final List<ClientAuthMethod> INTROSPECTION_AUTH_METHODS =
            List.of(CLIENT_SECRET_BASIC, CLIENT_SECRET_POST);
    /** OpenID Connect Discovery §3 {@code claims_supported}: what the ID Token and userinfo may carry. */
    private static final List<String> CLAIMS = List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce",
            "at_hash", "email", "email_verified", "roles", "updated_at", "client_id", "name");

    public DiscoveryMetadata {
        Objects.requireNonNull(endpoints, "endpoints");
        grantTypes = List.copyOf(grantTypes);
        signingAlgorithms = List.copyOf(signingAlgorithms);
        dpopAlgorithms = List.copyOf(dpopAlgorithms);
        assertionAlgorithms = List.copyOf(assertionAlgorithms);
        Objects.requireNonNull(pushedRequests, "pushedRequests");
    }

    /** {@link #oauth()} as JSON members, with those of RFC 7523 and RFC 9126 that {@link ServerMetadata} lacks. */
    public Map<String, Object> oauthJson() {
        return withKeyAndParMembers(oauth().toJsonObject());
    }

    /** {@link #openid()} as JSON members, with those of RFC 7523 and RFC 9126 that {@link ServerMetadata} lacks. */
    public Map<String, Object> openidJson() {
        return withKeyAndParMembers(openid().toJsonObject());
    }

    private Map<String, Object> withKeyAndParMembers(Map<String, Object> json) {
        if (!assertionAlgorithms.isEmpty()) {
            // RFC 8414 §2: REQUIRED with private_key_jwt at the endpoint; "none" MUST NOT be used
            json.put("token_endpoint_auth_signing_alg_values_supported", assertionAlgorithms);
            json.put("revocation_endpoint_auth_signing_alg_values_supported", assertionAlgorithms);
            json.put("introspection_endpoint_auth_signing_alg_values_supported", assertionAlgorithms);
        }
        pushedRequests.ifPresent(uri -> json.put("pushed_authorization_request_endpoint", uri.toString()));
        if (requirePushedRequests) {
            json.put("require_pushed_authorization_requests", true);
        }
        return json;
    }

    /** RFC 8414 §2. */
    public ServerMetadata oauth() {
        return oauthMembers().build();
    }

    /** OpenID Connect Discovery 1.0 §3: RFC 8414's members plus the ones OpenID requires. */
    public ServerMetadata openid() {
        return oauthMembers()
                .subjectTypesSupported(List.of("public"))
                .idTokenSigningAlgValuesSupported(signingAlgorithms)
                .scopesSupported(List.of("openid"))
                .claimsSupported(CLAIMS)
                .build();
    }

    private ServerMetadata.Builder oauthMembers() {
        return ServerMetadata.builder(endpoints.issuer())
                .authorizationEndpoint(endpoints.authorization())
                .tokenEndpoint(endpoints.token())
                .jwksUri(endpoints.jwks())
                .revocationEndpoint(endpoints.revocation())
                .introspectionEndpoint(endpoints.introspection())
                // OpenID Connect Core §5.3, in both documents: RFC 8414 §2 allows members of other specifications
                .userinfoEndpoint(endpoints.userinfo())
                .registrationEndpoint(endpoints.registration())
                .grantTypesSupported(grantTypes.stream().map(GrantType::value).toList())
                .responseTypesSupported(List.of("code"))
                .responseModesSupported(List.of("query"))
                // RFC 7636 §4.2: S256 only, plain is refused
                .codeChallengeMethodsSupported(List.of("S256"))
                .tokenEndpointAuthMethodsSupported(values(withKeys(TOKEN_AUTH_METHODS)))
                .revocationEndpointAuthMethodsSupported(values(withKeys(TOKEN_AUTH_METHODS)))
                .introspectionEndpointAuthMethodsSupported(values(withKeys(INTROSPECTION_AUTH_METHODS)))
                // RFC 9207 §3: every authorization response carries iss
                .authorizationResponseIssParameterSupported(true)
                // RFC 9449 §5.1
                .dpopSigningAlgValuesSupported(dpopAlgorithms);
    }

    /** The methods, and private_key_jwt when client assertions are accepted. */
    private List<ClientAuthMethod> withKeys(List<ClientAuthMethod> methods) {
        if (assertionAlgorithms.isEmpty()) {
            return methods;
        }
        List<ClientAuthMethod> all = new ArrayList<>(methods);
        all.add(all.contains(NONE) ? all.indexOf(NONE) : all.size(), ClientAuthMethod.PRIVATE_KEY_JWT);
        return all;
    }

    private static List<String> values(List<ClientAuthMethod> methods) {
        return methods.stream().map(ClientAuthMethod::value).toList();
    }
}
