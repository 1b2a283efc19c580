package dev.tollgate.api.spi;

import dev.tollgate.api.Caller;
import java.util.Optional;

/**
 * Checks the plain-header credentials ({@code X-API-Email} / {@code X-API-Password}).
 *
 * <p>The gate finds an implementation as a CDI bean, else through {@link java.util.ServiceLoader}; when the
 * application has Jakarta Security identity stores instead, the gate uses those. The gate caches successful checks
 * and throttles failures, so an implementation may use a slow password hash.
 */
public interface PlainCredentialVerifier {

    /**
     * @return the caller when the credentials are valid and the account is enabled; empty otherwise
     */
    Optional<Caller> verify(String email, char[] password);
}
