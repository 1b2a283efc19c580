package dev.tollgate.impl.server.registration;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.server.assertion.ClientJwks;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.DisplayText;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The client metadata of RFC 7591 §2 that this server registers, parsed and validated from a registration (or
 * RFC 7592 update) request body. Every failure is an {@link OAuthException} with the RFC 7591 §3.2.2 code:
 * {@code invalid_redirect_uri} for a redirect URI, {@code invalid_client_metadata} for everything else (including
 * a body that is not a JSON object).
 *
 * <p>Defaults (RFC 7591 §2): {@code grant_types} {@code ["authorization_code"]},
 * {@code token_endpoint_auth_method} {@code client_secret_basic}. {@code response_types} defaults to
 * {@code ["code"]} when the grants include {@code authorization_code}, else to none: the RFC's plain default
 * {@code ["code"]} would contradict a client-credentials-only registration. Unknown members are ignored (RFC 7591
 * §2: "MUST ignore any client metadata ... that it does not understand").
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 §2</a>
 */
public record ClientMetadata(Optional<String> clientName, List<String> redirectUris, Set<GrantType> grantTypes,
                             List<String> responseTypes, ClientAuthMethod authMethod, Set<String> scope,
                             Optional<String> clientUri, Optional<String> logoUri, Optional<String> tosUri,
                             Optional<String> policyUri, boolean dpopBoundAccessTokens, Optional<String> jwks,
                             Optional<String> jwksUri, boolean requirePushedRequests) {

    /** Without {@code dpop_bound_access_tokens} (RFC 9449 §5.2), keys (RFC 7523) or required PAR (RFC 9126). */
    public ClientMetadata(Optional<String> clientName, List<String> redirectUris, Set<GrantType> grantTypes,
                          List<String> responseTypes, ClientAuthMethod authMethod, Set<String> scope,
                          Optional<String> clientUri, Optional<String> logoUri, Optional<String> tosUri,
                          Optional<String> policyUri) {
        this(clientName, redirectUris, grantTypes, responseTypes, authMethod, scope, clientUri, logoUri, tosUri,
                policyUri, false, Optional.empty(), Optional.empty(), false);
    }

    static final int MAX_URI_LENGTH = 2000;
    /** Grants a registered client may use. The password grant is for first-party (declared) clients only. */
    static final Set<GrantType> REGISTRABLE_GRANTS = Collections.unmodifiableSet(EnumSet.of(
            GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.CLIENT_CREDENTIALS));

    public ClientMetadata {
        Objects.requireNonNull(clientName, "clientName");
        redirectUris = List.copyOf(redirectUris);
        grantTypes = Collections.unmodifiableSet(grantTypes.isEmpty() ? EnumSet.noneOf(GrantType.class)
                : EnumSet.copyOf(grantTypes));
        responseTypes = List.copyOf(responseTypes);
        Objects.requireNonNull(authMethod, "authMethod");
        scope = Collections.unmodifiableSet(new LinkedHashSet<>(scope));
        Objects.requireNonNull(clientUri, "clientUri");
        Objects.requireNonNull(logoUri, "logoUri");
        Objects.requireNonNull(tosUri, "tosUri");
        Objects.requireNonNull(policyUri, "policyUri");
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(jwksUri, "jwksUri");
    }

    public boolean confidential() {
        return authMethod.confidential();
    }

    /**
     * Parses and validates a JSON request body.
     *
     * @param allowedScopes the scopes a registered client may ask for
     * @throws OAuthException invalid_redirect_uri or invalid_client_metadata
     */
    public static ClientMetadata parse(String body, Set<String> allowedScopes) {
        return parse(body, allowedScopes, Set.of());
    }

    /**
     * @param jwksUriHosts the hosts a {@code jwks_uri} may name; empty refuses {@code jwks_uri}
     * @see #parse(String, Set)
     */
    public static ClientMetadata parse(String body, Set<String> allowedScopes, Set<String> jwksUriHosts) {
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(ClientMetadata.jsonObjectText(body));
        } catch (ParseException | RuntimeException e) {
            throw invalid("the body must be a JSON object of client metadata");
        }
        return parse(json, allowedScopes, jwksUriHosts);
    }

    /** The body if it can be a JSON object (the parser alone would take {@code []} for one); else a parse error. */
    static String jsonObjectText(String body) throws ParseException {
        if (body == null || !body.strip().startsWith("{")) {
            throw new ParseException("not a JSON object", 0);
        }
        return body;
    }

    public static ClientMetadata parse(Map<String, Object> json, Set<String> allowedScopes) {
        return parse(json, allowedScopes, Set.of());
    }

    /** @param jwksUriHosts the hosts a {@code jwks_uri} may name; empty refuses {@code jwks_uri} */
    public static ClientMetadata parse(Map<String, Object> json, Set<String> allowedScopes,
                                       Set<String> jwksUriHosts) {
        // client_name (OPTIONAL): the name shown on the consent page
        Optional<String> clientName = optionalString(json, "client_name");
        if (clientName.isPresent() && (clientName.get().isBlank()
                || clientName.get().length() > ClientDefinition.MAX_NAME_LENGTH)) {
            throw invalid("client_name must have 1 to " + ClientDefinition.MAX_NAME_LENGTH + " characters");
        }
        // Shown to the user on the consent page: no control, bidi or invisible characters that spoof it.
        clientName.flatMap(DisplayText::firstUnsafe).ifPresent(codePoint -> {
            throw invalid("client_name must not contain control, bidirectional or invisible formatting characters"
                    + " (found " + codePoint + ")");
        });
        // token_endpoint_auth_method (OPTIONAL, default client_secret_basic)
        ClientAuthMethod method = optionalString(json, "token_endpoint_auth_method")
                .map(value -> ClientAuthMethod.parse(value).orElseThrow(() -> invalid(
                        "token_endpoint_auth_method must be client_secret_basic, client_secret_post,"
                                + " private_key_jwt or none")))
                .orElse(ClientAuthMethod.CLIENT_SECRET_BASIC);
        // grant_types (OPTIONAL, default ["authorization_code"])
        Set<GrantType> grants = EnumSet.noneOf(GrantType.class);
        for (String value : stringList(json, "grant_types").orElse(List.of("authorization_code"))) {
            if ("implicit".equals(value)) {
                throw invalid("the implicit grant is not supported (OAuth 2.1 removes it)");
            }
            GrantType grant = GrantType.parse(value).filter(REGISTRABLE_GRANTS::contains)
                    .orElseThrow(() -> invalid("grant_types may hold authorization_code, refresh_token and"
                            + " client_credentials"));
            grants.add(grant);
        }
        if (grants.isEmpty()) {
            throw invalid("grant_types must not be empty");
        }
        // response_types (OPTIONAL): must agree with grant_types (RFC 7591 §2.1)
        boolean code = grants.contains(GrantType.AUTHORIZATION_CODE);
        List<String> responseTypes = stringList(json, "response_types").map(ClientMetadata::distinct)
                .orElse(code ? List.of("code") : List.of());
        for (String type : responseTypes) {
            if (!"code".equals(type)) {
                throw invalid("response_types may only hold code (the implicit flow is not supported)");
            }
        }
        if (code != responseTypes.contains("code")) {
            throw invalid("grant_types and response_types disagree: authorization_code goes with the code response"
                    + " type and only with it");
        }
        if (!method.confidential() && grants.contains(GrantType.CLIENT_CREDENTIALS)) {
            throw invalid("a public client (token_endpoint_auth_method none) cannot use client_credentials");
        }
        // redirect_uris (REQUIRED for redirect-based flows)
        List<String> redirectUris = stringList(json, "redirect_uris").map(ClientMetadata::distinct).orElse(List.of());
        redirectUris.forEach(ClientMetadata::checkRedirectUri);
        if (code && redirectUris.isEmpty()) {
            throw new OAuthException(OAuthError.INVALID_REDIRECT_URI,
                    "redirect_uris is required with the authorization_code grant");
        }
        if (String.join(" ", redirectUris).length() > 4000) {
            throw new OAuthException(OAuthError.INVALID_REDIRECT_URI, "redirect_uris is too long");
        }
        // scope (OPTIONAL): space-separated, each one the server allows
        Set<String> scope = new LinkedHashSet<>();
        Optional<String> rawScope = optionalString(json, "scope");
        if (rawScope.isPresent()) {
            for (String value : rawScope.get().trim().split(" +")) {
                if (value.isEmpty()) {
                    continue;
                }
                if (!allowedScopes.contains(value)) {
                    throw invalid("scope may only hold " + String.join(" ", allowedScopes));
                }
                scope.add(value);
            }
        }
        // dpop_bound_access_tokens (OPTIONAL, default false): RFC 9449 §5.2
        Object dpopBound = json.getOrDefault("dpop_bound_access_tokens", Boolean.FALSE);
        if (!(dpopBound instanceof Boolean bound)) {
            throw invalid("dpop_bound_access_tokens must be a boolean");
        }
        // jwks and jwks_uri (OPTIONAL, "MUST NOT both be present", RFC 7591 §2): the keys of private_key_jwt
        Optional<String> jwks = Optional.empty();
        Optional<String> jwksUri = Optional.empty();
        Object rawJwks = json.get("jwks");
        Optional<String> rawJwksUri = optionalString(json, "jwks_uri");
        if (rawJwks != null && rawJwksUri.isPresent()) {
            throw invalid("jwks and jwks_uri must not both be present (RFC 7591 §2)");
        }
        if (method == ClientAuthMethod.PRIVATE_KEY_JWT) {
            try {
                if (rawJwks instanceof Map<?, ?> object) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> members = (Map<String, Object>) object;
                    jwks = Optional.of(ClientJwks.check(members));
                } else if (rawJwks != null) {
                    throw invalid("jwks must be a JWK Set object");
                } else if (rawJwksUri.isPresent()) {
                    jwksUri = Optional.of(ClientJwks.checkUri(rawJwksUri.get(), jwksUriHosts));
                } else {
                    throw invalid("private_key_jwt needs jwks (or jwks_uri where the server allows it)");
                }
            } catch (ClientJwks.InvalidJwksException e) {
                throw invalid(e.getMessage());
            }
        } else if (rawJwks != null || rawJwksUri.isPresent()) {
            throw invalid("jwks and jwks_uri are for token_endpoint_auth_method private_key_jwt only");
        }
        // require_pushed_authorization_requests (OPTIONAL, RFC 9126 §6, default false)
        Object requirePar = json.getOrDefault("require_pushed_authorization_requests", Boolean.FALSE);
        if (!(requirePar instanceof Boolean requirePushed)) {
            throw invalid("require_pushed_authorization_requests must be a boolean");
        }
        return new ClientMetadata(clientName.map(String::strip), redirectUris, grants, responseTypes, method, scope,
                webUri(json, "client_uri"), webUri(json, "logo_uri"), webUri(json, "tos_uri"),
                webUri(json, "policy_uri"), bound, jwks, jwksUri, requirePushed);
    }

    /** The registered metadata as RFC 7591 §3.2.1 members (absent optionals left out). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        clientName.ifPresent(value -> json.put("client_name", value));
        json.put("redirect_uris", redirectUris);
        json.put("grant_types", grantTypes.stream().map(GrantType::value).toList());
        json.put("response_types", responseTypes);
        json.put("token_endpoint_auth_method", authMethod.value());
        json.put("scope", String.join(" ", scope));
        clientUri.ifPresent(value -> json.put("client_uri", value));
        logoUri.ifPresent(value -> json.put("logo_uri", value));
        tosUri.ifPresent(value -> json.put("tos_uri", value));
        policyUri.ifPresent(value -> json.put("policy_uri", value));
        if (dpopBoundAccessTokens) {
            json.put("dpop_bound_access_tokens", true);
        }
        jwks.ifPresent(value -> {
            try {
                json.put("jwks", JSONObjectUtils.parse(value));
            } catch (ParseException e) {
                throw new IllegalStateException("a stored jwks was checked on the way in", e);
            }
        });
        jwksUri.ifPresent(value -> json.put("jwks_uri", value));
        if (requirePushedRequests) {
            json.put("require_pushed_authorization_requests", true);
        }
        return json;
    }

    /**
     * RFC 7591 §2 and RFC 6749 §3.1.2: absolute, no fragment; {@code https}, except {@code http} on a loopback host
     * (RFC 8252 §7.3) — {@code 127.0.0.1}, {@code [::1]} and {@code localhost}. Other schemes (private-use URI
     * schemes of native apps) are not accepted here. No user information either: in
     * {@code http://evil.example@127.0.0.1/cb} the host is the loopback address, but a person reading the consent
     * page or the URI sees {@code evil.example} (RFC 3986 §7.6; RFC 9700 §4.1.1 asks for redirect URIs that leave
     * no room for confusion).
     */
    static void checkRedirectUri(String uri) {
        URI parsed = parseUri(uri).orElseThrow(() -> new OAuthException(OAuthError.INVALID_REDIRECT_URI,
                "a redirect URI must be a valid absolute URI"));
        if (!parsed.isAbsolute() || parsed.getRawFragment() != null || uri.contains("#")) {
            throw new OAuthException(OAuthError.INVALID_REDIRECT_URI,
                    "a redirect URI must be absolute and have no fragment");
        }
        if (parsed.getRawUserInfo() != null) {
            throw new OAuthException(OAuthError.INVALID_REDIRECT_URI,
                    "a redirect URI must not contain user information (user@host)");
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        String host = parsed.getHost();
        if (host == null || host.isEmpty()) {
            throw new OAuthException(OAuthError.INVALID_REDIRECT_URI, "a redirect URI must name a host");
        }
        boolean loopback = host.equals("127.0.0.1") || host.equals("[::1]") || host.equalsIgnoreCase("localhost");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new OAuthException(OAuthError.INVALID_REDIRECT_URI,
                    "a redirect URI must use https, or http on a loopback address");
        }
    }

    private static Optional<String> webUri(Map<String, Object> json, String member) {
        Optional<String> value = optionalString(json, member);
        value.ifPresent(uri -> {
            Optional<URI> parsed = parseUri(uri);
            String scheme = parsed.map(URI::getScheme).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
            if (parsed.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))
                    || parsed.get().getHost() == null) {
                throw invalid(member + " must be an absolute http or https URI");
            }
            // Shown on the consent page: user@host would show a host that is not the one linked (RFC 3986 §7.6).
            if (parsed.get().getRawUserInfo() != null) {
                throw invalid(member + " must not contain user information (user@host)");
            }
        });
        return value;
    }

    private static Optional<URI> parseUri(String uri) {
        if (uri.isEmpty() || uri.length() > MAX_URI_LENGTH || uri.chars().anyMatch(c -> c <= 0x20 || c >= 0x7F)) {
            return Optional.empty();
        }
        try {
            URI parsed = new URI(uri);
            return parsed.isAbsolute() ? Optional.of(parsed) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> optionalString(Map<String, Object> json, String member) {
        Object value = json.get(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw invalid(member + " must be a string");
        }
        return Optional.of(text);
    }

    private static Optional<List<String>> stringList(Map<String, Object> json, String member) {
        Object value = json.get(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid(member + " must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String text) || text.isEmpty()) {
                throw invalid(member + " must be an array of strings");
            }
            values.add(text);
        }
        return Optional.of(values);
    }

    private static List<String> distinct(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(OAuthError.INVALID_CLIENT_METADATA, description);
    }
}
