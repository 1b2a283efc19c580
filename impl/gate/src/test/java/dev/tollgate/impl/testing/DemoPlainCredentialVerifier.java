package dev.tollgate.impl.testing;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.spi.PlainCredentialVerifier;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link PlainCredentialVerifier} for tests that knows one account: {@value #EMAIL} / {@value #PASSWORD}, with
 * role {@code admin}. Registered for {@link java.util.ServiceLoader} only under {@code jetty-spi/} in the test
 * resources, so that it is found only where a test puts that folder on a class loader.
 */
public final class DemoPlainCredentialVerifier implements PlainCredentialVerifier {

    public static final String EMAIL = "carol@example.com";
    public static final String PASSWORD = "pa55 w0rd!";

    @Override
    public Optional<Caller> verify(String email, char[] password) {
        if (EMAIL.equalsIgnoreCase(email) && Arrays.equals(PASSWORD.toCharArray(), password)) {
            return Optional.of(Caller.of(EMAIL, null, Set.of(), Set.of("admin"), CredentialKind.PLAIN_HEADERS,
                    null));
        }
        return Optional.empty();
    }
}
