package dev.tollgate.war.startup;

import dev.tollgate.api.spi.PlainCredentialVerifier;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.jwt.LocalIssuer;
import dev.tollgate.impl.server.admin.AccountRevocationChecker;
import dev.tollgate.impl.server.audit.AuditActors;
import dev.tollgate.impl.server.audit.AuditEventStore;
import dev.tollgate.impl.server.audit.AuditEventType;
import dev.tollgate.impl.server.audit.AuditTrail;
import dev.tollgate.impl.server.admin.ServiceClients;
import dev.tollgate.impl.server.admin.UserAdministration;
import dev.tollgate.impl.server.admin.UserConsents;
import dev.tollgate.impl.server.authorize.AuthorizationCodeStore;
import dev.tollgate.impl.server.authorize.AuthorizationCodes;
import dev.tollgate.impl.server.authorize.AuthorizationRequests;
import dev.tollgate.impl.server.assertion.ClientAssertionSettings;
import dev.tollgate.impl.server.assertion.ClientAssertionVerifier;
import dev.tollgate.impl.server.assertion.ClientAssertions;
import dev.tollgate.impl.server.assertion.JwksUriKeys;
import dev.tollgate.impl.server.authorize.AuthorizationService;
import dev.tollgate.impl.server.authorize.FlowSeals;
import dev.tollgate.impl.server.authorize.PushedAuthorizationRequests;
import dev.tollgate.impl.server.authorize.ConsentStore;
import dev.tollgate.impl.server.authorize.RevokeIssuedTokens;
import dev.tollgate.impl.server.authorize.UsedAuthorizationRequests;
import dev.tollgate.impl.server.caller.ClientOwners;
import dev.tollgate.impl.server.grant.AuthorizationCodeGrant;
import dev.tollgate.impl.server.grant.ClientCredentialsGrant;
import dev.tollgate.impl.server.dpop.DpopProofCheck;
import dev.tollgate.impl.server.grant.GrantTokenIssuer;
import dev.tollgate.impl.server.grant.PasswordGrant;
import dev.tollgate.impl.server.grant.RefreshTokenGrant;
import dev.tollgate.impl.server.grant.TokenService;
import dev.tollgate.impl.server.housekeeping.ExpiredRowPurge;
import dev.tollgate.impl.server.housekeeping.HousekeepingLease;
import dev.tollgate.impl.server.key.SigningKeyStore;
import dev.tollgate.impl.server.lockout.DatabaseAccountLockout;
import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.protocol.ClientAuthenticator;
import dev.tollgate.impl.server.registration.ClientRegistrationService;
import dev.tollgate.impl.server.registration.RegistrationLimiter;
import dev.tollgate.impl.server.registration.RegistrationSettings;
import dev.tollgate.impl.server.registration.RegistrationStore;
import dev.tollgate.impl.server.revocation.IntrospectionEndpoint;
import dev.tollgate.impl.server.revocation.JdbcRevocationChecker;
import dev.tollgate.impl.server.revocation.RevocationEndpoint;
import dev.tollgate.impl.server.secret.ClientSecretVerifier;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.JdbcPlainCredentialVerifier;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.RevokedAccessTokenStore;
import dev.tollgate.impl.server.store.UserStore;
import dev.tollgate.impl.server.token.AccessTokenVerifier;
import dev.tollgate.impl.server.token.TokenIssuer;
import dev.tollgate.impl.server.token.TokenSettings;
import dev.tollgate.impl.server.userinfo.UserInfoEndpoint;
import dev.tollgate.impl.server.replay.UsedJtis;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The authorization server of this application, composed once: one instance of each store over the DataSource, and
 * on them the services of every endpoint and the beans the gate of this WAR uses, configured by the
 * {@link ServerSettings}.
 *
 * <p>Building it touches no database, so it can happen before {@link ServerStartup} migrates the schema. Plain
 * Java: the CDI bean {@link ServerBeans} holds the one instance, the endpoints' CDI homes ({@code OAuthServices},
 * {@code AuthorizeServices}, {@code RegistrationServices}, {@code AdminServices}) hand out its parts, and the tests
 * build it without a container.
 */
