package dev.tollgate.war.startup;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.tollgate.impl.jwt.LocalIssuer;
import dev.tollgate.impl.server.key.SigningKeyStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Makes this server's own access tokens acceptable to the gate in front of its APIs (the demo API, later the admin
 * API): the gate finds this {@link LocalIssuer} as a CDI bean and verifies the tokens with the signing keys read
 * straight from the {@link SigningKeyStore}, the same published set as {@code /oauth2/jwks}.
 */
@ApplicationScoped
public class OwnTokensForTheGate implements LocalIssuer {

    @Inject
    SigningKeyStore signingKeys;

    @Inject
    ServerStores serverStores;

    private Optional<String> issuer;

    @PostConstruct
    void readIssuer() {
        issuer = serverStores.settings().tokens().issuer();
    }

    @Override
    public Optional<String> issuer() {
        return issuer;
    }

    @Override
    public JWKSource<SecurityContext> publicKeys() {
        return (selector, context) -> selector.select(signingKeys.publicKeys());
    }
}
