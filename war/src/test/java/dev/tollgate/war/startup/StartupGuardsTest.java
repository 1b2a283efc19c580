package dev.tollgate.war.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.tollgate.api.Caller;
import dev.tollgate.impl.jwt.LocalIssuer;
import dev.tollgate.impl.server.store.StoreException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Until the start-up has completed, the gate's beans refuse (the gate answers 503); then they delegate. */
class StartupGuardsTest {

    private static final JWKSelector ANY = new JWKSelector(new JWKMatcher.Builder().build());

    private final StartupState state = new StartupState(Clock.systemUTC());

    @Test
    void revocationCheckerRefusesUntilStartedThenAsksTheServer() {
        AtomicInteger asked = new AtomicInteger();
        ServerBeans.StartedRevocationChecker checker = new ServerBeans.StartedRevocationChecker((tokenId, caller) -> {
            asked.incrementAndGet();
            return false;
        }, state);

        assertThrows(StoreException.class, () -> checker.isRevoked("jti", null));
        assertEquals(0, asked.get(), "the deny-list is not read before the schema is migrated");
        state.enter(StartupState.Phase.STARTED);
        assertFalse(checker.isRevoked("jti", null));
        assertEquals(1, asked.get());
    }

    @Test
    void plainCredentialVerifierRefusesUntilStarted() {
        ServerBeans.StartedPlainCredentialVerifier verifier = new ServerBeans.StartedPlainCredentialVerifier(
                (email, password) -> Optional.<Caller>empty(), state);

        assertThrows(StoreException.class, () -> verifier.verify("a@example.com", "pw".toCharArray()));
        state.enter(StartupState.Phase.WAITING_FOR_DATABASE);
        assertThrows(StoreException.class, () -> verifier.verify("a@example.com", "pw".toCharArray()));
        state.enter(StartupState.Phase.STARTED);
        assertTrue(verifier.verify("a@example.com", "pw".toCharArray()).isEmpty());
    }

    @Test
    void localIssuersKeysAreAKeySourceFailureUntilStartedAndWhenTheyCannotBeRead() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        JWKSource<SecurityContext> keys = (selector, context) -> {
            if (reads.incrementAndGet() == 2) {
                throw new StoreException("read signing keys", null);
            }
            return List.of();
        };
        StartedLocalIssuer issuer = new StartedLocalIssuer(local(keys), state);

        assertThrows(KeySourceException.class, () -> issuer.publicKeys().get(ANY, null));
        assertEquals(0, reads.get());
        state.enter(StartupState.Phase.STARTED);
        assertTrue(issuer.publicKeys().get(ANY, null).isEmpty());
        assertThrows(KeySourceException.class, () -> issuer.publicKeys().get(ANY, null),
                "a failed read is a key-source failure (503), never an unchecked exception (a refused token)");
        assertEquals("https://as.example", issuer.issuer());
    }

    private static LocalIssuer local(JWKSource<SecurityContext> keys) {
        return new LocalIssuer() {
            @Override
            public String issuer() {
                return "https://as.example";
            }

            @Override
            public JWKSource<SecurityContext> publicKeys() {
                return keys;
            }
        };
    }
}
