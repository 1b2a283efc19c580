package dev.tollgate.impl.testing;

import dev.tollgate.api.Caller;
import dev.tollgate.api.spi.RevocationChecker;

/**
 * A {@link RevocationChecker} for tests: the token with {@code jti} {@value #REVOKED_JTI} is revoked. Registered
 * like {@link DemoPlainCredentialVerifier}.
 */
public final class DemoRevocationChecker implements RevocationChecker {

    public static final String REVOKED_JTI = "revoked-jti";

    @Override
    public boolean isRevoked(String tokenId, Caller caller) {
        return REVOKED_JTI.equals(tokenId);
    }
}