public final class AuthorizationServer {

    private final ServerSettings settings;
    private final DataSource dataSource;

    private final PasswordHasher passwords;
    private final UserStore users;
    private final ClientStore clients;
    private final SigningKeyStore signingKeys;
    private final RefreshTokenStore refreshTokens;
    private final RevokedAccessTokenStore revokedAccessTokens;
    private final AuthorizationCodeStore authorizationCodes;
    private final UsedAuthorizationRequests usedAuthorizationRequests;
    private final UsedJtis usedJtis;
    private final RegistrationStore registrations;

    private final JdbcPlainCredentialVerifier plainCredentialVerifier;
    private final JdbcRevocationChecker denyList;
    private final AccountRevocationChecker accountRevocation;
    private final ServerLocalIssuer localIssuer;

    private final TokenService token;
    private final DpopProofCheck dpop;
    private final RevocationEndpoint revocation;
    private final IntrospectionEndpoint introspection;
    private final UserInfoEndpoint userInfo;
    private final AuthorizationService authorization;
    private final PushedAuthorizationRequests pushedRequests;
    private final ClientAuthenticator authenticator;
    private final DatabaseAccountLockout accountLockout;
    private final ClientRegistrationService registration;
    private final UserAdministration userAdministration;
    private final ServiceClients serviceClients;
    private final UserConsents userConsents;
    private final ClientOwners clientOwners;
    private final ExpiredRowPurge expiredRowPurge;
    private final AuditEventStore auditEvents;
    private final AuditTrail audit;

