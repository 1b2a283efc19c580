package dev.tollgate.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The value implementation of {@link Caller}. */
record SimpleCaller(String subject, Optional<String> clientId, Set<String> scopes, Set<String> roles,
                    CredentialKind credentialKind, Optional<Instant> expiresAt) implements Caller {

    static final SimpleCaller ANONYMOUS = new SimpleCaller("anonymous", Optional.empty(), Set.of(), Set.of(),
            CredentialKind.ANONYMOUS, Optional.empty());

    SimpleCaller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(credentialKind, "credentialKind");
    }

    @Override
    public String getName() {
        return subject;
    }
}
