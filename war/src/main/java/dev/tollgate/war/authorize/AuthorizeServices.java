package dev.tollgate.war.authorize;

import dev.tollgate.impl.server.authorize.AuthorizationCodeExchange;
import dev.tollgate.impl.server.authorize.AuthorizationCodeStore;
import dev.tollgate.impl.server.authorize.AuthorizationCodes;
import dev.tollgate.impl.server.authorize.AuthorizationRequests;
import dev.tollgate.impl.server.authorize.AuthorizationService;
import dev.tollgate.impl.server.authorize.ConsentStore;
import dev.tollgate.impl.server.authorize.RevokeIssuedTokens;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.UserStore;
import dev.tollgate.impl.server.token.Issuer;
import dev.tollgate.impl.throttle.AccountLockout;
import dev.tollgate.war.startup.AuthorizationServerStores;
import dev.tollgate.war.startup.ServerSettings;
import dev.tollgate.war.startup.ServerStores;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;

/**
 * CDI home of the authorization endpoint's services, built once from the stores and the configuration.
 *
 * <p>It produces the {@link AuthorizationCodeExchange} that the token endpoint injects for
 * {@code grant_type=authorization_code}. Its replay handler is {@link RevokeIssuedTokens} (refresh-token family
 * and recorded access token, straight on the tables).
 */
@ApplicationScoped
public class AuthorizeServices {

    @Inject
    ServerStores serverStores;

    private ServerSettings settings;
    private AuthorizationService service;
    private AuthorizationCodeExchange exchange;
    private AccountLockout lockout;
    private UserStore users;
    private ClientStore clients;

    @PostConstruct
    void create() {
        AuthorizationServerStores stores = serverStores.stores();
        Clock clock = Clock.systemUTC();
        settings = serverStores.settings();
        users = stores.users();
        clients = stores.clients();
        AuthorizationCodeStore codeStore = new AuthorizationCodeStore(stores.dataSource());
        service = new AuthorizationService(new AuthorizationRequests(clients::find),
                new ConsentStore(stores.dataSource(), clock),
                new AuthorizationCodes(codeStore, new SecretGenerator(), settings.authorize().codeLifetime(), clock),
                settings.scopeDescriptions());
        exchange = new AuthorizationCodeExchange(codeStore, users::findByEmail,
                new RevokeIssuedTokens(stores.dataSource(), clock), clock);
        lockout = new AccountLockout(settings.authorize().maxLoginFailures(),
                settings.authorize().maxAccountLoginFailures(), settings.authorize().loginLockout(), clock);
    }

    /** For the token endpoint: {@code @Inject AuthorizationCodeExchange exchange;}. */
    @Produces
    AuthorizationCodeExchange codeExchange() {
        return exchange;
    }

    AuthorizationService service() {
        return service;
    }

    AccountLockout lockout() {
        return lockout;
    }

    UserStore users() {
        return users;
    }

    ClientStore clients() {
        return clients;
    }

    /** The configured issuer, else this request's base URL. */
    Issuer issuer(HttpServletRequest request) {
        return Issuer.resolve(settings.tokens().issuer(), request.getScheme(), request.getServerName(),
                request.getServerPort());
    }
}