    public AuthorizationServer(DataSource dataSource, ServerSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(clock, "clock");
        TokenSettings tokenSettings = settings.tokens();
        SecretGenerator secrets = new SecretGenerator();

        passwords = PasswordHasher.owasp();
        users = new UserStore(dataSource, passwords, clock);
        // The audit trail: security events in audit_events and as JSON lines (tollgate.server.audit.*).
        auditEvents = new AuditEventStore(dataSource);
        audit = new AuditTrail(auditEvents, settings.audit(), clock, AuditActors.of(users));
        // Client authentication reads an active client from memory for as long as the gate trusts its copies.
        clients = new ClientStore(dataSource, clock, new ClientSecretVerifier(passwords),
                tokenSettings.revocationCache());
        signingKeys = new SigningKeyStore(dataSource, settings.keys(), settings.keyEncryptionKey(), clock, audit);
        refreshTokens = new RefreshTokenStore(dataSource, secrets, clock);
        revokedAccessTokens = new RevokedAccessTokenStore(dataSource, clock);
        authorizationCodes = new AuthorizationCodeStore(dataSource);
        usedAuthorizationRequests = new UsedAuthorizationRequests(dataSource);
        usedJtis = new UsedJtis(dataSource);
        registrations = new RegistrationStore(dataSource, clients, clock);

        // The gate's SPIs: plain headers checked against the users; a token refused when its jti is on the
        // deny-list, its client retired or its user disabled, each seen within tollgate.server.revocation-cache.
        plainCredentialVerifier = new JdbcPlainCredentialVerifier(users);
        denyList = new JdbcRevocationChecker(revokedAccessTokens, tokenSettings.revocationCache(), clock);
        accountRevocation = new AccountRevocationChecker(denyList,
                clientId -> ClientId.parse(clientId).map(clients::isRetired).orElse(false),
                subject -> users.findBySubject(subject).map(user -> !user.enabled()).orElse(false),
                tokenSettings.revocationCache(), clock);
        localIssuer = new ServerLocalIssuer(tokenSettings.issuer().value(), signingKeys);

        // One lockout for every password check: the login page, the password grant and the gate's plain headers,
        // counted in the database so that every node of a cluster counts together.
        accountLockout = new DatabaseAccountLockout(dataSource, settings.authorize().maxLoginFailures(),
                settings.authorize().maxAccountLoginFailures(), settings.authorize().loginLockout(), clock,
                dev.tollgate.war.metrics.ServerMetrics.lockoutObserver());

        GrantTokenIssuer tokens = new GrantTokenIssuer(new TokenIssuer(signingKeys, clock), refreshTokens,
                tokenSettings);
        // private_key_jwt (RFC 7523 §2.2): each assertion's jti is accepted once across the cluster (used_jtis, V10).
        ClientAssertionSettings assertionSettings = settings.clientAssertions();
        ClientAssertionVerifier assertionVerifier = new ClientAssertionVerifier(assertionSettings,
                (client, jti, expiresAt) -> usedJtis.markUsed(UsedJtis.Purpose.CLIENT_ASSERTION, client.value(), jti,
                        expiresAt), clock);
        ClientAuthenticator authenticator = new ClientAuthenticator(clients, new ClientAssertions(clients,
                assertionVerifier, new JwksUriKeys(assertionSettings)), tokenSettings.issuer().value());
        this.authenticator = authenticator;
        AccessTokenVerifier verifier = new AccessTokenVerifier(signingKeys, clock);
        // DPoP proofs (RFC 9449): the gate's rules, with the cluster's used_jtis and nonces from the key-encryption key
        dpop = new DpopProofCheck(settings.dpop(), usedJtis, settings.keyEncryptionKey(), clock);
        RevokeIssuedTokens revokeIssued = new RevokeIssuedTokens(refreshTokens, revokedAccessTokens);
        token = new TokenService(authenticator, new ClientCredentialsGrant(tokens),
                new PasswordGrant(users, accountLockout, tokens, audit),
                new RefreshTokenGrant(users, refreshTokens, tokens, tokenSettings.refreshGracePeriod(), clock, audit),
                Optional.of(new AuthorizationCodeGrant(authorizationCodes, users, replay -> {
                    revokeIssued.codeReplayed(replay);
                    audit.failure(AuditEventType.AUTHORIZATION_CODE_REPLAYED).subject(replay.subject())
                            .client(replay.clientId().value()).actor(replay.clientId().value()).record();
                }, tokens, clock)), Optional.of(dpop), audit);
        revocation = new RevocationEndpoint(authenticator, refreshTokens, revokedAccessTokens, verifier,
                Optional.of(denyList), clock);
        // Introspection asks the gate's own checker: one answer for one token, wherever it is asked.
        introspection = new IntrospectionEndpoint(authenticator, refreshTokens, revokedAccessTokens, verifier,
                accountRevocation, clock);
        userInfo = new UserInfoEndpoint(verifier, accountRevocation, users, clients, Optional.of(dpop));

        ConsentStore consents = new ConsentStore(dataSource, clock, audit);
        authorization = new AuthorizationService(new AuthorizationRequests(clients::find), consents,
                new AuthorizationCodes(authorizationCodes, secrets, settings.authorize().codeLifetime(), clock),
                settings.scopeDescriptions());
        // RFC 9126: the request_uri is the pushed request, sealed like the flow's pending requests (same derived
        // keys on every node); its single use is a row of used_authorization_requests.
        pushedRequests = new PushedAuthorizationRequests(authorization, new FlowSeals(settings.keyEncryptionKey(),
                settings.authorize().loginSessionLifetime(), clock), usedAuthorizationRequests,
                clients::requiresPushedRequests, settings.par().required());

        // A change to an account or a client is told to the gate's checker, so that this node sees it at once.
        RegistrationSettings registrationSettings = settings.registration();
        RegistrationLimiter registrationLimiter = new RegistrationLimiter(dataSource, registrationSettings.limits(),
                clock);
        clientOwners = ClientOwners.of(users);
        registration = new ClientRegistrationService(registrations, registrationSettings, secrets,
                registrationLimiter, clientOwners, audit).allowJwksUriHosts(assertionSettings.jwksUriHosts());
        // A user's change may retire the clients the user owns: this node's client cache forgets them all.
        userAdministration = new UserAdministration(users, refreshTokens, subject -> {
            accountRevocation.invalidate(subject);
            clients.forgetAll();
        }, audit);
        serviceClients = new ServiceClients(clients, registrations, secrets, registrationSettings.serviceScopes(),
                registrationSettings.secretRotationOverlap(), accountRevocation::invalidate, registrationLimiter,
                clientOwners, audit);
        // The console's "authorized applications": a revoked consent ends the user's refresh tokens of that client.
        userConsents = new UserConsents(consents, new RevokeIssuedTokens(refreshTokens, revokedAccessTokens), users,
                clients);

        // Every node schedules the purge; the lease in the database lets one of them do it per interval.
        expiredRowPurge = ExpiredRowPurge.ofServerTables(refreshTokens, authorizationCodes,
                usedAuthorizationRequests, usedJtis, revokedAccessTokens, registrationLimiter, accountLockout, clients,
                settings.housekeeping(), clock)
                .with("audit_events", new ExpiredRowPurge.Purge(auditEvents::purgeBefore, settings.audit().retention()))
                .oncePerCluster(new HousekeepingLease(dataSource, clock), settings.housekeeping().interval());
    }

