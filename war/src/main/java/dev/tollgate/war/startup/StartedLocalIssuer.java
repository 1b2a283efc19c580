package dev.tollgate.war.startup;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.tollgate.impl.jwt.LocalIssuer;
import java.util.Objects;

/**
 * The server's {@link LocalIssuer} as the gate sees it: its keys are a {@link KeySourceException} (the gate answers
 * 503 with {@code Retry-After}) until the start-up has loaded them, and whenever they cannot be read; never an
 * unchecked exception, which the gate would take for a bad token.
 */
record StartedLocalIssuer(LocalIssuer server, StartupState startup) implements LocalIssuer {

    StartedLocalIssuer {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(startup, "startup");
    }

    @Override
    public String issuer() {
        return server.issuer();
    }

    @Override
    public JWKSource<SecurityContext> publicKeys() {
        JWKSource<SecurityContext> keys = server.publicKeys();
        return (selector, context) -> {
            if (!startup.started()) {
                throw new KeySourceException("the signing keys are not loaded yet: start-up "
                        + startup.phase().description());
            }
            try {
                return keys.get(selector, context);
            } catch (RuntimeException e) {
                throw new KeySourceException("the signing keys cannot be read", e);
            }
        };
    }
}
