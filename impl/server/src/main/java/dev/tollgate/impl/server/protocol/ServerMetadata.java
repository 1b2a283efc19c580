package dev.tollgate.impl.server.protocol;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.impl.protocol.GrantType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The authorization server metadata (RFC 8414 §2), served at {@code /.well-known/oauth-authorization-server} and,
 * with the OpenID Connect Discovery members it requires, at {@code /.well-known/openid-configuration}. Every
 * endpoint URL is the issuer plus its path, so a client configured with the issuer alone finds everything.
 *
 * @param grantTypes     the grants the token endpoint handles
 * @param signingAlgorithms the JWS algorithms of the published keys
 */
public record ServerMetadata(String issuer, List<GrantType> grantTypes, List<String> signingAlgorithms) {

    public static final String TOKEN_PATH = "/oauth2/token";
    public static final String AUTHORIZE_PATH = "/oauth2/authorize";
    public static final String REVOKE_PATH = "/oauth2/revoke";
    public static final String INTROSPECT_PATH = "/oauth2/introspect";
    public static final String JWKS_PATH = "/oauth2/jwks";
    /** RFC 7591 dynamic client registration. */
    public static final String REGISTER_PATH = "/oauth2/register";
    /** OpenID Connect Core §5.3; listed in both documents (RFC 8414 allows members of other specifications). */
    public static final String USERINFO_PATH = "/oauth2/userinfo";
    /** The client authentication methods of the token, revocation and introspection endpoints. */
    public static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post", "none");

    public ServerMetadata {
        Objects.requireNonNull(issuer, "issuer");
        grantTypes = List.copyOf(grantTypes);
        signingAlgorithms = List.copyOf(signingAlgorithms);
    }

    /** RFC 8414 §2. */
    public Map<String, Object> oauth() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("issuer", issuer);
        json.put("authorization_endpoint", issuer + AUTHORIZE_PATH);
        json.put("token_endpoint", issuer + TOKEN_PATH);
        json.put("jwks_uri", issuer + JWKS_PATH);
        json.put("revocation_endpoint", issuer + REVOKE_PATH);
        json.put("introspection_endpoint", issuer + INTROSPECT_PATH);
        json.put("userinfo_endpoint", issuer + USERINFO_PATH);
        json.put("registration_endpoint", issuer + REGISTER_PATH);
        json.put("grant_types_supported", grantTypes.stream().map(GrantType::value).toList());
        json.put("response_types_supported", List.of("code"));
        json.put("response_modes_supported", List.of("query"));
        json.put("code_challenge_methods_supported", List.of("S256"));
        json.put("token_endpoint_auth_methods_supported", AUTH_METHODS);
        json.put("revocation_endpoint_auth_methods_supported", AUTH_METHODS);
        json.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic",
                "client_secret_post"));
        json.put("authorization_response_iss_parameter_supported", true);
        return json;
    }

    /** OpenID Connect Discovery 1.0 §3: RFC 8414's members plus the ones OpenID requires. */
    public Map<String, Object> openid() {
        Map<String, Object> json = oauth();
        json.put("subject_types_supported", List.of("public"));
        json.put("id_token_signing_alg_values_supported", signingAlgorithms);
        json.put("scopes_supported", List.of("openid"));
        json.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash",
                "email", "email_verified", "roles", "updated_at", "client_id", "name"));
        return json;
    }

    public static String toJson(Map<String, Object> document) {
        return JSONObjectUtils.toJSONString(document);
    }
}
