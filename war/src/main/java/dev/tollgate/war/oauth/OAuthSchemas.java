package dev.tollgate.war.oauth;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Documentation only: the JSON shapes of the protocol endpoints, which build their bodies as maps (impl's
 * {@code TokenResponse}, {@code IntrospectionEndpoint}, {@code UserInfoEndpoint}, ...). Referenced from the
 * resources' OpenAPI annotations; never instantiated.
 */
final class OAuthSchemas {

    private OAuthSchemas() {
    }

    @Schema(name = "TokenRequest", requiredProperties = "grant_type", description = """
            A token request (RFC 6749 §4), as a form or as one flat JSON object of strings. Which parameters are \
            required depends on `grant_type`. Client authentication: HTTP Basic, or `client_id` (and \
            `client_secret` for a confidential client) in the body.""")
    record TokenRequest(
            @JsonbProperty("grant_type")
            @Schema(enumeration = {"authorization_code", "client_credentials", "password", "refresh_token"})
            String grantType,
            @Schema(description = "authorization_code: the code from the authorization response.")
            String code,
            @JsonbProperty("redirect_uri")
            @Schema(description = "authorization_code: the redirect URI of the authorization request.")
            String redirectUri,
            @JsonbProperty("code_verifier")
            @Schema(description = "authorization_code: the PKCE verifier (RFC 7636); required.")
            String codeVerifier,
            @Schema(description = "password: the user's email.")
            String username,
            @Schema(description = "password: the user's password.", format = "password")
            String password,
            @JsonbProperty("refresh_token")
            @Schema(description = "refresh_token: the refresh token; each use returns a new one.")
            String refreshToken,
            @Schema(description = """
                    Space-separated scopes; none asked: all the client may have. `aud:X` asks for the audience X.""")
            String scope,
            @Schema(description = "RFC 8707 resource indicators (absolute URIs): the audiences of the token.")
            List<String> resource,
            @JsonbProperty("client_id")
            @Schema(description = "The client, when it does not authenticate with HTTP Basic.")
            String clientId,
            @JsonbProperty("client_secret")
            @Schema(description = "client_secret_post: the confidential client's secret.", format = "password")
            String clientSecret) {
    }

    @Schema(name = "TokenResponse", requiredProperties = {"access_token", "token_type", "expires_in"},
            description = "A successful token response (RFC 6749 §5.1), sent with `Cache-Control: no-store`.")
    record TokenResponse(
            @JsonbProperty("access_token") @Schema(description = "An RFC 9068 JWT (`typ: at+jwt`).")
            String accessToken,
            @JsonbProperty("token_type") @Schema(enumeration = "Bearer")
            String tokenType,
            @JsonbProperty("expires_in") @Schema(description = "Seconds until the access token expires.")
            long expiresIn,
            @JsonbProperty("refresh_token")
            @Schema(description = "For users (password, authorization_code, refresh_token grants); opaque.")
            String refreshToken,
            @JsonbProperty("refresh_expires_in") @Schema(description = "Seconds until the refresh token expires.")
            Long refreshExpiresIn,
            @Schema(description = "The granted scopes, space-separated; absent when none.")
            String scope,
            @JsonbProperty("id_token")
            @Schema(description = "An OpenID Connect ID Token, when `openid` was granted to a user.")
            String idToken) {
    }

    @Schema(name = "TokenOfClientRequest", requiredProperties = "token", description = """
            The token to revoke (RFC 7009 §2.1) or introspect (RFC 7662 §2.1), as a form or a flat JSON object, with \
            the client's credentials (HTTP Basic, or `client_id` and `client_secret` in the body).""")
    record TokenOfClientRequest(
            @Schema(description = "An access token or a refresh token.") String token,
            @JsonbProperty("token_type_hint")
            @Schema(description = "Ignored: the token's form tells which kind it is.",
                    enumeration = {"access_token", "refresh_token"})
            String tokenTypeHint,
            @JsonbProperty("client_id") String clientId,
            @JsonbProperty("client_secret") @Schema(format = "password") String clientSecret) {
    }

    @Schema(name = "IntrospectionResponse", requiredProperties = "active", description = """
            RFC 7662 §2.2. Anything not active (unknown, expired, revoked, another client's refresh token) is \
            exactly `{"active": false}`.""")
    record IntrospectionResponse(
            boolean active,
            String scope,
            @JsonbProperty("client_id") String clientId,
            String sub,
            @Schema(description = "Expiry, seconds since the epoch.") Long exp,
            @Schema(description = "Issued at, seconds since the epoch.") Long iat,
            String iss,
            @Schema(description = "One audience, or several.", oneOf = {String.class, String[].class}) Object aud,
            @JsonbProperty("token_type") @Schema(enumeration = {"Bearer", "refresh_token"}) String tokenType,
            String jti,
            @Schema(description = "The user's roles, for a user's access token.") List<String> roles) {
    }

    @Schema(name = "UserInfo", requiredProperties = "sub", description = """
            OpenID Connect userinfo (Core §5.3.2): `sub`, `email`, `email_verified`, `roles` and `updated_at` for a \
            user; `sub`, `client_id` and `name` for a service client (client_credentials).""")
    record UserInfo(
            String sub,
            String email,
            @JsonbProperty("email_verified") Boolean emailVerified,
            List<String> roles,
            @JsonbProperty("updated_at") @Schema(description = "Seconds since the epoch.") Long updatedAt,
            @JsonbProperty("client_id") String clientId,
            String name) {
    }

    @Schema(name = "JwkSet", requiredProperties = "keys", description = """
            A JWK set (RFC 7517 §5): the public signing keys, current, next and previous. Public members only.""")
    record JwkSet(
            @Schema(description = "JWKs (`kty`, `kid`, `use`, `alg` and the public key members).")
            List<Map<String, Object>> keys) {
    }

    @Schema(name = "AuthorizationServerMetadata", type = SchemaType.OBJECT, description = """
            RFC 8414 §2 / OpenID Connect Discovery §3 metadata: `issuer`, the endpoints (`authorization_endpoint`, \
            `token_endpoint`, `jwks_uri`, `revocation_endpoint`, `introspection_endpoint`, `userinfo_endpoint`), \
            `grant_types_supported`, `response_types_supported`, \
            `code_challenge_methods_supported` (`S256`), `token_endpoint_auth_methods_supported`, \
            `authorization_response_iss_parameter_supported`, and more.""")
    record AuthorizationServerMetadata(
            @Schema(format = "uri") String issuer,
            @JsonbProperty("authorization_endpoint") @Schema(format = "uri") String authorizationEndpoint,
            @JsonbProperty("token_endpoint") @Schema(format = "uri") String tokenEndpoint,
            @JsonbProperty("jwks_uri") @Schema(format = "uri") String jwksUri,
            @JsonbProperty("grant_types_supported") List<String> grantTypesSupported) {
    }

    @Schema(name = "GlobalClients", requiredProperties = "clients",
            description = "The first-party (\"global\") clients, ordered by name.")
    record GlobalClients(List<GlobalClient> clients) {
    }

    @Schema(name = "GlobalClient", requiredProperties = {"client_id", "name"})
    record GlobalClient(@JsonbProperty("client_id") String clientId, String name) {
    }
}
