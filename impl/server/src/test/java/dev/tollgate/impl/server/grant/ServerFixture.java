package dev.tollgate.impl.server.grant;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.server.assertion.ClientAssertionSettings;
import dev.tollgate.impl.server.assertion.ClientAssertionVerifier;
import dev.tollgate.impl.server.assertion.ClientAssertions;
import dev.tollgate.impl.server.assertion.ClientJwks;
import dev.tollgate.impl.server.assertion.JwksUriKeys;
import dev.tollgate.impl.server.replay.UsedJtis;
import java.time.Instant;
import java.util.Date;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.audit.AuditTrail;
import dev.tollgate.impl.server.admin.AccountRevocationChecker;
import dev.tollgate.impl.server.authorize.AuthorizationCodeStore;
import dev.tollgate.impl.server.authorize.AuthorizationCodes;
import dev.tollgate.impl.server.authorize.RevokeIssuedTokens;
import dev.tollgate.impl.server.dpop.DpopProofCheck;
import dev.tollgate.impl.server.dpop.DpopSettings;
import dev.tollgate.impl.server.replay.UsedJtis;
import dev.tollgate.impl.server.key.KeyEncryptionKey;
import dev.tollgate.impl.server.key.KeySettings;
import dev.tollgate.impl.server.key.SigningKeyStore;
import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.protocol.ClientAuthenticator;
import dev.tollgate.impl.server.revocation.IntrospectionEndpoint;
import dev.tollgate.impl.server.revocation.JdbcRevocationChecker;
import dev.tollgate.impl.server.revocation.RevocationEndpoint;
import dev.tollgate.impl.server.secret.ClientSecretVerifier;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.RevokedAccessTokenStore;
import dev.tollgate.impl.server.store.UserStore;
import dev.tollgate.impl.server.testing.MutableClock;
import dev.tollgate.impl.server.token.AccessTokenVerifier;
import dev.tollgate.impl.server.token.Issuer;
import dev.tollgate.impl.server.token.TokenIssuer;
import dev.tollgate.impl.server.token.TokenSettings;
import dev.tollgate.impl.server.userinfo.UserInfoEndpoint;
import dev.tollgate.impl.server.lockout.DatabaseAccountLockout;
import dev.tollgate.impl.throttle.AccountLockout;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The protocol services wired as the war wires them, over a test database, with a clock the test moves. Clients:
 * {@link #SERVICE} (confidential, client_credentials), {@link #APP} (confidential, password + refresh),
 * {@link #SPA} (public, password + refresh); the user {@link #USER} with the role {@code admin}.
 */
public final class ServerFixture {

    private static final KeyEncryptionKey KEK = KeyEncryptionKey.generate(new SecureRandom());
    public static final String ISSUER = "https://as.example.com";
    public static final String SERVICE = "svc";
    public static final String APP = "app";
    public static final String SPA = "spa";
    /** A private_key_jwt client (client_credentials), whose key is {@link #KEY_CLIENT_KEY}. */
    public static final String KEY_CLIENT = "key-svc";
    public static final ECKey KEY_CLIENT_KEY = ecKey("key-1");
    public static final String SECRET = "s3cret-0123456789-abcdefghij";
    public static final String USER = "alice@example.com";
    public static final String PASSWORD = "correct horse battery";
    public static final String REDIRECT_URI = "https://spa.example.com/callback";

    public final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
    public final TokenSettings settings = new TokenSettings(new Issuer(ISSUER), Duration.ofMinutes(15),
            Duration.ofDays(30), Duration.ofSeconds(10), Duration.ofSeconds(5), List.of());
    public final ClientStore clients;
    public final UserStore users;
    public final SigningKeyStore keys;
    public final RefreshTokenStore refreshTokens;
    public final RevokedAccessTokenStore denyList;
    public final TokenIssuer issuer;
    public final AccessTokenVerifier verifier;
    public final JdbcRevocationChecker checker;
    /** The gate's checker, as the war builds it: the deny-list, retired clients and disabled users. */
    public final AccountRevocationChecker gateChecker;
    /** The password grant's lockout: 5 failures per account and address, 50 per account, 60 s. */
    public final AccountLockout lockout;
    public final TokenService token;
    /** The token endpoint's DPoP proof check: the war's, over this database's used_jtis. */
    public final DpopProofCheck dpop;
    public final AuthorizationCodes codes;
    public final RevocationEndpoint revocation;
    public final IntrospectionEndpoint introspection;
    public final UserInfoEndpoint userInfo;
    /** {@link #USER}'s opaque subject (the user's id): the {@code sub} of the user's tokens. */
    public final String userSubject;

    /** The services without the active-client cache: every change to a client is seen at once. */
    public ServerFixture(DataSource dataSource) {
        this(dataSource, false);
    }

    /**
     * @param clientCache whether client authentication keeps active clients for {@code revocation-cache}, as the war
     *                    wires it
     */
    public ServerFixture(DataSource dataSource, boolean clientCache) {
        this(dataSource, clientCache, DpopSettings.defaults(), AuditTrail.off());
    }

    /** With these DPoP settings. */
    public ServerFixture(DataSource dataSource, boolean clientCache, DpopSettings dpopSettings) {
        this(dataSource, clientCache, dpopSettings, AuditTrail.off());
    }

    /** @param audit the audit trail the token endpoint's grants record to */
    public ServerFixture(DataSource dataSource, boolean clientCache, AuditTrail audit) {
        this(dataSource, clientCache, DpopSettings.defaults(), audit);
    }

    /** With these DPoP settings and this audit trail. */
    public ServerFixture(DataSource dataSource, boolean clientCache, DpopSettings dpopSettings, AuditTrail audit) {
        clients = clientCache ? new ClientStore(dataSource, clock, new ClientSecretVerifier(new PasswordHasher(1000)),
                settings.revocationCache()) : new ClientStore(dataSource, clock);
        users = new UserStore(dataSource, new PasswordHasher(1000), clock);
        keys = new SigningKeyStore(dataSource, KeySettings.defaults(), KEK,
                clock);
        keys.initialize();
        refreshTokens = new RefreshTokenStore(dataSource, new SecretGenerator(), clock);
        denyList = new RevokedAccessTokenStore(dataSource, clock);
        issuer = new TokenIssuer(keys, clock);
        verifier = new AccessTokenVerifier(keys, clock);
        checker = new JdbcRevocationChecker(denyList, settings.revocationCache(), clock);
        GrantTokenIssuer tokens = new GrantTokenIssuer(issuer, refreshTokens, settings);
        AuthorizationCodeStore codeStore = new AuthorizationCodeStore(dataSource);
        codes = new AuthorizationCodes(codeStore, new SecretGenerator(), Duration.ofSeconds(60), clock);
        // private_key_jwt with the server's replay ledger, as the war wires it
        ClientAssertionSettings assertionSettings = ClientAssertionSettings.defaults();
        UsedJtis usedJtis = new UsedJtis(dataSource);
        ClientAuthenticator authenticator = new ClientAuthenticator(clients, new ClientAssertions(clients,
                new ClientAssertionVerifier(assertionSettings, (client, jti, expiresAt) -> usedJtis.markUsed(
                        UsedJtis.Purpose.CLIENT_ASSERTION, client.value(), jti, expiresAt), clock),
                new JwksUriKeys(assertionSettings)), ISSUER);
        // The server's lockout, counted in the database as in the WAR.
        lockout = new DatabaseAccountLockout(dataSource, 5, 50, Duration.ofSeconds(60), clock);
        dpop = new DpopProofCheck(dpopSettings, new UsedJtis(dataSource), KEK, clock);
        token = new TokenService(authenticator, new ClientCredentialsGrant(tokens),
                new PasswordGrant(users, lockout, tokens, audit),
                new RefreshTokenGrant(users, refreshTokens, tokens, settings.refreshGracePeriod(), clock, audit),
                Optional.of(new AuthorizationCodeGrant(codeStore, users,
                        new RevokeIssuedTokens(refreshTokens, denyList), tokens, clock)),
                Optional.of(dpop), audit);
        revocation = new RevocationEndpoint(authenticator, refreshTokens, denyList, verifier, Optional.of(checker),
                clock);
        gateChecker = new AccountRevocationChecker(checker,
                clientId -> ClientId.parse(clientId).map(clients::isRetired).orElse(false),
                subject -> users.findBySubject(subject).map(user -> !user.enabled()).orElse(false),
                settings.revocationCache(), clock);
        introspection = new IntrospectionEndpoint(authenticator, refreshTokens, denyList, verifier, gateChecker,
                clock);
        userInfo = new UserInfoEndpoint(verifier, gateChecker, users, clients, Optional.of(dpop));

        clients.upsert(ClientDefinition.builder(new ClientId(SERVICE)).name("Service")
                .secretHash(SecretHash.of(SECRET)).grantTypes(GrantType.CLIENT_CREDENTIALS)
                .scopes(List.of("read", "write", "aud:orders")).build());
        clients.upsert(ClientDefinition.builder(new ClientId(APP)).name("App")
                .secretHash(SecretHash.of(SECRET)).grantTypes(GrantType.PASSWORD, GrantType.REFRESH_TOKEN)
                .scopes(List.of("read", "write")).accessTokenLifetime(Duration.ofMinutes(5)).build());
        clients.upsert(ClientDefinition.builder(new ClientId(SPA)).name("SPA").global(true)
                .grantTypes(GrantType.PASSWORD, GrantType.REFRESH_TOKEN, GrantType.AUTHORIZATION_CODE)
                .redirectUris(List.of(REDIRECT_URI)).scopes(List.of("read", "email", "profile")).build());
        clients.upsert(ClientDefinition.builder(new ClientId(KEY_CLIENT)).name("Key service")
                .authMethod(ClientAuthMethod.PRIVATE_KEY_JWT)
                .jwks(ClientJwks.check(new JWKSet(KEY_CLIENT_KEY.toPublicJWK()).toString()))
                .grantTypes(GrantType.CLIENT_CREDENTIALS).scopes(List.of("read")).build());
        userSubject = users.create(USER, PASSWORD.toCharArray(), Set.of("admin")).or(() -> users.findByEmail(USER))
                .orElseThrow().subject();
    }

    private static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client assertion (RFC 7523 §2.2) of {@link #KEY_CLIENT} for {@link #ISSUER}, signed with {@code key}. */
    public String assertion(ECKey key, String jti) {
        try {
            Instant now = clock.instant();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(KEY_CLIENT).subject(KEY_CLIENT).audience(ISSUER).jwtID(jti)
                            .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60))).build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String form(String... pairs) {
        return IntStreamPairs.join(pairs);
    }

    public static Optional<String> basic(String id, String secret) {
        return Optional.of("Basic " + Base64.getEncoder().encodeToString((id + ":" + secret)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** A form-encoded token request. */
    public TokenResponse token(Optional<String> authorization, String... pairs) {
        return token.token(ISSUER, authorization, "application/x-www-form-urlencoded", form(pairs));
    }

    /** The token endpoint's URL, what a DPoP proof's {@code htu} names. */
    public static final java.net.URI TOKEN_ENDPOINT = java.net.URI.create(ISSUER + "/oauth2/token");

    /** A form-encoded token request with DPoP headers (none, one, or more). */
    public TokenResponse tokenWithProofs(Optional<String> authorization, List<String> proofs, String... pairs) {
        return token.token(ISSUER, authorization, "application/x-www-form-urlencoded", form(pairs), null, proofs,
                TOKEN_ENDPOINT);
    }

    /** A form-encoded token request from {@code clientAddress}. */
    public TokenResponse tokenFrom(String clientAddress, Optional<String> authorization, String... pairs) {
        return token.token(ISSUER, authorization, "application/x-www-form-urlencoded", form(pairs), clientAddress);
    }

    /** Logs {@link #USER} in through {@link #SPA}, with the scope {@code read}. */
    public TokenResponse login() {
        return login("read");
    }

    /** Logs {@link #USER} in through {@link #SPA}, asking for {@code scope}. */
    public TokenResponse login(String scope) {
        return token(Optional.empty(), "grant_type", "password", "client_id", SPA, "username", USER, "password",
                PASSWORD, "scope", scope);
    }

    public TokenResponse refresh(String refreshToken) {
        return token(Optional.empty(), "grant_type", "refresh_token", "client_id", SPA, "refresh_token", refreshToken);
    }

    private static final class IntStreamPairs {
        static String join(String... pairs) {
            return Stream.iterate(0, i -> i < pairs.length, i -> i + 2)
                    .map(i -> enc(pairs[i]) + "=" + enc(pairs[i + 1])).collect(Collectors.joining("&"));
        }

        private static String enc(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
