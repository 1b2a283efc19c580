package dev.tollgate.war.oauth;

import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.server.authorize.AuthorizationCodeExchange;
import dev.tollgate.impl.server.grant.AuthorizationCodeGrant;
import dev.tollgate.impl.server.grant.ClientAuthenticator;
import dev.tollgate.impl.server.grant.ClientCredentialsGrant;
import dev.tollgate.impl.server.grant.PasswordGrant;
import dev.tollgate.impl.server.grant.RefreshTokenGrant;
import dev.tollgate.impl.server.grant.TokenEndpoint;
import dev.tollgate.impl.server.grant.Tokens;
import dev.tollgate.impl.server.key.SigningKeyStore;
import dev.tollgate.impl.server.protocol.ServerMetadata;
import dev.tollgate.impl.server.revocation.IntrospectionEndpoint;
import dev.tollgate.impl.server.revocation.JdbcRevocationChecker;
import dev.tollgate.impl.server.revocation.RevocationEndpoint;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.RevokedAccessTokenStore;
import dev.tollgate.impl.server.token.AccessTokenVerifier;
import dev.tollgate.impl.server.token.TokenIssuer;
import dev.tollgate.impl.server.token.TokenSettings;
import dev.tollgate.impl.server.userinfo.UserInfoEndpoint;
import dev.tollgate.war.startup.AuthorizationServerStores;
import dev.tollgate.war.startup.ServerStores;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.Optional;

/**
 * CDI home of the protocol endpoints' services (token, revoke, introspect, userinfo, metadata), built once from the stores
 * and the {@code tollgate.server.*} settings ({@link TokenSettings}).
 *
 * <p>It also produces the {@link RevocationChecker} that the gate of this WAR finds as a CDI bean: the deny-list
 * with a cache bounded by {@code tollgate.server.revocation-cache}. The producer is {@code @Dependent} and hands
 * out the one instance held here, as {@link ServerStores} does.
 */
@ApplicationScoped
public class OAuthServices {

    @Inject
    ServerStores serverStores;

    /** Produced by the authorization endpoint's AuthorizeServices. */
    @Inject
    AuthorizationCodeExchange codeExchange;

    private TokenSettings settings;
    private TokenEndpoint token;
    private RevocationEndpoint revocation;
    private IntrospectionEndpoint introspection;
    private UserInfoEndpoint userInfo;
    private JdbcRevocationChecker revocationChecker;
    private SigningKeyStore signingKeys;
    private ClientStore clients;

    @PostConstruct
    void create() {
        Clock clock = Clock.systemUTC();
        AuthorizationServerStores stores = serverStores.stores();
        settings = serverStores.settings().tokens();
        signingKeys = stores.signingKeys();
        clients = stores.clients();
        RefreshTokenStore refreshTokens = new RefreshTokenStore(stores.dataSource(), new SecretGenerator(), clock);
        RevokedAccessTokenStore denyList = new RevokedAccessTokenStore(stores.dataSource(), clock);
        Tokens tokens = new Tokens(new TokenIssuer(signingKeys, clock), refreshTokens, settings);
        ClientAuthenticator authenticator = new ClientAuthenticator(clients);
        AccessTokenVerifier verifier = new AccessTokenVerifier(signingKeys, clock);
        revocationChecker = new JdbcRevocationChecker(denyList, settings.revocationCache(), clock);
        token = new TokenEndpoint(authenticator, new ClientCredentialsGrant(tokens),
                new PasswordGrant(stores.users(), tokens), new RefreshTokenGrant(stores.users(), tokens),
                Optional.of(new AuthorizationCodeGrant(codeExchange, tokens)));
        revocation = new RevocationEndpoint(authenticator, refreshTokens, denyList, verifier,
                Optional.of(revocationChecker), clock);
        introspection = new IntrospectionEndpoint(authenticator, refreshTokens, denyList, verifier, clock);
        userInfo = new UserInfoEndpoint(verifier, jti -> revocationChecker.isRevoked(jti, null), stores.users(),
                clients);
    }

    @Produces
    RevocationChecker revocationChecker() {
        return revocationChecker;
    }

    TokenEndpoint token() {
        return token;
    }

    RevocationEndpoint revocation() {
        return revocation;
    }

    IntrospectionEndpoint introspection() {
        return introspection;
    }

    UserInfoEndpoint userInfo() {
        return userInfo;
    }

    SigningKeyStore signingKeys() {
        return signingKeys;
    }

    ClientStore clients() {
        return clients;
    }

    /** The issuer of a request: configured, else its base URL. */
    String issuer(UriInfo uriInfo) {
        return settings.issuerFor(uriInfo.getBaseUri());
    }

    ServerMetadata metadata(UriInfo uriInfo) {
        return new ServerMetadata(issuer(uriInfo), token.supportedGrants(),
                signingKeys.keys().stream().map(key -> key.algorithm().name()).distinct().toList());
    }
}