    public ServerSettings settings() {
        return settings;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The name a client's owner is recorded under, for a caller with either credential. */
    public ClientOwners clientOwners() {
        return clientOwners;
    }

    /** Hashes passwords and declared client secrets (PBKDF2 at OWASP's parameters). */
    public PasswordHasher passwords() {
        return passwords;
    }

    public UserStore users() {
        return users;
    }

    public ClientStore clients() {
        return clients;
    }

    public SigningKeyStore signingKeys() {
        return signingKeys;
    }

    /** For the gate: {@code X-API-Email} / {@code X-API-Password} checked against the user store. */
    public PlainCredentialVerifier plainCredentialVerifier() {
        return plainCredentialVerifier;
    }

    /** For the gate: the deny-list, retired clients and disabled users. */
    public RevocationChecker revocationChecker() {
        return accountRevocation;
    }

    /** For the gate: this server's own tokens, verified with its signing keys. */
    public LocalIssuer localIssuer() {
        return localIssuer;
    }

    public TokenService token() {
        return token;
    }

    /** The DPoP proof check of the token and userinfo endpoints. */
    public DpopProofCheck dpop() {
        return dpop;
    }

    public RevocationEndpoint revocation() {
        return revocation;
    }

    public IntrospectionEndpoint introspection() {
        return introspection;
    }

    public UserInfoEndpoint userInfo() {
        return userInfo;
    }

    public AuthorizationService authorization() {
        return authorization;
    }

    /** Pushed authorization requests (RFC 9126): the PAR endpoint and the authorization endpoint's first step. */
    public PushedAuthorizationRequests pushedRequests() {
        return pushedRequests;
    }

    /** Client authentication of the token, revocation, introspection and PAR endpoints. */
    public ClientAuthenticator clientAuthenticator() {
        return authenticator;
    }

    /** The answered pending authorization requests (the requests themselves travel with the browser). */
    public UsedAuthorizationRequests usedAuthorizationRequests() {
        return usedAuthorizationRequests;
    }

    /** The JWT ids (DPoP proofs, client assertions) accepted once across the cluster. */
    public UsedJtis usedJtis() {
        return usedJtis;
    }

    /**
     * The lockout of every password check of this server (tollgate.server.login.*), counted in the database across
     * the cluster: the login page, the password grant, and (as a CDI bean) the gate's plain headers.
     */
    public DatabaseAccountLockout accountLockout() {
        return accountLockout;
    }

    public ClientRegistrationService registration() {
        return registration;
    }

    public UserAdministration userAdministration() {
        return userAdministration;
    }

    public ServiceClients serviceClients() {
        return serviceClients;
    }

    /** The applications users have authorized (remembered consents), for {@code /api/me/consents}. */
    public UserConsents userConsents() {
        return userConsents;
    }

    public ExpiredRowPurge expiredRowPurge() {
        return expiredRowPurge;
    }

    /** Records the security events (the login page records its sign-ins here). */
    public AuditTrail audit() {
        return audit;
    }

    /** The stored security events, for {@code GET /api/admin/events}. */
    public AuditEventStore auditEvents() {
        return auditEvents;
    }
}
