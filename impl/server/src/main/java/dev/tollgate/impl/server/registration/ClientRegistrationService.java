package dev.tollgate.impl.server.registration;

import dev.tollgate.api.Caller;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.server.audit.AuditEventType;
import dev.tollgate.impl.server.audit.AuditTrail;
import dev.tollgate.impl.server.caller.CallerKinds;
import dev.tollgate.impl.server.registration.RegistrationLimiter.Admission;
import dev.tollgate.impl.server.caller.ClientOwners;
import dev.tollgate.impl.server.registration.RegistrationSettings.Mode;
import dev.tollgate.impl.server.registration.RegistrationStore.Registered;
import dev.tollgate.impl.server.secret.ClientSecret;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Dynamic client registration (RFC 7591 §3) and the client configuration endpoint (RFC 7592 §2).
 *
 * <p><b>Who may register</b> ({@link RegistrationSettings#mode()}):
 * <ul>
 *   <li>an <i>initial access token</i>: a Bearer access token of this server carrying the scope
 *       {@value RegistrationSettings#INITIAL_ACCESS_SCOPE} (any mode);</li>
 *   <li>in {@code authenticated} mode (the default), also a user: plain headers, or a Bearer token issued to a client
 *       for a user (its subject is not the client itself);</li>
 *   <li>in {@code open} mode, anyone.</li>
 * </ul>
 * A request without credentials where they are needed is 401 {@code invalid_token} (RFC 6750 §3.1, with the Bearer
 * challenge): RFC 7591 §3 makes the initial access token an OAuth 2.0 Bearer token, so its errors are RFC 6750's.
 * Credentials that are valid but do not qualify (a service client's token without the scope) are 403
 * {@code insufficient_scope}. The new client's owner is the registering user, if any.
 *
 * <p><b>Client configuration endpoint.</b> Every RFC 7592 call needs the registration access token; a wrong or
 * missing token and an unknown or deleted client all answer 401 {@code invalid_token} (RFC 7592 §2.1: "the
 * authorization server MUST NOT ... reveal" whether the client exists).
 */
public final class ClientRegistrationService {

    private final RegistrationStore store;
    private final RegistrationSettings settings;
    private final SecretGenerator secrets;
    private final RegistrationLimiter limiter;
    private final ClientOwners owners;
    private final AuditTrail audit;
    private Set<String> jwksUriHosts = Set.of();

    /** @param owners the name a client's owner is recorded under, whichever credential the user presents */
    public ClientRegistrationService(RegistrationStore store, RegistrationSettings settings, SecretGenerator secrets,
                                     RegistrationLimiter limiter, ClientOwners owners) {
        this(store, settings, secrets, limiter, owners, AuditTrail.off());
    }

    /**
     * @param audit records {@code client.created}, {@code client.updated}, {@code client.deleted} and
     *              {@code registration.refused}
     */
    public ClientRegistrationService(RegistrationStore store, RegistrationSettings settings, SecretGenerator secrets,
                                     RegistrationLimiter limiter, ClientOwners owners, AuditTrail audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.owners = Objects.requireNonNull(owners, "owners");
    }

    /**
     * Lets registrations name a {@code jwks_uri} on these hosts ({@code tollgate.server.client-assertion.jwks-uri-hosts});
     * none by default. Call once, while the server is composed.
     */
    public ClientRegistrationService allowJwksUriHosts(Set<String> hosts) {
        this.jwksUriHosts = Set.copyOf(hosts);
        return this;
    }

    /**
     * {@code POST /oauth2/register}.
     *
     * <p>Within the {@link RegistrationLimits}: over the rate, {@link RegistrationRateLimitedException} (429); over
     * the owner's quota, 403 {@code access_denied} in the RFC 7591 §3.2.2 format (none of its codes fits: the
     * metadata is fine, the server refuses the registrar).
     *
     * @param clientAddress         the request's remote address: the registrar of an anonymous {@code open} request
     * @param configurationEndpoint the registration endpoint's URL; the client's is this plus {@code /client_id}
     * @return the RFC 7591 §3.2.1 response members (the only time the secret and the token are shown)
     * @throws OAuthException invalid_token, insufficient_scope, invalid_redirect_uri, invalid_client_metadata,
     *                        access_denied
     * @throws RegistrationRateLimitedException over the rate limit
     */
    public Map<String, Object> register(Caller caller, String clientAddress, String body,
                                        String configurationEndpoint) {
        try {
            Map<String, Object> registered = admit(caller, clientAddress, body, configurationEndpoint);
            audit.success(AuditEventType.CLIENT_CREATED).client((String) registered.get("client_id"))
                    .address(clientAddress).detail("kind", "registered").record();
            return registered;
        } catch (OAuthException e) {
            audit.failure(AuditEventType.REGISTRATION_REFUSED).address(clientAddress)
                    .detail("error", e.error().code()).record();
            throw e;
        } catch (RegistrationRateLimitedException e) {
            audit.failure(AuditEventType.REGISTRATION_REFUSED).address(clientAddress)
                    .detail("error", "rate_limited").record();
            throw e;
        }
    }

    private Map<String, Object> admit(Caller caller, String clientAddress, String body,
                                      String configurationEndpoint) {
        Optional<String> owner = authorizeRegistration(caller);
        ClientMetadata metadata = ClientMetadata.parse(body, settings.allowedScopes(), jwksUriHosts);
        ClientId id = ClientId.random();
        Optional<ClientSecret> secret = metadata.authMethod().usesClientSecret() ? Optional.of(secrets.clientSecret())
                : Optional.empty();
        String registrationToken = secrets.token();
        ClientDefinition definition = ClientDefinition.builder(id)
                .name(metadata.clientName().orElse(id.value()))
                .secretHash(secret.map(ClientSecret::hash).orElse(null))
                .redirectUris(metadata.redirectUris())
                .grantTypes(metadata.grantTypes())
                .scopes(metadata.scope())
                .owner(owner.orElse(null))
                .authMethod(metadata.authMethod())
                .dpopBoundAccessTokens(metadata.dpopBoundAccessTokens())
                .jwks(metadata.jwks().orElse(null))
                .jwksUri(metadata.jwksUri().orElse(null))
                .requirePushedRequests(metadata.requirePushedRequests())
                .build();
        Admission<Registered> admission = limiter.admit(Registrar.of(caller, owners, clientAddress),
                connection -> store.create(connection, definition, metadata, SecretHash.of(registrationToken)));
        if (admission instanceof Admission.RateLimited<Registered> limited) {
            throw new RegistrationRateLimitedException(limited.retryAfterSeconds());
        }
        if (admission instanceof Admission.QuotaFull<Registered> full) {
            throw new OAuthException(OAuthError.ACCESS_DENIED, "the owner already has " + full.maxClients()
                    + " clients, the most allowed; delete one first");
        }
        Registered registered = ((Admission.Admitted<Registered>) admission).value();
        return response(registered, secret, registrationToken, configurationEndpoint + "/" + id.value());
    }

    /** {@code GET /oauth2/register/{client_id}} (RFC 7592 §2.1). The response repeats the presented token. */
    public Map<String, Object> read(String clientId, Optional<String> authorization, String configurationUri) {
        String token = bearer(authorization);
        Registered registered = authorize(clientId, token);
        return response(registered, Optional.empty(), token, configurationUri);
    }

    /**
     * {@code PUT /oauth2/register/{client_id}} (RFC 7592 §2.2): replaces the metadata, validated as a registration,
     * and rotates the registration access token. A client that turns confidential gets a new secret.
     */
    public Map<String, Object> update(String clientId, Optional<String> authorization, String body,
                                      String configurationUri) {
        Registered current = authorize(clientId, bearer(authorization));
        Map<String, Object> json;
        try {
            json = com.nimbusds.jose.util.JSONObjectUtils.parse(ClientMetadata.jsonObjectText(body));
        } catch (java.text.ParseException | RuntimeException e) {
            throw new OAuthException(OAuthError.INVALID_CLIENT_METADATA,
                    "the body must be a JSON object of client metadata");
        }
        // client_id (REQUIRED): MUST match (RFC 7592 §2.2)
        if (!current.client().id().value().equals(json.get("client_id"))) {
            throw new OAuthException(OAuthError.INVALID_CLIENT_METADATA, "client_id must be the client's id");
        }
        ClientMetadata metadata = ClientMetadata.parse(json, settings.allowedScopes(), jwksUriHosts);
        Optional<ClientSecret> secret = metadata.authMethod().usesClientSecret()
                && !current.metadata().authMethod().usesClientSecret()
                ? Optional.of(secrets.clientSecret()) : Optional.empty();
        String registrationToken = secrets.token();
        ClientId id = current.client().id();
        if (!store.update(id, metadata, metadata.clientName().orElse(id.value()), secret.map(ClientSecret::hash),
                SecretHash.of(registrationToken))) {
            throw invalidToken();
        }
        Registered updated = store.find(id).orElseThrow(ClientRegistrationService::invalidToken);
        audit.success(AuditEventType.CLIENT_UPDATED).client(id.value()).actor(id.value()).detail("kind", "registered")
                .detail("new_secret", secret.isPresent()).record();
        return response(updated, secret, registrationToken, configurationUri);
    }

    /** {@code DELETE /oauth2/register/{client_id}} (RFC 7592 §2.3): a soft delete that ends the client's tokens. */
    public void delete(String clientId, Optional<String> authorization) {
        Registered current = authorize(clientId, bearer(authorization));
        if (!store.softDelete(current.client().id())) {
            throw invalidToken();
        }
        audit.success(AuditEventType.CLIENT_DELETED).client(current.client().id().value()).actor(
                current.client().id().value()).detail("kind", "registered").record();
    }

    private Optional<String> authorizeRegistration(Caller caller) {
        boolean initialAccessToken = CallerKinds.isBearer(caller)
                && caller.hasScope(RegistrationSettings.INITIAL_ACCESS_SCOPE);
        boolean user = CallerKinds.isUser(caller);
        Optional<String> owner = user ? Optional.of(owners.ownerName(caller)) : Optional.empty();
        if (initialAccessToken || settings.mode() == Mode.OPEN || (settings.mode() == Mode.AUTHENTICATED && user)) {
            return owner;
        }
        if (caller.isAnonymous()) {
            throw new OAuthException(OAuthError.INVALID_TOKEN, settings.mode() == Mode.INITIAL_ACCESS_TOKEN
                    ? "registration needs an initial access token" : "registration needs a user's credentials or an"
                    + " initial access token");
        }
        throw new OAuthException(OAuthError.INSUFFICIENT_SCOPE, "registration needs a token with the scope "
                + RegistrationSettings.INITIAL_ACCESS_SCOPE);
    }

    private Registered authorize(String clientId, String token) {
        return ClientId.parse(clientId).flatMap(id -> store.authorize(id, token))
                .orElseThrow(ClientRegistrationService::invalidToken);
    }

    /** The Bearer token of an Authorization header (scheme case-insensitive, RFC 7235); else invalid_token. */
    static String bearer(Optional<String> authorization) {
        String header = authorization.orElse("").trim();
        if (header.length() < 7 || !header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            throw invalidToken();
        }
        String token = header.substring(7).trim();
        if (token.isEmpty() || token.length() > 512) {
            throw invalidToken();
        }
        return token;
    }

    private static OAuthException invalidToken() {
        return new OAuthException(OAuthError.INVALID_TOKEN, "a valid registration access token is required");
    }

    private Map<String, Object> response(Registered registered, Optional<ClientSecret> secret,
                                         String registrationToken, String configurationUri) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("client_id", registered.client().id().value());
        secret.ifPresent(value -> {
            json.put("client_secret", value.reveal());
            json.put("client_secret_expires_at", 0);
        });
        if (secret.isEmpty() && registered.metadata().authMethod().usesClientSecret()) {
            json.put("client_secret_expires_at", 0);
        }
        json.put("client_id_issued_at", registered.client().createdAt().getEpochSecond());
        json.putAll(registered.metadata().toJson());
        json.put("registration_access_token", registrationToken);
        json.put("registration_client_uri", configurationUri);
        return json;
    }
}
