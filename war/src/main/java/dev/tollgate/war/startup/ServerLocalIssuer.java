package dev.tollgate.war.startup;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.tollgate.impl.jwt.LocalIssuer;
import dev.tollgate.impl.server.key.SigningKeyStore;
import java.util.Objects;
import java.util.Optional;

/**
 * This authorization server as the gate's {@link LocalIssuer}: the gate in front of its own APIs (the demo API, the
 * admin API) accepts its tokens, verified with the signing keys read straight from the {@link SigningKeyStore}, the
 * same published set as {@code /oauth2/jwks}.
 *
 * @param issuer {@code tollgate.server.issuer}; empty when each request's host is the issuer
 */
record ServerLocalIssuer(Optional<String> issuer, SigningKeyStore signingKeys) implements LocalIssuer {

    ServerLocalIssuer {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(signingKeys, "signingKeys");
    }

    @Override
    public JWKSource<SecurityContext> publicKeys() {
        return (selector, context) -> selector.select(signingKeys.publicKeys());
    }
}
