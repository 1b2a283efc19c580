package dev.tollgate.impl.gate;

import dev.tollgate.api.spi.GateObserver;
import dev.tollgate.api.spi.PlainCredentialVerifier;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.jwt.LocalIssuer;
import dev.tollgate.impl.throttle.AccountLockout;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/**
 * Finds the gate's SPI implementations: a CDI bean when CDI is running, else {@link ServiceLoader}; for plain
 * credentials, lastly the Jakarta Security identity stores. CDI and Jakarta Security are touched only through
 * {@link CdiBeans} and {@link IdentityStoreVerifier}, after a class-presence check.
 */
final class SpiLookup {

    private static final Logger LOG = Logger.getLogger(SpiLookup.class.getName());

    private static final String CDI = "jakarta.enterprise.inject.spi.CDI";
    private static final String IDENTITY_STORE_HANDLER =
            "jakarta.security.enterprise.identitystore.IdentityStoreHandler";

    private SpiLookup() {
    }

    static Optional<PlainCredentialVerifier> plainCredentialVerifier(ClassLoader loader) {
        Optional<PlainCredentialVerifier> found = find(PlainCredentialVerifier.class, loader);
        if (found.isEmpty() && present(CDI, loader) && present(IDENTITY_STORE_HANDLER, loader)) {
            found = IdentityStoreVerifier.find();
            found.ifPresent(v -> LOG.info("Tollgate gate: plain headers are checked by the Jakarta Security identity"
                    + " stores"));
        }
        if (found.isEmpty()) {
            LOG.warning("Tollgate gate: plain-header credentials are enabled but there is no PlainCredentialVerifier"
                    + " (CDI bean or ServiceLoader) and no Jakarta Security identity store; every plain-header request"
                    + " gets 401");
        }
        return found;
    }

    /**
     * What would check plain-header credentials, found at start without creating it (a CDI producer may need the
     * running application): a CDI bean, a ServiceLoader entry, or Jakarta Security identity stores, in the order
     * {@link #plainCredentialVerifier} uses them. Empty when nothing can.
     *
     * @param anyHandler whether an {@code IdentityStoreHandler} alone will do (plain headers required explicitly: it
     *     may be the application's own); otherwise at least one {@code IdentityStore} must exist too, as Jakarta
     *     Security's default handler without a store can validate nothing
     */
    static Optional<String> plainCredentialSource(ClassLoader loader, boolean anyHandler) {
        if (present(CDI, loader) && CdiBeans.has(PlainCredentialVerifier.class, false)) {
            return Optional.of("a CDI bean");
        }
        try {
            Optional<String> service = ServiceLoader.load(PlainCredentialVerifier.class, loader).stream().findFirst()
                    .map(provider -> provider.type().getName() + " (ServiceLoader)");
            if (service.isPresent()) {
                return service;
            }
        } catch (ServiceConfigurationError e) {
            LOG.warning(() -> "Tollgate gate: a ServiceLoader entry for " + PlainCredentialVerifier.class.getName()
                    + " cannot be loaded");
        }
        if (present(CDI, loader) && present(IDENTITY_STORE_HANDLER, loader)
                && IdentityStoreVerifier.available(anyHandler)) {
            return Optional.of("the Jakarta Security identity stores");
        }
        return Optional.empty();
    }

    /** Whether the application has its own authorization server for the gate ({@link LocalIssuer} CDI bean). */
    static boolean hasLocalIssuer(ClassLoader loader) {
        return present(CDI, loader) && CdiBeans.has(LocalIssuer.class, false);
    }

    static Optional<GateObserver> gateObserver(ClassLoader loader) {
        return find(GateObserver.class, loader);
    }

    static Optional<RevocationChecker> revocationChecker(ClassLoader loader) {
        return find(RevocationChecker.class, loader);
    }

    /** A CDI bean only: the local issuer is the application's own authorization server, wired by CDI. */
    static Optional<LocalIssuer> localIssuer(ClassLoader loader) {
        if (!present(CDI, loader)) {
            return Optional.empty();
        }
        Optional<LocalIssuer> bean = CdiBeans.select(LocalIssuer.class);
        bean.ifPresent(b -> LOG.info(() -> "Tollgate gate: also accepting the tokens of the local issuer "
                + b.issuer()));
        return bean;
    }

    /**
     * A CDI bean only: the application's own lockout (its authorization server's, shared with its login page and
     * password grant), wired by CDI.
     */
    static Optional<AccountLockout> accountLockout(ClassLoader loader) {
        if (!present(CDI, loader)) {
            return Optional.empty();
        }
        Optional<AccountLockout> bean = CdiBeans.select(AccountLockout.class);
        bean.ifPresent(b -> LOG.info("Tollgate gate: plain-header failures count towards the application's"
                + " AccountLockout; tollgate.gate.plain-headers.max-failures, .max-account-failures and .lockout"
                + " do not apply"));
        return bean;
    }

    static <T> Optional<T> find(Class<T> type, ClassLoader loader) {
        if (present(CDI, loader)) {
            Optional<T> bean = CdiBeans.select(type);
            if (bean.isPresent()) {
                LOG.info(() -> "Tollgate gate: using the CDI bean " + bean.get().getClass().getName() + " as "
                        + type.getSimpleName());
                return bean;
            }
        }
        try {
            Optional<T> service = ServiceLoader.load(type, loader).findFirst();
            service.ifPresent(s -> LOG.info(() -> "Tollgate gate: using " + s.getClass().getName() + " as "
                    + type.getSimpleName() + " (ServiceLoader)"));
            return service;
        } catch (ServiceConfigurationError e) {
            LOG.warning(() -> "Tollgate gate: a ServiceLoader entry for " + type.getName() + " cannot be loaded");
            return Optional.empty();
        }
    }

    static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
