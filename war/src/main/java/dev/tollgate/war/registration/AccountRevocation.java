package dev.tollgate.war.registration;

import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.server.admin.AccountRevocationChecker;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.UserStore;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * The gate's {@link RevocationChecker}: the protocol endpoints produce the deny-list checker ({@code OAuthServices});
 * this bean produces, as the selected alternative, an {@link AccountRevocationChecker} around that very instance
 * (found through the {@link BeanManager}, so that the revoke endpoint's immediate invalidation still applies). The
 * gate then also refuses the tokens of a deleted client and of a disabled user, within
 * {@code tollgate.server.revocation-cache}.
 *
 * <p>The class itself is the {@code @Alternative} with a {@code @Priority}: CDI 4.0 selects an alternative producer
 * method only through its declaring bean (a {@code @Priority} on the method needs CDI 4.1).
 */
@ApplicationScoped
@Alternative
@Priority(100)
public class AccountRevocation {

    @Inject
    RegistrationServices services;

    @Inject
    BeanManager beanManager;

    private volatile AccountRevocationChecker checker;

    @Produces
    @Alternative
    RevocationChecker accountRevocationChecker() {
        AccountRevocationChecker current = checker;
        if (current == null) {
            synchronized (this) {
                if (checker == null) {
                    UserStore users = services.users();
                    checker = new AccountRevocationChecker(denyList(),
                            clientId -> ClientId.parse(clientId).map(services.clients()::isRetired).orElse(false),
                            subject -> users.findByEmail(subject).map(user -> !user.enabled()).orElse(false),
                            services.tokenSettings().revocationCache(), Clock.systemUTC());
                }
                current = checker;
            }
        }
        return current;
    }

    /**
     * Forgets what this node cached about a client id or subject (just deleted, disabled or given a new password
     * here), so that the change holds on this node at once; other nodes see it within the cache bound.
     */
    public void invalidate(String clientIdOrSubject) {
        AccountRevocationChecker current = checker;
        if (current != null) {
            current.invalidate(clientIdOrSubject);
        }
    }

    /** The deny-list checker that the protocol endpoints produce (the one bean of that type other than ours). */
    private RevocationChecker denyList() {
        for (Bean<?> bean : beanManager.getBeans(RevocationChecker.class)) {
            if (bean.getBeanClass() != AccountRevocation.class) {
                return (RevocationChecker) beanManager.getReference(bean, RevocationChecker.class,
                        beanManager.createCreationalContext(bean));
            }
        }
        throw new IllegalStateException("no deny-list RevocationChecker bean besides the account checker");
    }
}
