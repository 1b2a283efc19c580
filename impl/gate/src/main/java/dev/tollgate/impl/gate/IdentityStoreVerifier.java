package dev.tollgate.impl.gate;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.spi.PlainCredentialVerifier;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.util.Optional;
import java.util.Set;

/**
 * Checks plain-header credentials against the application's Jakarta Security identity stores, when it has some and no
 * {@link PlainCredentialVerifier} of its own. The only class of the gate that touches Jakarta Security; loaded only
 * after {@link SpiLookup} has checked that its API is present.
 */
final class IdentityStoreVerifier implements PlainCredentialVerifier {

    private final IdentityStoreHandler handler;

    private IdentityStoreVerifier(IdentityStoreHandler handler) {
        this.handler = handler;
    }

    /**
     * Whether identity stores can check credentials: a handler and at least one store. Jakarta Security provides a
     * handler whenever it is on, stores or not; without a store it can only answer NOT_VALIDATED.
     */
    static boolean available() {
        return CdiBeans.has(IdentityStoreHandler.class, false) && CdiBeans.has(IdentityStore.class, true);
    }

    static Optional<PlainCredentialVerifier> find() {
        return CdiBeans.select(IdentityStoreHandler.class).map(IdentityStoreVerifier::new);
    }

    @Override
    public Optional<Caller> verify(String email, char[] password) {
        Password secret = new Password(password);
        try {
            CredentialValidationResult result = handler.validate(new UsernamePasswordCredential(email, secret));
            if (result.getStatus() != CredentialValidationResult.Status.VALID) {
                return Optional.empty();
            }
            String subject = result.getCallerPrincipal() != null ? result.getCallerPrincipal().getName() : email;
            Set<String> groups = result.getCallerGroups() == null ? Set.of() : result.getCallerGroups();
            return Optional.of(Caller.of(subject, null, Set.of(), groups, CredentialKind.PLAIN_HEADERS, null));
        } finally {
            secret.clear();
        }
    }
}
