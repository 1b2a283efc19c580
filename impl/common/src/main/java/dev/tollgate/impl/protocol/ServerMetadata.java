package dev.tollgate.impl.protocol;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Authorization server metadata (RFC 8414 §2), with the members OpenID Connect Discovery 1.0 §3 adds. Only the
 * members Tollgate sends or reads are modelled; {@link #parse} ignores the others. An empty list or an absent
 * endpoint is left out of the JSON, and {@code authorization_response_iss_parameter_supported} when false (its
 * default, RFC 9207 §3).
 *
 * <p>{@code issuer} stays a string: RFC 8414 §3.3 compares it with the expected issuer character by character.
 * Build one with {@link #builder(String)}.
 */
@Schema(name = "AuthorizationServerMetadata", type = SchemaType.OBJECT, description = """
        RFC 8414 §2 / OpenID Connect Discovery §3 metadata: `issuer`, the endpoints (`authorization_endpoint`, \
        `token_endpoint`, `jwks_uri`, `revocation_endpoint`, `introspection_endpoint`, `userinfo_endpoint`), \
        `grant_types_supported`, `response_types_supported`, \
        `code_challenge_methods_supported` (`S256`), `token_endpoint_auth_methods_supported`, \
        `authorization_response_iss_parameter_supported`, and more.""")
public record ServerMetadata(
        @Schema(name = "issuer", format = "uri")
        String issuer,
        @Schema(name = "authorization_endpoint", implementation = String.class, format = "uri", nullable = false)
        Optional<URI> authorizationEndpoint,
        @Schema(name = "token_endpoint", implementation = String.class, format = "uri", nullable = false)
        Optional<URI> tokenEndpoint,
        @Schema(name = "jwks_uri", implementation = String.class, format = "uri", nullable = false)
        Optional<URI> jwksUri,
        @Schema(name = "revocation_endpoint", implementation = String.class, format = "uri", nullable = false,
                description = "RFC 7009.")
        Optional<URI> revocationEndpoint,
        @Schema(name = "introspection_endpoint", implementation = String.class, format = "uri", nullable = false,
                description = "RFC 7662.")
        Optional<URI> introspectionEndpoint,
        @Schema(name = "userinfo_endpoint", implementation = String.class, format = "uri", nullable = false,
                description = "OpenID Connect Core §5.3.")
        Optional<URI> userinfoEndpoint,
        @Schema(name = "registration_endpoint", implementation = String.class, format = "uri", nullable = false,
                description = "RFC 7591.")
        Optional<URI> registrationEndpoint,
        @Schema(name = "grant_types_supported")
        List<String> grantTypesSupported,
        @Schema(name = "response_types_supported")
        List<String> responseTypesSupported,
        @Schema(name = "response_modes_supported")
        List<String> responseModesSupported,
        @Schema(name = "code_challenge_methods_supported", description = "RFC 7636 PKCE methods.")
        List<String> codeChallengeMethodsSupported,
        @Schema(name = "token_endpoint_auth_methods_supported")
        List<String> tokenEndpointAuthMethodsSupported,
        @Schema(name = "revocation_endpoint_auth_methods_supported")
        List<String> revocationEndpointAuthMethodsSupported,
        @Schema(name = "introspection_endpoint_auth_methods_supported")
        List<String> introspectionEndpointAuthMethodsSupported,
        @Schema(name = "authorization_response_iss_parameter_supported", description = "RFC 9207 §3.")
        boolean authorizationResponseIssParameterSupported,
        @Schema(name = "subject_types_supported", description = "OpenID Connect Discovery only.")
        List<String> subjectTypesSupported,
        @Schema(name = "id_token_signing_alg_values_supported", description = "OpenID Connect Discovery only.")
        List<String> idTokenSigningAlgValuesSupported,
        @Schema(name = "scopes_supported", description = "OpenID Connect Discovery only.")
        List<String> scopesSupported,
        @Schema(name = "claims_supported", description = "OpenID Connect Discovery only.")
        List<String> claimsSupported,
        @Schema(name = "dpop_signing_alg_values_supported", description = "RFC 9449 §5.1: DPoP proof algorithms.")
        List<String> dpopSigningAlgValuesSupported) {

    /** Without {@code dpop_signing_alg_values_supported}. */
    public ServerMetadata(String issuer, Optional<URI> authorizationEndpoint, Optional<URI> tokenEndpoint,
                          Optional<URI> jwksUri, Optional<URI> revocationEndpoint, Optional<URI> introspectionEndpoint,
                          Optional<URI> userinfoEndpoint, Optional<URI> registrationEndpoint,
                          List<String> grantTypesSupported, List<String> responseTypesSupported,
                          List<String> responseModesSupported, List<String> codeChallengeMethodsSupported,
                          List<String> tokenEndpointAuthMethodsSupported,
                          List<String> revocationEndpointAuthMethodsSupported,
                          List<String> introspectionEndpointAuthMethodsSupported,
                          boolean authorizationResponseIssParameterSupported, List<String> subjectTypesSupported,
                          List<String> idTokenSigningAlgValuesSupported, List<String> scopesSupported,
                          List<String> claimsSupported) {
        this(issuer, authorizationEndpoint, tokenEndpoint, jwksUri, revocationEndpoint, introspectionEndpoint,
                userinfoEndpoint, registrationEndpoint, grantTypesSupported, responseTypesSupported,
                responseModesSupported, codeChallengeMethodsSupported, tokenEndpointAuthMethodsSupported,
                revocationEndpointAuthMethodsSupported, introspectionEndpointAuthMethodsSupported,
                authorizationResponseIssParameterSupported, subjectTypesSupported, idTokenSigningAlgValuesSupported,
                scopesSupported, claimsSupported, List.of());
    }

    public ServerMetadata {
        if (Objects.requireNonNull(issuer, "issuer").isEmpty()) {
            throw new IllegalArgumentException("issuer is empty");
        }
        Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(jwksUri, "jwksUri");
        Objects.requireNonNull(revocationEndpoint, "revocationEndpoint");
        Objects.requireNonNull(introspectionEndpoint, "introspectionEndpoint");
        Objects.requireNonNull(userinfoEndpoint, "userinfoEndpoint");
        Objects.requireNonNull(registrationEndpoint, "registrationEndpoint");
        grantTypesSupported = List.copyOf(grantTypesSupported);
        responseTypesSupported = List.copyOf(responseTypesSupported);
        responseModesSupported = List.copyOf(responseModesSupported);
        codeChallengeMethodsSupported = List.copyOf(codeChallengeMethodsSupported);
        tokenEndpointAuthMethodsSupported = List.copyOf(tokenEndpointAuthMethodsSupported);
        revocationEndpointAuthMethodsSupported = List.copyOf(revocationEndpointAuthMethodsSupported);
        introspectionEndpointAuthMethodsSupported = List.copyOf(introspectionEndpointAuthMethodsSupported);
        subjectTypesSupported = List.copyOf(subjectTypesSupported);
        idTokenSigningAlgValuesSupported = List.copyOf(idTokenSigningAlgValuesSupported);
        scopesSupported = List.copyOf(scopesSupported);
        claimsSupported = List.copyOf(claimsSupported);
        dpopSigningAlgValuesSupported = List.copyOf(dpopSigningAlgValuesSupported);
    }

    public static Builder builder(String issuer) {
        return new Builder(issuer);
    }

    /** @throws MessageParseException not a JSON object, no {@code issuer}, or a member of the wrong type */
    public static ServerMetadata parse(String json) throws MessageParseException {
        return parse(JsonMembers.parse("server metadata", json));
    }

    /** @throws MessageParseException no {@code issuer}, or a member of the wrong type */
    public static ServerMetadata parse(Map<String, Object> json) throws MessageParseException {
        return parse(JsonMembers.of("server metadata", json));
    }

    private static ServerMetadata parse(JsonMembers json) throws MessageParseException {
        return new ServerMetadata(
                json.requiredString("issuer"),                                      // issuer (REQUIRED)
                json.uri("authorization_endpoint"),
                json.uri("token_endpoint"),
                json.uri("jwks_uri"),
                json.uri("revocation_endpoint"),
                json.uri("introspection_endpoint"),
                json.uri("userinfo_endpoint"),
                json.uri("registration_endpoint"),
                json.strings("grant_types_supported"),
                json.strings("response_types_supported"),
                json.strings("response_modes_supported"),
                json.strings("code_challenge_methods_supported"),
                json.strings("token_endpoint_auth_methods_supported"),
                json.strings("revocation_endpoint_auth_methods_supported"),
                json.strings("introspection_endpoint_auth_methods_supported"),
                json.flag("authorization_response_iss_parameter_supported"),
                json.strings("subject_types_supported"),
                json.strings("id_token_signing_alg_values_supported"),
                json.strings("scopes_supported"),
                json.strings("claims_supported"),
                json.strings("dpop_signing_alg_values_supported"));
    }

    /** The members in one fixed order: the endpoints, the capabilities, then OpenID Connect's. */
    public Map<String, Object> toJsonObject() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("issuer", issuer);
        putUri(json, "authorization_endpoint", authorizationEndpoint);
        putUri(json, "token_endpoint", tokenEndpoint);
        putUri(json, "jwks_uri", jwksUri);
        putUri(json, "revocation_endpoint", revocationEndpoint);
        putUri(json, "introspection_endpoint", introspectionEndpoint);
        putUri(json, "userinfo_endpoint", userinfoEndpoint);
        putUri(json, "registration_endpoint", registrationEndpoint);
        putList(json, "grant_types_supported", grantTypesSupported);
        putList(json, "response_types_supported", responseTypesSupported);
        putList(json, "response_modes_supported", responseModesSupported);
        putList(json, "code_challenge_methods_supported", codeChallengeMethodsSupported);
        putList(json, "token_endpoint_auth_methods_supported", tokenEndpointAuthMethodsSupported);
        putList(json, "revocation_endpoint_auth_methods_supported", revocationEndpointAuthMethodsSupported);
        putList(json, "introspection_endpoint_auth_methods_supported", introspectionEndpointAuthMethodsSupported);
        if (authorizationResponseIssParameterSupported) {
            json.put("authorization_response_iss_parameter_supported", true);
        }
        putList(json, "subject_types_supported", subjectTypesSupported);
        putList(json, "id_token_signing_alg_values_supported", idTokenSigningAlgValuesSupported);
        putList(json, "scopes_supported", scopesSupported);
        putList(json, "claims_supported", claimsSupported);
        putList(json, "dpop_signing_alg_values_supported", dpopSigningAlgValuesSupported);
        return json;
    }

    public String toJson() {
        return JsonMembers.toJson(toJsonObject());
    }

    private static void putUri(Map<String, Object> json, String member, Optional<URI> uri) {
        uri.ifPresent(value -> json.put(member, value.toString()));
    }

    private static void putList(Map<String, Object> json, String member, List<String> values) {
        if (!values.isEmpty()) {
            json.put(member, values);
        }
    }

    /** Builds {@link ServerMetadata} member by member; what is not set is absent (or empty, or false). */
    public static final class Builder {

        private final String issuer;
        private Optional<URI> authorizationEndpoint = Optional.empty();
        private Optional<URI> tokenEndpoint = Optional.empty();
        private Optional<URI> jwksUri = Optional.empty();
        private Optional<URI> revocationEndpoint = Optional.empty();
        private Optional<URI> introspectionEndpoint = Optional.empty();
        private Optional<URI> userinfoEndpoint = Optional.empty();
        private Optional<URI> registrationEndpoint = Optional.empty();
        private List<String> grantTypesSupported = List.of();
        private List<String> responseTypesSupported = List.of();
        private List<String> responseModesSupported = List.of();
        private List<String> codeChallengeMethodsSupported = List.of();
        private List<String> tokenEndpointAuthMethodsSupported = List.of();
        private List<String> revocationEndpointAuthMethodsSupported = List.of();
        private List<String> introspectionEndpointAuthMethodsSupported = List.of();
        private boolean authorizationResponseIssParameterSupported;
        private List<String> subjectTypesSupported = List.of();
        private List<String> idTokenSigningAlgValuesSupported = List.of();
        private List<String> scopesSupported = List.of();
        private List<String> claimsSupported = List.of();
        private List<String> dpopSigningAlgValuesSupported = List.of();

        private Builder(String issuer) {
            this.issuer = issuer;
        }

        public Builder authorizationEndpoint(URI uri) {
            this.authorizationEndpoint = Optional.of(uri);
            return this;
        }

        public Builder tokenEndpoint(URI uri) {
            this.tokenEndpoint = Optional.of(uri);
            return this;
        }

        public Builder jwksUri(URI uri) {
            this.jwksUri = Optional.of(uri);
            return this;
        }

        public Builder revocationEndpoint(URI uri) {
            this.revocationEndpoint = Optional.of(uri);
            return this;
        }

        public Builder introspectionEndpoint(URI uri) {
            this.introspectionEndpoint = Optional.of(uri);
            return this;
        }

        public Builder userinfoEndpoint(URI uri) {
            this.userinfoEndpoint = Optional.of(uri);
            return this;
        }

        public Builder registrationEndpoint(URI uri) {
            this.registrationEndpoint = Optional.of(uri);
            return this;
        }

        public Builder grantTypesSupported(List<String> values) {
            this.grantTypesSupported = values;
            return this;
        }

        public Builder responseTypesSupported(List<String> values) {
            this.responseTypesSupported = values;
            return this;
        }

        public Builder responseModesSupported(List<String> values) {
            this.responseModesSupported = values;
            return this;
        }

        public Builder codeChallengeMethodsSupported(List<String> values) {
            this.codeChallengeMethodsSupported = values;
            return this;
        }

        public Builder tokenEndpointAuthMethodsSupported(List<String> values) {
            this.tokenEndpointAuthMethodsSupported = values;
            return this;
        }

        public Builder revocationEndpointAuthMethodsSupported(List<String> values) {
            this.revocationEndpointAuthMethodsSupported = values;
            return this;
        }

        public Builder introspectionEndpointAuthMethodsSupported(List<String> values) {
            this.introspectionEndpointAuthMethodsSupported = values;
            return this;
        }

        public Builder authorizationResponseIssParameterSupported(boolean supported) {
            this.authorizationResponseIssParameterSupported = supported;
            return this;
        }

        public Builder subjectTypesSupported(List<String> values) {
            this.subjectTypesSupported = values;
            return this;
        }

        public Builder idTokenSigningAlgValuesSupported(List<String> values) {
            this.idTokenSigningAlgValuesSupported = values;
            return this;
        }

        public Builder scopesSupported(List<String> values) {
            this.scopesSupported = values;
            return this;
        }

        public Builder claimsSupported(List<String> values) {
            this.claimsSupported = values;
            return this;
        }

        /** RFC 9449 §5.1. */
        public Builder dpopSigningAlgValuesSupported(List<String> values) {
            this.dpopSigningAlgValuesSupported = values;
            return this;
        }

        public ServerMetadata build() {
            return new ServerMetadata(issuer, authorizationEndpoint, tokenEndpoint, jwksUri, revocationEndpoint,
                    introspectionEndpoint, userinfoEndpoint, registrationEndpoint, grantTypesSupported,
                    responseTypesSupported, responseModesSupported, codeChallengeMethodsSupported,
                    tokenEndpointAuthMethodsSupported, revocationEndpointAuthMethodsSupported,
                    introspectionEndpointAuthMethodsSupported, authorizationResponseIssParameterSupported,
                    subjectTypesSupported, idTokenSigningAlgValuesSupported, scopesSupported, claimsSupported,
                    dpopSigningAlgValuesSupported);
        }
    }
}
