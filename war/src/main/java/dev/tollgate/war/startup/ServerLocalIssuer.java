package dev.tollgate.war.startup;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.tollgate.impl.jwt.LocalIssuer;
import dev.tollgate.impl.server.key.SigningKeyStore;
import java.util.Objects;

/**
 * This authorization server as the gate's {@link LocalIssuer}: the gate in front of its own APIs (the demo API, the
 * admin API) accepts its tokens, verified with the signing keys read straight from the {@link SigningKeyStore}, the
 * same published set as {@code /oauth2/jwks}.
 *
 * @param issuer {@code tollgate.server.issuer}: the gate checks the {@code iss} and {@code aud} of this server's
 *               tokens against it
 */
record ServerLocalIssuer(String issuer, SigningKeyStore signingKeys) implements LocalIssuer {

    ServerLocalIssuer {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(signingKeys, "signingKeys");
    }

    @Override
    public JWKSource<SecurityContext> publicKeys() {
        return (selector, context) -> selector.select(signingKeys.publicKeys());
    }
}
