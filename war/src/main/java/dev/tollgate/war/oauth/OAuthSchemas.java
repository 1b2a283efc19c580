package dev.tollgate.war.oauth;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Documentation only: the JSON shapes of the protocol endpoints that have no shared message type and build their
 * bodies as maps ({@code IntrospectionEndpoint}, {@code UserInfoEndpoint}, ...), and of the request bodies.
 * Referenced from the resources' OpenAPI annotations; never instantiated. The token response, the error response
 * and the server metadata are described by the messages themselves ({@code dev.tollgate.impl.protocol}).
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

    @Schema(name = "GlobalClients", requiredProperties = "clients",
            description = "The first-party (\"global\") clients, ordered by name.")
    record GlobalClients(List<GlobalClient> clients) {
    }

    @Schema(name = "GlobalClient", requiredProperties = {"client_id", "name"})
    record GlobalClient(@JsonbProperty("client_id") String clientId, String name) {
    }
}
